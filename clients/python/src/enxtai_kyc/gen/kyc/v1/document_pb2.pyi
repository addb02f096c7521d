from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from typing import ClassVar as _ClassVar

DESCRIPTOR: _descriptor.FileDescriptor
DOCUMENT_TYPE_AADHAAR_BACK: DocumentType
DOCUMENT_TYPE_AADHAAR_FRONT: DocumentType
DOCUMENT_TYPE_AADHAAR_QR_PHOTO: DocumentType
DOCUMENT_TYPE_LIVE_PHOTO: DocumentType
DOCUMENT_TYPE_PAN_CARD: DocumentType
DOCUMENT_TYPE_UNSPECIFIED: DocumentType

class DocumentType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []
