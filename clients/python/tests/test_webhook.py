import json
import os

import pytest

from enxtai_kyc import WebhookVerificationError, standard_webhooks_key, verify_webhook

VECTORS = json.load(open(os.path.join(os.path.dirname(__file__), "..", "..", "testdata", "webhook-vectors.json")))


@pytest.mark.parametrize("case", VECTORS["cases"], ids=[c["name"] for c in VECTORS["cases"]])
def test_vectors(case):
    """Deliveries signed by an independent script, shared with the Go and TypeScript SDKs."""
    def verify():
        return verify_webhook(case["headers"], case["body"].encode(), case["secret"], now=VECTORS["now"],
                              require_standard=case["requireStandard"])
    if case["ok"]:
        event = verify()
        assert event["event"] == "kyc.verification_completed"
        assert event["data"]["verificationScores"]["faceMatchScore"] == 0.87
    else:
        with pytest.raises(WebhookVerificationError):
            verify()


@pytest.mark.parametrize("secret,key", [
    ("whsec_aGVsbG8=", b"hello"), ("aGVsbG8=", b"hello"),
    ("not-base64-secret!", b"not-base64-secret!"), ("whsec_###", b"whsec_###"),
])
def test_standard_webhooks_key(secret, key):
    assert standard_webhooks_key(secret) == key


def test_guide_style_value_error():
    """The guide's Flask example catches ValueError; a failed verification is one."""
    with pytest.raises(ValueError):
        verify_webhook({"X-Signature": "00"}, b"{}", "secret")
