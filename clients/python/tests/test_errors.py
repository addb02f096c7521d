import time

import pytest

import enxtai_kyc
from enxtai_kyc.client import parse_address
from enxtai_kyc.errors import error_reason, make_error, retry_after


def _status_with_error_info(reason: str) -> bytes:
    """google.rpc.Status{code: 8, message: "x", details: [Any(ErrorInfo{reason})]}, encoded by hand."""
    def ld(field: int, payload: bytes) -> bytes:
        return bytes([field << 3 | 2, len(payload)]) + payload
    info = ld(1, reason.encode()) + ld(2, b"kyc.enxtai.com")
    any_ = ld(1, b"type.googleapis.com/google.rpc.ErrorInfo") + ld(2, info)
    return bytes([1 << 3, 8]) + ld(2, b"x") + ld(3, any_)


@pytest.mark.parametrize("code,md,cls,http,retryable,after", [
    ("NOT_FOUND", [], enxtai_kyc.NotFoundError, 404, False, None),
    ("UNAUTHENTICATED", [], enxtai_kyc.AuthenticationError, 401, False, None),
    ("INVALID_ARGUMENT", [], enxtai_kyc.InvalidArgumentError, 400, False, None),
    ("PERMISSION_DENIED", [], enxtai_kyc.PermissionDeniedError, 403, False, None),
    ("RESOURCE_EXHAUSTED", [("retry-after", "3")], enxtai_kyc.RateLimitError, 429, True, 3.0),
    ("RESOURCE_EXHAUSTED", [], enxtai_kyc.RateLimitError, 429, False, None),
    ("RESOURCE_EXHAUSTED", [("grpc-status-details-bin", _status_with_error_info("PAYLOAD_TOO_LARGE"))],
     enxtai_kyc.PayloadTooLargeError, 413, False, None),
    ("UNAVAILABLE", [], enxtai_kyc.UnavailableError, 503, True, None),
    ("DEADLINE_EXCEEDED", [], enxtai_kyc.DeadlineExceededError, 504, False, None),
])
def test_error_mapping(code, md, cls, http, retryable, after):
    err = make_error(code, "message", retry_after(md), error_reason(md))
    assert type(err) is cls and isinstance(err, enxtai_kyc.KycError)
    assert (err.code, err.message, err.http_status, err.retryable, err.retry_after) == (code, "message", http, retryable, after)


def test_error_reason_ignores_garbage():
    assert error_reason([("grpc-status-details-bin", b"\xff\xff\xff")]) == ""
    assert error_reason([("grpc-status-details-bin", _status_with_error_info("OTHER"))]) == "OTHER"


P = enxtai_kyc.RetryPolicy(max_attempts=4, initial_backoff=0.1, max_backoff=0.3, max_retry_after=10)
UNAVAILABLE = make_error("UNAVAILABLE", "x")
LIMITED = make_error("RESOURCE_EXHAUSTED", "x", 2.0)


@pytest.mark.parametrize("err,attempt,deadline,lo,hi", [
    (UNAVAILABLE, 1, None, 0.05, 0.1),
    (UNAVAILABLE, 2, None, 0.1, 0.2),
    (UNAVAILABLE, 3, None, 0.15, 0.3),
    (UNAVAILABLE, 4, None, None, None),  # attempts used up
    (LIMITED, 1, None, 2.0, 2.1),
    (make_error("RESOURCE_EXHAUSTED", "x", 60.0), 1, None, None, None),  # above max_retry_after
    (LIMITED, 1, 1.0, None, None),  # past the deadline
    (make_error("INVALID_ARGUMENT", "x"), 1, None, None, None),
])
def test_retry_wait(err, attempt, deadline, lo, hi):
    for _ in range(20):
        d = P.wait(err, attempt, None if deadline is None else time.monotonic() + deadline)
        if lo is None:
            assert d is None
        else:
            assert lo <= d <= hi


@pytest.mark.parametrize("address,target,tls", [
    ("127.0.0.1:9090", "127.0.0.1:9090", False), ("localhost:9090", "localhost:9090", False),
    ("[::1]:9090", "[::1]:9090", False), ("api.enxtai.com:443", "api.enxtai.com:443", True),
    ("https://api.enxtai.com", "api.enxtai.com:443", True), ("http://10.0.0.5:9090", "10.0.0.5:9090", False),
])
def test_parse_address(address, target, tls):
    assert parse_address(address) == (target, tls)


@pytest.mark.parametrize("address", ["", "no-port"])
def test_parse_address_refuses(address):
    with pytest.raises(ValueError):
        parse_address(address)


def test_no_api_key(monkeypatch):
    monkeypatch.delenv("ENXTAI_API_KEY", raising=False)
    with pytest.raises(ValueError, match="ENXTAI_API_KEY"):
        enxtai_kyc.Client("127.0.0.1:9090")
