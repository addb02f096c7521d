from google.protobuf import struct_pb2 as _struct_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from enxtai_kyc.gen.kyc.v1 import document_pb2 as _document_pb2
from enxtai_kyc.gen.kyc.v1 import kyc_service_pb2 as _kyc_service_pb2
from enxtai_kyc.gen.kyc.v1 import status_pb2 as _status_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ApproveKycRequest(_message.Message):
    __slots__ = ["generation", "kyc_session_id", "reason"]
    GENERATION_FIELD_NUMBER: _ClassVar[int]
    KYC_SESSION_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    generation: int
    kyc_session_id: str
    reason: str
    def __init__(self, kyc_session_id: _Optional[str] = ..., reason: _Optional[str] = ..., generation: _Optional[int] = ...) -> None: ...

class ApproveKycResponse(_message.Message):
    __slots__ = ["session"]
    SESSION_FIELD_NUMBER: _ClassVar[int]
    session: _kyc_service_pb2.KycSession
    def __init__(self, session: _Optional[_Union[_kyc_service_pb2.KycSession, _Mapping]] = ...) -> None: ...

class AuditEntry(_message.Message):
    __slots__ = ["action", "actor_id", "actor_type", "client_id", "detail", "id", "ip", "key_id", "occurred_at", "request_id", "target_id", "target_type"]
    ACTION_FIELD_NUMBER: _ClassVar[int]
    ACTOR_ID_FIELD_NUMBER: _ClassVar[int]
    ACTOR_TYPE_FIELD_NUMBER: _ClassVar[int]
    CLIENT_ID_FIELD_NUMBER: _ClassVar[int]
    DETAIL_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    IP_FIELD_NUMBER: _ClassVar[int]
    KEY_ID_FIELD_NUMBER: _ClassVar[int]
    OCCURRED_AT_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    TARGET_ID_FIELD_NUMBER: _ClassVar[int]
    TARGET_TYPE_FIELD_NUMBER: _ClassVar[int]
    action: str
    actor_id: str
    actor_type: str
    client_id: str
    detail: _struct_pb2.Struct
    id: int
    ip: str
    key_id: str
    occurred_at: _timestamp_pb2.Timestamp
    request_id: str
    target_id: str
    target_type: str
    def __init__(self, id: _Optional[int] = ..., occurred_at: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., actor_type: _Optional[str] = ..., actor_id: _Optional[str] = ..., key_id: _Optional[str] = ..., client_id: _Optional[str] = ..., action: _Optional[str] = ..., target_type: _Optional[str] = ..., target_id: _Optional[str] = ..., ip: _Optional[str] = ..., request_id: _Optional[str] = ..., detail: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ...) -> None: ...

class GetDocumentRequest(_message.Message):
    __slots__ = ["document_type", "kyc_session_id"]
    DOCUMENT_TYPE_FIELD_NUMBER: _ClassVar[int]
    KYC_SESSION_ID_FIELD_NUMBER: _ClassVar[int]
    document_type: _document_pb2.DocumentType
    kyc_session_id: str
    def __init__(self, kyc_session_id: _Optional[str] = ..., document_type: _Optional[_Union[_document_pb2.DocumentType, str]] = ...) -> None: ...

class GetDocumentResponse(_message.Message):
    __slots__ = ["chunk", "info"]
    CHUNK_FIELD_NUMBER: _ClassVar[int]
    INFO_FIELD_NUMBER: _ClassVar[int]
    chunk: bytes
    info: ReviewDocument
    def __init__(self, info: _Optional[_Union[ReviewDocument, _Mapping]] = ..., chunk: _Optional[bytes] = ...) -> None: ...

class GetReviewRequest(_message.Message):
    __slots__ = ["kyc_session_id"]
    KYC_SESSION_ID_FIELD_NUMBER: _ClassVar[int]
    kyc_session_id: str
    def __init__(self, kyc_session_id: _Optional[str] = ...) -> None: ...

class GetReviewResponse(_message.Message):
    __slots__ = ["client_id", "client_name", "decided_at", "documents", "documents_erased_at", "email", "environment", "erased_at", "events", "generation", "metadata", "ocr_result", "phone", "review_reasons", "session", "superseded_at"]
    class MetadataEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    CLIENT_ID_FIELD_NUMBER: _ClassVar[int]
    CLIENT_NAME_FIELD_NUMBER: _ClassVar[int]
    DECIDED_AT_FIELD_NUMBER: _ClassVar[int]
    DOCUMENTS_ERASED_AT_FIELD_NUMBER: _ClassVar[int]
    DOCUMENTS_FIELD_NUMBER: _ClassVar[int]
    EMAIL_FIELD_NUMBER: _ClassVar[int]
    ENVIRONMENT_FIELD_NUMBER: _ClassVar[int]
    ERASED_AT_FIELD_NUMBER: _ClassVar[int]
    EVENTS_FIELD_NUMBER: _ClassVar[int]
    GENERATION_FIELD_NUMBER: _ClassVar[int]
    METADATA_FIELD_NUMBER: _ClassVar[int]
    OCR_RESULT_FIELD_NUMBER: _ClassVar[int]
    PHONE_FIELD_NUMBER: _ClassVar[int]
    REVIEW_REASONS_FIELD_NUMBER: _ClassVar[int]
    SESSION_FIELD_NUMBER: _ClassVar[int]
    SUPERSEDED_AT_FIELD_NUMBER: _ClassVar[int]
    client_id: str
    client_name: str
    decided_at: _timestamp_pb2.Timestamp
    documents: _containers.RepeatedCompositeFieldContainer[ReviewDocument]
    documents_erased_at: _timestamp_pb2.Timestamp
    email: str
    environment: str
    erased_at: _timestamp_pb2.Timestamp
    events: _containers.RepeatedCompositeFieldContainer[SessionEvent]
    generation: int
    metadata: _containers.ScalarMap[str, str]
    ocr_result: _struct_pb2.Struct
    phone: str
    review_reasons: _containers.RepeatedCompositeFieldContainer[ReviewReason]
    session: _kyc_service_pb2.KycSession
    superseded_at: _timestamp_pb2.Timestamp
    def __init__(self, session: _Optional[_Union[_kyc_service_pb2.KycSession, _Mapping]] = ..., client_id: _Optional[str] = ..., client_name: _Optional[str] = ..., environment: _Optional[str] = ..., email: _Optional[str] = ..., phone: _Optional[str] = ..., metadata: _Optional[_Mapping[str, str]] = ..., review_reasons: _Optional[_Iterable[_Union[ReviewReason, _Mapping]]] = ..., ocr_result: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ..., documents: _Optional[_Iterable[_Union[ReviewDocument, _Mapping]]] = ..., events: _Optional[_Iterable[_Union[SessionEvent, _Mapping]]] = ..., generation: _Optional[int] = ..., decided_at: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., superseded_at: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., erased_at: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., documents_erased_at: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ListAuditEntriesRequest(_message.Message):
    __slots__ = ["action", "actor_id", "actor_type", "client_id", "page_size", "page_token", "since", "target_id", "until"]
    ACTION_FIELD_NUMBER: _ClassVar[int]
    ACTOR_ID_FIELD_NUMBER: _ClassVar[int]
    ACTOR_TYPE_FIELD_NUMBER: _ClassVar[int]
    CLIENT_ID_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    SINCE_FIELD_NUMBER: _ClassVar[int]
    TARGET_ID_FIELD_NUMBER: _ClassVar[int]
    UNTIL_FIELD_NUMBER: _ClassVar[int]
    action: str
    actor_id: str
    actor_type: str
    client_id: str
    page_size: int
    page_token: str
    since: _timestamp_pb2.Timestamp
    target_id: str
    until: _timestamp_pb2.Timestamp
    def __init__(self, actor_type: _Optional[str] = ..., actor_id: _Optional[str] = ..., client_id: _Optional[str] = ..., action: _Optional[str] = ..., target_id: _Optional[str] = ..., since: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., until: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListAuditEntriesResponse(_message.Message):
    __slots__ = ["entries", "next_page_token"]
    ENTRIES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    entries: _containers.RepeatedCompositeFieldContainer[AuditEntry]
    next_page_token: str
    def __init__(self, entries: _Optional[_Iterable[_Union[AuditEntry, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class ListReviewsRequest(_message.Message):
    __slots__ = ["client_id", "created_after", "created_before", "environment", "page_size", "page_token", "status"]
    CLIENT_ID_FIELD_NUMBER: _ClassVar[int]
    CREATED_AFTER_FIELD_NUMBER: _ClassVar[int]
    CREATED_BEFORE_FIELD_NUMBER: _ClassVar[int]
    ENVIRONMENT_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    client_id: str
    created_after: _timestamp_pb2.Timestamp
    created_before: _timestamp_pb2.Timestamp
    environment: str
    page_size: int
    page_token: str
    status: _status_pb2.KycStatus
    def __init__(self, status: _Optional[_Union[_status_pb2.KycStatus, str]] = ..., client_id: _Optional[str] = ..., environment: _Optional[str] = ..., created_after: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., created_before: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListReviewsResponse(_message.Message):
    __slots__ = ["next_page_token", "sessions"]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    SESSIONS_FIELD_NUMBER: _ClassVar[int]
    next_page_token: str
    sessions: _containers.RepeatedCompositeFieldContainer[ReviewSummary]
    def __init__(self, sessions: _Optional[_Iterable[_Union[ReviewSummary, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class RejectKycRequest(_message.Message):
    __slots__ = ["generation", "kyc_session_id", "reason"]
    GENERATION_FIELD_NUMBER: _ClassVar[int]
    KYC_SESSION_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    generation: int
    kyc_session_id: str
    reason: str
    def __init__(self, kyc_session_id: _Optional[str] = ..., reason: _Optional[str] = ..., generation: _Optional[int] = ...) -> None: ...

class RejectKycResponse(_message.Message):
    __slots__ = ["session"]
    SESSION_FIELD_NUMBER: _ClassVar[int]
    session: _kyc_service_pb2.KycSession
    def __init__(self, session: _Optional[_Union[_kyc_service_pb2.KycSession, _Mapping]] = ...) -> None: ...

class ReviewDocument(_message.Message):
    __slots__ = ["content_type", "document_type", "height", "sha256", "size_bytes", "uploaded_at", "url", "version", "width"]
    CONTENT_TYPE_FIELD_NUMBER: _ClassVar[int]
    DOCUMENT_TYPE_FIELD_NUMBER: _ClassVar[int]
    HEIGHT_FIELD_NUMBER: _ClassVar[int]
    SHA256_FIELD_NUMBER: _ClassVar[int]
    SIZE_BYTES_FIELD_NUMBER: _ClassVar[int]
    UPLOADED_AT_FIELD_NUMBER: _ClassVar[int]
    URL_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    WIDTH_FIELD_NUMBER: _ClassVar[int]
    content_type: str
    document_type: _document_pb2.DocumentType
    height: int
    sha256: str
    size_bytes: int
    uploaded_at: _timestamp_pb2.Timestamp
    url: str
    version: int
    width: int
    def __init__(self, document_type: _Optional[_Union[_document_pb2.DocumentType, str]] = ..., content_type: _Optional[str] = ..., size_bytes: _Optional[int] = ..., width: _Optional[int] = ..., height: _Optional[int] = ..., sha256: _Optional[str] = ..., version: _Optional[int] = ..., uploaded_at: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., url: _Optional[str] = ...) -> None: ...

class ReviewReason(_message.Message):
    __slots__ = ["code", "message"]
    CODE_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    code: str
    message: str
    def __init__(self, code: _Optional[str] = ..., message: _Optional[str] = ...) -> None: ...

class ReviewSummary(_message.Message):
    __slots__ = ["client_id", "client_name", "created_at", "environment", "external_user_id", "kyc_session_id", "review_reason_codes", "status", "updated_at", "verification_scores"]
    CLIENT_ID_FIELD_NUMBER: _ClassVar[int]
    CLIENT_NAME_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    ENVIRONMENT_FIELD_NUMBER: _ClassVar[int]
    EXTERNAL_USER_ID_FIELD_NUMBER: _ClassVar[int]
    KYC_SESSION_ID_FIELD_NUMBER: _ClassVar[int]
    REVIEW_REASON_CODES_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    VERIFICATION_SCORES_FIELD_NUMBER: _ClassVar[int]
    client_id: str
    client_name: str
    created_at: _timestamp_pb2.Timestamp
    environment: str
    external_user_id: str
    kyc_session_id: str
    review_reason_codes: _containers.RepeatedScalarFieldContainer[str]
    status: _status_pb2.KycStatus
    updated_at: _timestamp_pb2.Timestamp
    verification_scores: _kyc_service_pb2.VerificationScores
    def __init__(self, kyc_session_id: _Optional[str] = ..., client_id: _Optional[str] = ..., client_name: _Optional[str] = ..., environment: _Optional[str] = ..., external_user_id: _Optional[str] = ..., status: _Optional[_Union[_status_pb2.KycStatus, str]] = ..., verification_scores: _Optional[_Union[_kyc_service_pb2.VerificationScores, _Mapping]] = ..., review_reason_codes: _Optional[_Iterable[str]] = ..., created_at: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., updated_at: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class SessionEvent(_message.Message):
    __slots__ = ["created_at", "detail", "kind", "status"]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    DETAIL_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    created_at: _timestamp_pb2.Timestamp
    detail: _struct_pb2.Struct
    kind: str
    status: _status_pb2.KycStatus
    def __init__(self, kind: _Optional[str] = ..., status: _Optional[_Union[_status_pb2.KycStatus, str]] = ..., detail: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ..., created_at: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...
