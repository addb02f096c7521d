"""Checks the signatures of webhook deliveries: the guide's X-Signature and the Standard Webhooks headers."""
from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import time
from typing import Any, Dict, Mapping, Optional, Union

DEFAULT_TOLERANCE = 300.0  # seconds a webhook-timestamp may be away from now before it counts as a replay


class WebhookVerificationError(ValueError):
    """The delivery is not proven to come from EnxtAI: answer 401 and ignore it."""


def verify_webhook(headers: Mapping[str, str], raw_body: Union[bytes, str], secret: str, *,
                   tolerance: float = DEFAULT_TOLERANCE, now: Optional[float] = None,
                   require_standard: bool = False) -> Dict[str, Any]:
    """Checks a delivery and returns its parsed JSON body.

    Pass the raw body exactly as received (Flask: request.get_data()). When the Standard Webhooks headers
    (webhook-id, webhook-timestamp, webhook-signature) are present they must verify, with the timestamp within
    `tolerance` seconds of now; when X-Signature (hex HMAC-SHA256 of the body, the guide's scheme) is present it
    must verify too; at least one must be there (with require_standard, the Standard Webhooks ones).
    """
    if not secret:
        raise WebhookVerificationError("empty secret")
    body = raw_body.encode() if isinstance(raw_body, str) else bytes(raw_body)
    h = {str(k).lower(): str(v) for k, v in headers.items()}
    has_std = bool(h.get("webhook-signature"))
    has_hex = bool(h.get("x-signature"))
    if not has_std and not has_hex:
        raise WebhookVerificationError("no X-Signature or webhook-signature header")
    if require_standard and not has_std:
        raise WebhookVerificationError("no Standard Webhooks headers")
    if has_std:
        _verify_standard(h, body, secret, tolerance, time.time() if now is None else now)
    if has_hex:
        _verify_hex(h["x-signature"], body, secret)
    try:
        return json.loads(body)
    except ValueError as e:
        raise WebhookVerificationError(f"body is not JSON: {e}") from None


def standard_webhooks_key(secret: str) -> bytes:
    """The Standard Webhooks HMAC key: the secret without "whsec_", base64-decoded; a secret that is not base64
    is used as its raw bytes (as the server signs)."""
    try:
        return base64.b64decode(secret[6:] if secret.startswith("whsec_") else secret, validate=True)
    except (binascii.Error, ValueError):
        return secret.encode()


def _verify_hex(got: str, body: bytes, secret: str) -> None:
    want = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(got.strip().lower(), want):
        raise WebhookVerificationError("X-Signature does not match")


def _verify_standard(h: Mapping[str, str], body: bytes, secret: str, tolerance: float, now: float) -> None:
    msg_id, ts = h.get("webhook-id", ""), h.get("webhook-timestamp", "")
    if not msg_id or not ts:
        raise WebhookVerificationError("webhook-id or webhook-timestamp missing")
    try:
        sent = int(ts)
    except ValueError:
        raise WebhookVerificationError("webhook-timestamp is not a number") from None
    if abs(now - sent) > tolerance:
        raise WebhookVerificationError(f"webhook-timestamp is {now - sent:.0f}s away from now (a replay?)")
    mac = hmac.new(standard_webhooks_key(secret), f"{msg_id}.{ts}.".encode() + body, hashlib.sha256).digest()
    for sig in h["webhook-signature"].split():
        version, _, b64 = sig.partition(",")
        if version != "v1":
            continue
        try:
            got = base64.b64decode(b64, validate=True)
        except (binascii.Error, ValueError):
            continue
        if hmac.compare_digest(got, mac):
            return
    raise WebhookVerificationError("no webhook-signature matches")
