"""Typed errors: every failed call raises a KycError subclass carrying the gRPC code, the server's message
(safe to show) and, for rate limits, the server's retry-after."""
from __future__ import annotations

from typing import Optional, Sequence, Tuple

import grpc

REASON_PAYLOAD_TOO_LARGE = "PAYLOAD_TOO_LARGE"

_HTTP = {
    "INVALID_ARGUMENT": 400, "FAILED_PRECONDITION": 400, "OUT_OF_RANGE": 400, "UNAUTHENTICATED": 401,
    "PERMISSION_DENIED": 403, "NOT_FOUND": 404, "ALREADY_EXISTS": 409, "ABORTED": 409,
    "RESOURCE_EXHAUSTED": 429, "CANCELLED": 499, "UNIMPLEMENTED": 501, "UNAVAILABLE": 503,
    "DEADLINE_EXCEEDED": 504,
}


class KycError(Exception):
    """A failed call: `code` is the gRPC status name (e.g. "NOT_FOUND"), `message` the server's text."""

    def __init__(self, code: str, message: str, retry_after: Optional[float] = None, reason: str = ""):
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.retry_after = retry_after  # seconds the server asked to wait (rate limits), or None
        self.reason = reason  # google.rpc.ErrorInfo reason when the server sent one

    @property
    def http_status(self) -> int:
        """The REST status code of the same failure, as the API guide lists them."""
        if self.code == "RESOURCE_EXHAUSTED" and self.reason == REASON_PAYLOAD_TOO_LARGE:
            return 413
        return _HTTP.get(self.code, 500)

    @property
    def retryable(self) -> bool:
        """Whether sending the same call again may succeed: UNAVAILABLE, or a rate limit with retry-after."""
        return self.code == "UNAVAILABLE" or (self.code == "RESOURCE_EXHAUSTED" and bool(self.retry_after))


class InvalidArgumentError(KycError):
    """400: the request or the file is not acceptable; fix it before sending again."""


class AuthenticationError(KycError):
    """401: missing, unknown or revoked API key."""


class PermissionDeniedError(KycError):
    """403: the session belongs to another client, or the key may not call this."""


class NotFoundError(KycError):
    """404: no such session."""


class FailedPreconditionError(KycError):
    """400: the session is not in a state that allows this (e.g. verify before all documents)."""


class RateLimitError(KycError):
    """429: too many requests; `retry_after` says how long to wait."""


class PayloadTooLargeError(KycError):
    """413: the file is larger than the API accepts (5 MB)."""


class UnavailableError(KycError):
    """503: the server could not be reached or is restarting; retried automatically."""


class DeadlineExceededError(KycError):
    """The call's deadline passed (or wait_for_decision's timeout)."""


class UnimplementedError(KycError):
    """The server does not offer this call."""


_CLASSES = {
    "INVALID_ARGUMENT": InvalidArgumentError, "OUT_OF_RANGE": InvalidArgumentError,
    "UNAUTHENTICATED": AuthenticationError, "PERMISSION_DENIED": PermissionDeniedError,
    "NOT_FOUND": NotFoundError, "FAILED_PRECONDITION": FailedPreconditionError,
    "UNAVAILABLE": UnavailableError, "DEADLINE_EXCEEDED": DeadlineExceededError,
    "UNIMPLEMENTED": UnimplementedError,
}


def make_error(code: str, message: str, retry_after: Optional[float] = None, reason: str = "") -> KycError:
    """The KycError subclass for a status code name."""
    if code == "RESOURCE_EXHAUSTED":
        cls = PayloadTooLargeError if reason == REASON_PAYLOAD_TOO_LARGE else RateLimitError
    else:
        cls = _CLASSES.get(code, KycError)
    return cls(code, message, retry_after, reason)


Metadata = Sequence[Tuple[str, object]]


def from_rpc_error(err: grpc.RpcError) -> KycError:
    """Turns a grpc.RpcError (which is also a grpc.Call) into a KycError."""
    code = err.code() if hasattr(err, "code") else grpc.StatusCode.UNKNOWN
    details = err.details() if hasattr(err, "details") else str(err)
    md = list(_metadata(err, "initial_metadata")) + list(_metadata(err, "trailing_metadata"))
    return make_error(code.name if code else "UNKNOWN", details or "", retry_after(md), error_reason(md))


def _metadata(err: object, name: str) -> Metadata:
    try:
        return getattr(err, name)() or ()
    except Exception:  # a call that never started has no metadata
        return ()


def retry_after(md: Metadata) -> Optional[float]:
    """The retry-after metadata in seconds (as in HTTP), or None."""
    for key, value in md:
        if key.lower() == "retry-after":
            try:
                seconds = float(value.decode() if isinstance(value, bytes) else value)  # type: ignore[union-attr]
            except ValueError:
                continue
            if seconds >= 0:
                return seconds
    return None


def error_reason(md: Metadata) -> str:
    """The google.rpc.ErrorInfo reason from the grpc-status-details-bin trailer, or ""."""
    for key, value in md:
        if key == "grpc-status-details-bin" and isinstance(value, bytes):
            try:
                return _reason_from_status(value)
            except (IndexError, ValueError):
                return ""
    return ""


def _reason_from_status(data: bytes) -> str:
    # google.rpc.Status: details = 3 (Any: type_url = 1, value = 2); ErrorInfo: reason = 1. Read by hand, so
    # the package needs no googleapis-common-protos.
    for field, value in _fields(data):
        if field != 3:
            continue
        any_fields = dict(_fields(value))
        if any_fields.get(1, b"").endswith(b"/google.rpc.ErrorInfo"):
            for f, v in _fields(any_fields.get(2, b"")):
                if f == 1:
                    return v.decode()
    return ""


def _fields(data: bytes):
    """Yields (field number, bytes) of the length-delimited fields of a protobuf message; skips varints."""
    i = 0
    while i < len(data):
        key, i = _varint(data, i)
        field, wire = key >> 3, key & 7
        if wire == 0:
            _, i = _varint(data, i)
        elif wire == 2:
            n, i = _varint(data, i)
            if i + n > len(data):
                raise ValueError("truncated")
            yield field, data[i:i + n]
            i += n
        elif wire == 1:
            i += 8
        elif wire == 5:
            i += 4
        else:
            raise ValueError("unsupported wire type")


def _varint(data: bytes, i: int):
    shift = result = 0
    while True:
        b = data[i]
        i += 1
        result |= (b & 0x7F) << shift
        if not b & 0x80:
            return result, i
        shift += 7
