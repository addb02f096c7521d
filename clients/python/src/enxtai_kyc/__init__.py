"""EnxtAI KYC API client over gRPC.

    from enxtai_kyc import Client
    with Client("127.0.0.1:9090") as kyc:          # API key from ENXTAI_API_KEY
        s = kyc.initiate("customer-12345")
        kyc.upload_pan("customer-12345", "documents/pan.jpg")
        ...
        final = kyc.wait_for_decision(s.kyc_session_id, timeout=300)

The generated stubs are in enxtai_kyc.gen.kyc.v1 (kyc_service_pb2, kyc_service_pb2_grpc, status_pb2, ...).
"""
from .client import API_KEY_ENV, DECIDED, Client, is_decided
from .errors import (AuthenticationError, DeadlineExceededError, FailedPreconditionError, InvalidArgumentError,
                     KycError, NotFoundError, PayloadTooLargeError, PermissionDeniedError, RateLimitError,
                     UnavailableError, UnimplementedError)
from .gen.kyc.v1.document_pb2 import DocumentType
from .gen.kyc.v1.status_pb2 import KycStatus
from .retry import RetryPolicy
from .source import CHUNK_SIZE
from .webhook import WebhookVerificationError, standard_webhooks_key, verify_webhook

__all__ = [
    "API_KEY_ENV", "CHUNK_SIZE", "DECIDED", "Client", "DocumentType", "KycStatus", "RetryPolicy", "is_decided",
    "verify_webhook", "standard_webhooks_key", "WebhookVerificationError", "KycError", "AuthenticationError",
    "DeadlineExceededError", "FailedPreconditionError", "InvalidArgumentError", "NotFoundError",
    "PayloadTooLargeError", "PermissionDeniedError", "RateLimitError", "UnavailableError", "UnimplementedError",
]
