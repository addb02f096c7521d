"""Client: the KYC API over one gRPC channel, with the API key, retries, typed errors and deadlines."""
from __future__ import annotations

import ipaddress
import os
import time
import uuid
from typing import Any, Iterator, List, Mapping, Optional, Tuple

import grpc

from .errors import DeadlineExceededError, KycError, UnimplementedError, from_rpc_error
from .gen.kyc.v1 import document_pb2, kyc_service_pb2, kyc_service_pb2_grpc, status_pb2
from .retry import RetryPolicy
from .source import CHUNK_SIZE, Replayable, Source, sniff_type

API_KEY_ENV = "ENXTAI_API_KEY"

DECIDED = frozenset({status_pb2.FACE_VERIFIED, status_pb2.PENDING_REVIEW, status_pb2.VERIFIED, status_pb2.REJECTED})


def is_decided(status: int) -> bool:
    """Whether a status is a decision: FACE_VERIFIED or PENDING_REVIEW (the machine's), VERIFIED or REJECTED (a
    reviewer's)."""
    return status in DECIDED


_DEFAULT: Any = object()  # "the client's default timeout" (None means: no timeout)


class Client:
    """Calls the KYC API over gRPC. Thread-safe; use as a context manager or call close().

    address: "host:port", "http://host:port" (plaintext) or "https://host[:port]"; a bare loopback host is
    plaintext, any other bare host uses TLS unless tls says otherwise. api_key defaults to $ENXTAI_API_KEY.
    timeout (seconds) bounds each call, retries included, unless the call passes its own. interceptors are
    grpc client interceptors (logging, tracing) wrapped around every attempt.
    """

    def __init__(self, address: str, api_key: Optional[str] = None, *, tls: Optional[bool] = None,
                 retry: Optional[RetryPolicy] = None, timeout: Optional[float] = 60.0,
                 channel_options: Optional[List[Tuple[str, object]]] = None,
                 interceptors: Optional[List[object]] = None):
        key = api_key if api_key is not None else os.environ.get(API_KEY_ENV, "")
        if not key:
            raise ValueError(f"no API key: pass api_key or set {API_KEY_ENV}")
        target, use_tls = parse_address(address)
        if tls is not None:
            use_tls = tls
        options = channel_options or []
        if use_tls:
            self._channel = grpc.secure_channel(target, grpc.ssl_channel_credentials(), options=options)
        else:
            self._channel = grpc.insecure_channel(target, options=options)
        channel = grpc.intercept_channel(self._channel, *interceptors) if interceptors else self._channel
        self.stub = kyc_service_pb2_grpc.KycServiceStub(channel)
        self._metadata = (("x-api-key", key),)
        self._retry = retry or RetryPolicy()
        self._timeout = timeout

    def close(self) -> None:
        self._channel.close()

    def __enter__(self) -> "Client":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- calls ---------------------------------------------------------------------------------------------

    def initiate(self, external_user_id: str, email: Optional[str] = None, phone: Optional[str] = None,
                 metadata: Optional[Mapping[str, str]] = None, *, idempotency_key: Optional[str] = None,
                 timeout: Optional[float] = _DEFAULT, max_attempts: Optional[int] = None
                 ) -> kyc_service_pb2.InitiateKycResponse:
        """Creates a KYC session (superseding the user's open one). Retries carry one Idempotency-Key, so a
        retried call returns the first session instead of opening another."""
        req = kyc_service_pb2.InitiateKycRequest(external_user_id=external_user_id, email=email or "",
                                                 phone=phone or "", metadata=dict(metadata or {}))
        md = self._metadata + (("idempotency-key", idempotency_key or uuid.uuid4().hex),)
        return self._unary(self.stub.InitiateKyc, req, md, timeout, max_attempts)

    def get_status(self, kyc_session_id: str, *, timeout: Optional[float] = _DEFAULT,
                   max_attempts: Optional[int] = None) -> kyc_service_pb2.KycSession:
        """The session's status, progress, extracted data and scores."""
        req = kyc_service_pb2.GetKycStatusRequest(kyc_session_id=kyc_session_id)
        return self._unary(self.stub.GetKycStatus, req, self._metadata, timeout, max_attempts).session

    def verify(self, kyc_session_id: str, *, timeout: Optional[float] = _DEFAULT,
               max_attempts: Optional[int] = None) -> kyc_service_pb2.VerifyKycResponse:
        """Runs (or re-runs) face verification for a session with all four documents and waits, bounded by the
        server, for the result."""
        req = kyc_service_pb2.VerifyKycRequest(kyc_session_id=kyc_session_id)
        return self._unary(self.stub.VerifyKyc, req, self._metadata, timeout, max_attempts)

    def upload_pan(self, external_user_id: str, source: Source, *, timeout: Optional[float] = _DEFAULT,
                   max_attempts: Optional[int] = None) -> kyc_service_pb2.UploadDocumentResponse:
        """Streams the PAN card image (path, bytes or binary file object) into the user's open session."""
        return self.upload_document(document_pb2.DOCUMENT_TYPE_PAN_CARD, source, external_user_id=external_user_id,
                                    timeout=timeout, max_attempts=max_attempts)

    def upload_aadhaar_front(self, external_user_id: str, source: Source, *, timeout: Optional[float] = _DEFAULT,
                             max_attempts: Optional[int] = None) -> kyc_service_pb2.UploadDocumentResponse:
        """Streams the Aadhaar front (with the photograph)."""
        return self.upload_document(document_pb2.DOCUMENT_TYPE_AADHAAR_FRONT, source, external_user_id=external_user_id,
                                    timeout=timeout, max_attempts=max_attempts)

    def upload_aadhaar_back(self, external_user_id: str, source: Source, *, timeout: Optional[float] = _DEFAULT,
                            max_attempts: Optional[int] = None) -> kyc_service_pb2.UploadDocumentResponse:
        """Streams the Aadhaar back (with the address)."""
        return self.upload_document(document_pb2.DOCUMENT_TYPE_AADHAAR_BACK, source, external_user_id=external_user_id,
                                    timeout=timeout, max_attempts=max_attempts)

    def upload_live_photo(self, external_user_id: str, source: Source, *, timeout: Optional[float] = _DEFAULT,
                          max_attempts: Optional[int] = None) -> kyc_service_pb2.UploadDocumentResponse:
        """Streams the live photo (selfie); with all four documents present, verification starts."""
        return self.upload_document(document_pb2.DOCUMENT_TYPE_LIVE_PHOTO, source, external_user_id=external_user_id,
                                    timeout=timeout, max_attempts=max_attempts)

    def upload_document(self, document_type: int, source: Source, *, external_user_id: Optional[str] = None,
                        kyc_session_id: Optional[str] = None, timeout: Optional[float] = _DEFAULT,
                        max_attempts: Optional[int] = None) -> kyc_service_pb2.UploadDocumentResponse:
        """Streams a document in 64 KiB messages (metadata first), reading the source as it goes; its size, when
        known (a path, bytes, a seekable file), is declared so the server stores it while it arrives and refuses
        one over the limit before its first byte. A failed upload is sent again only when the source can be read
        again: a path, bytes, or a seekable file."""
        meta = kyc_service_pb2.UploadMetadata(document_type=document_type)
        if kyc_session_id:
            meta.kyc_session_id = kyc_session_id
        else:
            meta.external_user_id = external_user_id or ""
        src = Replayable(source)
        consumed = [False]

        def attempt(left: Optional[float]) -> kyc_service_pb2.UploadDocumentResponse:
            opened = src.open()
            failure: List[BaseException] = []
            try:
                return self.stub.UploadDocument(_requests(meta, opened, failure), metadata=self._metadata, timeout=left)
            except grpc.RpcError as e:
                if failure:  # the source failed, not the network: the caller's error
                    raise failure[0] from None
                raise from_rpc_error(e) from None
            finally:
                consumed[0] = consumed[0] or opened.read_bytes > 0
                opened.close()

        policy = self._policy(max_attempts)
        return policy.run(attempt, self._deadline(timeout), lambda: src.replayable or not consumed[0])

    def watch_status(self, kyc_session_id: str, *, timeout: Optional[float] = None
                     ) -> Iterator[kyc_service_pb2.KycSession]:
        """Yields the session as it is now, then after every change, until the server ends the stream (the
        session is decided) or timeout seconds pass (DeadlineExceededError). A dropped connection is resumed
        under the retry policy; the server sends the current state again first."""
        deadline = None if timeout is None else time.monotonic() + timeout
        req = kyc_service_pb2.WatchKycStatusRequest(kyc_session_id=kyc_session_id)
        attempt = 0
        while True:
            attempt += 1
            left = None if deadline is None else max(deadline - time.monotonic(), 0.001)
            call = self.stub.WatchKycStatus(req, metadata=self._metadata, timeout=left)
            try:
                for msg in call:
                    attempt = 1  # progress: a later drop starts the backoff afresh
                    yield msg.session
                return
            except grpc.RpcError as e:
                err = from_rpc_error(e)
                delay = self._retry.wait(err, attempt, deadline)
                if delay is None:
                    raise err from None
                time.sleep(delay)
            finally:
                call.cancel()

    def wait_for_decision(self, kyc_session_id: str, timeout: float) -> kyc_service_pb2.KycSession:
        """Returns the session once decided (see is_decided), following its status stream, or polling every
        second where the server cannot stream. Raises DeadlineExceededError after timeout seconds."""
        deadline = time.monotonic() + timeout
        last: Optional[kyc_service_pb2.KycSession] = None
        try:
            for s in self.watch_status(kyc_session_id, timeout=timeout):
                last = s
                if is_decided(s.status):
                    return s
        except UnimplementedError:
            pass
        except DeadlineExceededError:
            raise self._undecided(timeout, last) from None
        while True:  # the stream ended undecided, or streaming is not offered: poll
            left = deadline - time.monotonic()
            if left <= 0:
                raise self._undecided(timeout, last)
            try:
                last = self.get_status(kyc_session_id, timeout=left)
            except DeadlineExceededError:
                raise self._undecided(timeout, last) from None
            if is_decided(last.status):
                return last
            time.sleep(min(1.0, max(deadline - time.monotonic(), 0)))

    # -- plumbing ------------------------------------------------------------------------------------------

    @staticmethod
    def _undecided(timeout: float, last: Optional[kyc_service_pb2.KycSession]) -> DeadlineExceededError:
        status = status_pb2.KycStatus.Name(last.status) if last is not None else "unknown"
        return DeadlineExceededError("DEADLINE_EXCEEDED", f"no decision within {timeout:g}s (status {status})")

    def _deadline(self, timeout: Optional[float]) -> Optional[float]:
        t = self._timeout if timeout is _DEFAULT else timeout
        return None if t is None else time.monotonic() + float(t)

    def _policy(self, max_attempts: Optional[int]) -> RetryPolicy:
        if max_attempts is None:
            return self._retry
        return RetryPolicy(max_attempts, self._retry.initial_backoff, self._retry.max_backoff,
                           self._retry.multiplier, self._retry.max_retry_after)

    def _unary(self, method, req, metadata, timeout: Optional[float], max_attempts: Optional[int]):
        def attempt(left: Optional[float]):
            try:
                return method(req, metadata=metadata, timeout=left)
            except grpc.RpcError as e:
                raise from_rpc_error(e) from None

        return self._policy(max_attempts).run(attempt, self._deadline(timeout))


def _requests(meta: kyc_service_pb2.UploadMetadata, opened, failure: List[BaseException]):
    """The upload's messages: metadata (with the content type sniffed from the first chunk), then chunks. An
    exception from the source is kept for the caller (gRPC would report it only as UNKNOWN)."""
    try:
        chunk = opened.read(CHUNK_SIZE)
        m = kyc_service_pb2.UploadMetadata()
        m.CopyFrom(meta)
        m.content_type = sniff_type(chunk)
        m.size_bytes = opened.size  # known sizes let the server store while receiving and refuse early
        if opened.name:
            m.file_name = opened.name
        yield kyc_service_pb2.UploadDocumentRequest(metadata=m)
        while chunk:
            yield kyc_service_pb2.UploadDocumentRequest(chunk=chunk)
            chunk = opened.read(CHUNK_SIZE)
    except Exception as e:  # noqa: BLE001 - handed to the caller as is
        failure.append(e)
        raise


def parse_address(address: str) -> Tuple[str, bool]:
    """The gRPC target and whether to use TLS."""
    if address.startswith(("http://", "https://")):
        scheme, rest = address.split("://", 1)
        host = rest.split("/", 1)[0]
        if scheme == "https" and not _has_port(host):
            host += ":443"
        return host, scheme == "https"
    if not address or not _has_port(address):
        raise ValueError(f"address {address!r}: want host:port, http://host:port or https://host")
    host = address.rsplit(":", 1)[0].strip("[]")
    return address, not _is_loopback(host)


def _has_port(hostport: str) -> bool:
    if hostport.startswith("["):
        return "]:" in hostport
    return ":" in hostport and hostport.rsplit(":", 1)[1].isdigit()


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


__all__ = ["Client", "DECIDED", "is_decided", "parse_address", "KycError", "API_KEY_ENV"]
