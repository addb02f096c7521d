from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from typing import ClassVar as _ClassVar

DESCRIPTOR: _descriptor.FileDescriptor
DOCUMENTS_UPLOADED: KycStatus
FACE_VERIFIED: KycStatus
KYC_STATUS_UNSPECIFIED: KycStatus
OCR_COMPLETED: KycStatus
PENDING: KycStatus
PENDING_REVIEW: KycStatus
REJECTED: KycStatus
VERIFIED: KycStatus

class KycStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []
