"""End-to-end against the real server started by testenv: the flow, uploads, watch and typed errors."""
import io
import os
import threading
import uuid

import pytest

import enxtai_kyc
from enxtai_kyc import KycStatus
from helpers import StreamCounter, fast_retries, upload_all, user_id


def test_uploads_and_status(client, env):
    user = user_id("flow")
    s = client.initiate(user, email="john@example.com", phone="+919876543210", metadata={"source": "py-sdk"})
    assert s.status == KycStatus.Value("PENDING") and s.upload_urls.pan
    upload_all(client, env, user)
    status = client.get_status(s.kyc_session_id)
    assert status.external_user_id == user
    assert status.status >= KycStatus.Value("DOCUMENTS_UPLOADED") and status.progress > 0


def test_complete_flow_decision(client, env, pipeline_present):
    if not pipeline_present:
        pytest.skip("VerifyKyc is UNIMPLEMENTED: the verification pipeline (issue 6) is not in this server yet")
    user = user_id("decision")
    s = client.initiate(user)
    upload_all(client, env, user)
    final = client.wait_for_decision(s.kyc_session_id, timeout=180)
    assert enxtai_kyc.is_decided(final.status) and final.progress == 100
    v = client.verify(s.kyc_session_id, timeout=120)
    assert v.success and enxtai_kyc.is_decided(v.status)


def test_wait_for_decision_times_out_typed(client, env, pipeline_present):
    """An undecided session (documents missing) ends the wait with DeadlineExceededError naming the status."""
    s = client.initiate(user_id("undecided"))
    with pytest.raises(enxtai_kyc.DeadlineExceededError, match="no decision within 1s .status PENDING"):
        client.wait_for_decision(s.kyc_session_id, timeout=1)


def test_watch_status_follows_uploads(client, env):
    user = user_id("watch")
    s = client.initiate(user)
    seen = []
    done = threading.Event()

    def watch():
        try:
            for session in client.watch_status(s.kyc_session_id, timeout=60):
                seen.append(session.status)
                if session.status >= KycStatus.Value("DOCUMENTS_UPLOADED"):
                    break
        finally:
            done.set()

    threading.Thread(target=watch, daemon=True).start()
    upload_all(client, env, user)
    assert done.wait(60), f"watch saw only {seen}"
    assert seen[0] == KycStatus.Value("PENDING")
    assert seen[-1] >= KycStatus.Value("DOCUMENTS_UPLOADED")


class _Unseekable(io.RawIOBase):
    """A pipe-like reader: readable once, cannot seek."""

    def __init__(self, data: bytes):
        self._b = io.BytesIO(data)

    def readable(self):
        return True

    def read(self, n=-1):
        return self._b.read(n)


@pytest.mark.parametrize("kind", ["path", "bytes", "seekable file", "unseekable stream"])
def test_upload_five_megabytes(client, env, kind):
    path = env.doc("big.jpg")
    data = open(path, "rb").read()
    assert len(data) == 5_000_000
    source = {"path": path, "bytes": data, "seekable file": open(path, "rb"),
              "unseekable stream": _Unseekable(data)}[kind]
    user = user_id("big")
    s = client.initiate(user)
    r = client.upload_live_photo(user, source)
    assert r.success and r.kyc_session_id == s.kyc_session_id and r.document_url


def test_typed_errors(client, env):
    user = user_id("errors")
    client.initiate(user)
    counter = StreamCounter()
    with enxtai_kyc.Client(env.grpc_addr, "kyc_live_not-a-real-key") as bad, \
            enxtai_kyc.Client(env.grpc_addr, env.api_key, retry=fast_retries(), interceptors=[counter]) as counting:
        cases = [
            ("401 bad key", lambda: bad.get_status(str(uuid.uuid4())), enxtai_kyc.AuthenticationError, 401),
            ("401 upload with bad key", lambda: bad.upload_pan(user, env.doc("pan.jpg")), enxtai_kyc.AuthenticationError, 401),
            ("404 unknown session", lambda: client.get_status(str(uuid.uuid4())), enxtai_kyc.NotFoundError, 404),
            ("400 malformed id", lambda: client.get_status("not-a-uuid"), enxtai_kyc.InvalidArgumentError, 400),
            ("400 bad phone", lambda: client.initiate(user, phone="12345"), enxtai_kyc.InvalidArgumentError, 400),
            ("deadline: 5 MB upload given 1 ms", lambda: client.upload_pan(user, env.doc("big.jpg"), timeout=0.001),
             enxtai_kyc.DeadlineExceededError, 504),
            ("400 not an image", lambda: client.upload_pan(user, b"%PDF-1.7 " * 10000), enxtai_kyc.InvalidArgumentError, 400),
            ("413 above 5 MiB", lambda: counting.upload_pan(user, open(env.doc("big.jpg"), "rb").read() + bytes(5 * 1024 * 1024 - 5_000_000 + 1)),
             enxtai_kyc.PayloadTooLargeError, 413),
        ]
        for name, call, cls, http in cases:
            with pytest.raises(cls) as info:
                call()
            assert info.value.http_status == http, name
            assert info.value.message, name
        assert counter.calls == 1, "a too-large upload must not be retried"


def test_source_errors_are_the_callers(client):
    with pytest.raises(FileNotFoundError):
        client.upload_pan("someone", os.path.join("/nonexistent", "pan.jpg"))
    with pytest.raises(TypeError):
        client.upload_pan("someone", 12345)
