from google.protobuf import timestamp_pb2 as _timestamp_pb2
from enxtai_kyc.gen.kyc.v1 import document_pb2 as _document_pb2
from enxtai_kyc.gen.kyc.v1 import status_pb2 as _status_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class AadhaarQr(_message.Message):
    __slots__ = ["aadhaar_last4", "address", "date_of_birth", "email_verified", "gender", "has_photo", "name", "phone_verified", "pin_code", "signature"]
    AADHAAR_LAST4_FIELD_NUMBER: _ClassVar[int]
    ADDRESS_FIELD_NUMBER: _ClassVar[int]
    DATE_OF_BIRTH_FIELD_NUMBER: _ClassVar[int]
    EMAIL_VERIFIED_FIELD_NUMBER: _ClassVar[int]
    GENDER_FIELD_NUMBER: _ClassVar[int]
    HAS_PHOTO_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    PHONE_VERIFIED_FIELD_NUMBER: _ClassVar[int]
    PIN_CODE_FIELD_NUMBER: _ClassVar[int]
    SIGNATURE_FIELD_NUMBER: _ClassVar[int]
    aadhaar_last4: str
    address: str
    date_of_birth: str
    email_verified: bool
    gender: str
    has_photo: bool
    name: str
    phone_verified: bool
    pin_code: str
    signature: str
    def __init__(self, signature: _Optional[str] = ..., name: _Optional[str] = ..., date_of_birth: _Optional[str] = ..., gender: _Optional[str] = ..., address: _Optional[str] = ..., pin_code: _Optional[str] = ..., aadhaar_last4: _Optional[str] = ..., has_photo: bool = ..., phone_verified: bool = ..., email_verified: bool = ...) -> None: ...

class ExtractedData(_message.Message):
    __slots__ = ["aadhaar_number", "aadhaar_qr", "address", "date_of_birth", "full_name", "pan_number"]
    AADHAAR_NUMBER_FIELD_NUMBER: _ClassVar[int]
    AADHAAR_QR_FIELD_NUMBER: _ClassVar[int]
    ADDRESS_FIELD_NUMBER: _ClassVar[int]
    DATE_OF_BIRTH_FIELD_NUMBER: _ClassVar[int]
    FULL_NAME_FIELD_NUMBER: _ClassVar[int]
    PAN_NUMBER_FIELD_NUMBER: _ClassVar[int]
    aadhaar_number: str
    aadhaar_qr: AadhaarQr
    address: str
    date_of_birth: str
    full_name: str
    pan_number: str
    def __init__(self, pan_number: _Optional[str] = ..., aadhaar_number: _Optional[str] = ..., full_name: _Optional[str] = ..., date_of_birth: _Optional[str] = ..., address: _Optional[str] = ..., aadhaar_qr: _Optional[_Union[AadhaarQr, _Mapping]] = ...) -> None: ...

class GetKycStatusRequest(_message.Message):
    __slots__ = ["kyc_session_id"]
    KYC_SESSION_ID_FIELD_NUMBER: _ClassVar[int]
    kyc_session_id: str
    def __init__(self, kyc_session_id: _Optional[str] = ...) -> None: ...

class GetKycStatusResponse(_message.Message):
    __slots__ = ["session"]
    SESSION_FIELD_NUMBER: _ClassVar[int]
    session: KycSession
    def __init__(self, session: _Optional[_Union[KycSession, _Mapping]] = ...) -> None: ...

class InitiateKycRequest(_message.Message):
    __slots__ = ["email", "external_user_id", "metadata", "phone"]
    class MetadataEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    EMAIL_FIELD_NUMBER: _ClassVar[int]
    EXTERNAL_USER_ID_FIELD_NUMBER: _ClassVar[int]
    METADATA_FIELD_NUMBER: _ClassVar[int]
    PHONE_FIELD_NUMBER: _ClassVar[int]
    email: str
    external_user_id: str
    metadata: _containers.ScalarMap[str, str]
    phone: str
    def __init__(self, external_user_id: _Optional[str] = ..., email: _Optional[str] = ..., phone: _Optional[str] = ..., metadata: _Optional[_Mapping[str, str]] = ...) -> None: ...

class InitiateKycResponse(_message.Message):
    __slots__ = ["kyc_session_id", "status", "upload_urls"]
    KYC_SESSION_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    UPLOAD_URLS_FIELD_NUMBER: _ClassVar[int]
    kyc_session_id: str
    status: _status_pb2.KycStatus
    upload_urls: UploadUrls
    def __init__(self, kyc_session_id: _Optional[str] = ..., status: _Optional[_Union[_status_pb2.KycStatus, str]] = ..., upload_urls: _Optional[_Union[UploadUrls, _Mapping]] = ...) -> None: ...

class KycSession(_message.Message):
    __slots__ = ["created_at", "external_user_id", "extracted_data", "kyc_session_id", "progress", "status", "updated_at", "verification_scores"]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    EXTERNAL_USER_ID_FIELD_NUMBER: _ClassVar[int]
    EXTRACTED_DATA_FIELD_NUMBER: _ClassVar[int]
    KYC_SESSION_ID_FIELD_NUMBER: _ClassVar[int]
    PROGRESS_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    VERIFICATION_SCORES_FIELD_NUMBER: _ClassVar[int]
    created_at: _timestamp_pb2.Timestamp
    external_user_id: str
    extracted_data: ExtractedData
    kyc_session_id: str
    progress: int
    status: _status_pb2.KycStatus
    updated_at: _timestamp_pb2.Timestamp
    verification_scores: VerificationScores
    def __init__(self, kyc_session_id: _Optional[str] = ..., external_user_id: _Optional[str] = ..., status: _Optional[_Union[_status_pb2.KycStatus, str]] = ..., progress: _Optional[int] = ..., extracted_data: _Optional[_Union[ExtractedData, _Mapping]] = ..., verification_scores: _Optional[_Union[VerificationScores, _Mapping]] = ..., created_at: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., updated_at: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class UploadDocumentRequest(_message.Message):
    __slots__ = ["chunk", "metadata"]
    CHUNK_FIELD_NUMBER: _ClassVar[int]
    METADATA_FIELD_NUMBER: _ClassVar[int]
    chunk: bytes
    metadata: UploadMetadata
    def __init__(self, metadata: _Optional[_Union[UploadMetadata, _Mapping]] = ..., chunk: _Optional[bytes] = ...) -> None: ...

class UploadDocumentResponse(_message.Message):
    __slots__ = ["document_url", "kyc_session_id", "success"]
    DOCUMENT_URL_FIELD_NUMBER: _ClassVar[int]
    KYC_SESSION_ID_FIELD_NUMBER: _ClassVar[int]
    SUCCESS_FIELD_NUMBER: _ClassVar[int]
    document_url: str
    kyc_session_id: str
    success: bool
    def __init__(self, success: bool = ..., kyc_session_id: _Optional[str] = ..., document_url: _Optional[str] = ...) -> None: ...

class UploadMetadata(_message.Message):
    __slots__ = ["content_type", "document_type", "external_user_id", "file_name", "kyc_session_id", "size_bytes"]
    CONTENT_TYPE_FIELD_NUMBER: _ClassVar[int]
    DOCUMENT_TYPE_FIELD_NUMBER: _ClassVar[int]
    EXTERNAL_USER_ID_FIELD_NUMBER: _ClassVar[int]
    FILE_NAME_FIELD_NUMBER: _ClassVar[int]
    KYC_SESSION_ID_FIELD_NUMBER: _ClassVar[int]
    SIZE_BYTES_FIELD_NUMBER: _ClassVar[int]
    content_type: str
    document_type: _document_pb2.DocumentType
    external_user_id: str
    file_name: str
    kyc_session_id: str
    size_bytes: int
    def __init__(self, external_user_id: _Optional[str] = ..., kyc_session_id: _Optional[str] = ..., document_type: _Optional[_Union[_document_pb2.DocumentType, str]] = ..., content_type: _Optional[str] = ..., file_name: _Optional[str] = ..., size_bytes: _Optional[int] = ...) -> None: ...

class UploadUrls(_message.Message):
    __slots__ = ["aadhaar_back", "aadhaar_front", "live_photo", "pan"]
    AADHAAR_BACK_FIELD_NUMBER: _ClassVar[int]
    AADHAAR_FRONT_FIELD_NUMBER: _ClassVar[int]
    LIVE_PHOTO_FIELD_NUMBER: _ClassVar[int]
    PAN_FIELD_NUMBER: _ClassVar[int]
    aadhaar_back: str
    aadhaar_front: str
    live_photo: str
    pan: str
    def __init__(self, pan: _Optional[str] = ..., aadhaar_front: _Optional[str] = ..., aadhaar_back: _Optional[str] = ..., live_photo: _Optional[str] = ...) -> None: ...

class VerificationScores(_message.Message):
    __slots__ = ["face_match_score", "liveness_score", "qr_face_match_score"]
    FACE_MATCH_SCORE_FIELD_NUMBER: _ClassVar[int]
    LIVENESS_SCORE_FIELD_NUMBER: _ClassVar[int]
    QR_FACE_MATCH_SCORE_FIELD_NUMBER: _ClassVar[int]
    face_match_score: float
    liveness_score: float
    qr_face_match_score: float
    def __init__(self, face_match_score: _Optional[float] = ..., liveness_score: _Optional[float] = ..., qr_face_match_score: _Optional[float] = ...) -> None: ...

class VerifyKycRequest(_message.Message):
    __slots__ = ["kyc_session_id"]
    KYC_SESSION_ID_FIELD_NUMBER: _ClassVar[int]
    kyc_session_id: str
    def __init__(self, kyc_session_id: _Optional[str] = ...) -> None: ...

class VerifyKycResponse(_message.Message):
    __slots__ = ["face_match_score", "liveness_score", "status", "success"]
    FACE_MATCH_SCORE_FIELD_NUMBER: _ClassVar[int]
    LIVENESS_SCORE_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    SUCCESS_FIELD_NUMBER: _ClassVar[int]
    face_match_score: float
    liveness_score: float
    status: _status_pb2.KycStatus
    success: bool
    def __init__(self, success: bool = ..., status: _Optional[_Union[_status_pb2.KycStatus, str]] = ..., face_match_score: _Optional[float] = ..., liveness_score: _Optional[float] = ...) -> None: ...

class WatchKycStatusRequest(_message.Message):
    __slots__ = ["kyc_session_id"]
    KYC_SESSION_ID_FIELD_NUMBER: _ClassVar[int]
    kyc_session_id: str
    def __init__(self, kyc_session_id: _Optional[str] = ...) -> None: ...

class WatchKycStatusResponse(_message.Message):
    __slots__ = ["session"]
    SESSION_FIELD_NUMBER: _ClassVar[int]
    session: KycSession
    def __init__(self, session: _Optional[_Union[KycSession, _Mapping]] = ...) -> None: ...
