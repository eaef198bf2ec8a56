"""Read a file that anyone could have put there: a small regular file, or nothing.

    blob = read_small(path, 64 << 10)   # bytes; None when absent; NotAFile or TooBig otherwise
A FIFO would hang a plain open() until someone writes to it, and a device such as /dev/zero would
never end a read, so the file is opened without blocking and checked before a byte is read; a
file past the limit is refused whole rather than cut. The profile and the diary read this way.
"""
from __future__ import annotations

import os
import stat


class NotAFile(OSError):
    """A FIFO, a device, a folder or a socket where a file was expected."""


class TooBig(OSError):
    """A file past the reader's limit."""


def read_small(path, limit: int) -> bytes | None:
    """Return the bytes of a regular file of at most `limit` bytes; None when there is no such path."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):  # not even opened: opening some devices does something
            raise NotAFile(f"{os.fspath(path)} is not a regular file")
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)  # swapped for a FIFO meanwhile: no hang
    except FileNotFoundError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise NotAFile(f"{os.fspath(path)} is not a regular file")
        chunks, size = [], 0
        while chunk := os.read(fd, limit + 1 - size):
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                raise TooBig(f"{os.fspath(path)} is larger than {limit:,} bytes")
        return b"".join(chunks)
    finally:
        os.close(fd)
