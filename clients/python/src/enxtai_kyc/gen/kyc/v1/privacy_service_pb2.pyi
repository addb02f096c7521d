from google.protobuf import timestamp_pb2 as _timestamp_pb2
from enxtai_kyc.gen.kyc.v1 import status_pb2 as _status_pb2
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class EraseKycSessionRequest(_message.Message):
    __slots__ = ["kyc_session_id"]
    KYC_SESSION_ID_FIELD_NUMBER: _ClassVar[int]
    kyc_session_id: str
    def __init__(self, kyc_session_id: _Optional[str] = ...) -> None: ...

class EraseKycSessionResponse(_message.Message):
    __slots__ = ["documents_deleted", "erased_at", "kyc_session_id", "status"]
    DOCUMENTS_DELETED_FIELD_NUMBER: _ClassVar[int]
    ERASED_AT_FIELD_NUMBER: _ClassVar[int]
    KYC_SESSION_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    documents_deleted: int
    erased_at: _timestamp_pb2.Timestamp
    kyc_session_id: str
    status: _status_pb2.KycStatus
    def __init__(self, kyc_session_id: _Optional[str] = ..., status: _Optional[_Union[_status_pb2.KycStatus, str]] = ..., erased_at: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., documents_deleted: _Optional[int] = ...) -> None: ...
