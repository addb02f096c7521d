"""Document sources for uploads: a path, bytes, or a binary file-like object."""
from __future__ import annotations

import io
import os
import stat
from typing import BinaryIO, Union

Source = Union[str, "os.PathLike[str]", bytes, bytearray, memoryview, BinaryIO]

CHUNK_SIZE = 64 * 1024  # the server's limit per message


class _Opened:
    """One attempt's reader over a source, counting what it took."""

    def __init__(self, source: Source):
        self.name = ""
        self.size = 0  # bytes the source holds from here, when known in advance (0: unknown)
        self._close = False
        if isinstance(source, (str, os.PathLike)):
            self.reader: BinaryIO = open(source, "rb")
            self.name = os.path.basename(os.fspath(source))
            self._close = True
            st = os.fstat(self.reader.fileno())
            self.size = st.st_size if stat.S_ISREG(st.st_mode) else 0
        elif isinstance(source, (bytes, bytearray, memoryview)):
            self.reader = io.BytesIO(source)
            self.size = memoryview(source).nbytes
        elif hasattr(source, "read"):
            self.reader = source
            self.name = os.path.basename(str(getattr(source, "name", "") or ""))
            self.size = _remaining(source)
        else:
            raise TypeError(f"upload source must be a path, bytes or a binary file object, not {type(source)!r}")
        self.read_bytes = 0

    def read(self, n: int) -> bytes:
        b = self.reader.read(n)
        if isinstance(b, str):
            raise TypeError("upload source must be opened in binary mode")
        self.read_bytes += len(b)
        return b

    def close(self) -> None:
        if self._close:
            self.reader.close()


class Replayable:
    """Opens a source for each upload attempt. Paths and bytes can always be read again; a file object only
    when it is seekable (it is rewound to where it stood at the first attempt)."""

    def __init__(self, source: Source):
        self.source = source
        self.start = None
        self.replayable = isinstance(source, (str, os.PathLike, bytes, bytearray, memoryview))
        if not self.replayable and hasattr(source, "seekable"):
            try:
                if source.seekable():  # type: ignore[union-attr]
                    self.start = source.tell()  # type: ignore[union-attr]
                    self.replayable = True
            except (OSError, ValueError):
                pass
        self.attempts = 0

    def open(self) -> _Opened:
        if self.attempts and self.start is not None:
            self.source.seek(self.start)  # type: ignore[union-attr]
        self.attempts += 1
        return _Opened(self.source)


def _remaining(f) -> int:
    """Bytes from a seekable file object's position to its end (0 when it cannot tell)."""
    try:
        if not f.seekable():
            return 0
        here = f.tell()
        end = f.seek(0, io.SEEK_END)
        f.seek(here)
        return max(end - here, 0)
    except (AttributeError, OSError, ValueError):
        return 0


def sniff_type(head: bytes) -> str:
    """The content type by the first bytes (informational: the server decides by the bytes too)."""
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    return "application/octet-stream"
