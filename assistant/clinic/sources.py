"""Read a protocol file and the documents it cites as untrusted files, and check that a quote stands.

    text = read_text(path)                    # ProtocolError "path:1: file: ..." for anything unusable
    lines = document_lines(protocol, name)    # ProtocolError(["not found"]) and the like
    quote_stands(lines, 6, "Do not wear makeup")
Only regular files of at most 1 MB are read (core.untrusted), so a FIFO or a device never hangs a
check. A document is a plain file name, looked up in `sources/` beside the protocol, then
beside it, then in the bundled sources; a link that leads out of its folder is refused, so no
protocol can have /etc/shadow read as its sheet.
"""
from __future__ import annotations

import os
from pathlib import Path

from assistant.clinic.protocol import ProtocolError
from assistant.core import data
from assistant.core.untrusted import NotAFile, TooBig, read_small

MAX_BYTES = 1 << 20  # a protocol of 1 MB would be some 5,000 rules, a sheet some 15,000 lines: far past any


def read_text(path: Path) -> str:
    """Read the file as UTF-8, refusing anything but a regular file of at most 1 MB."""
    def refuse(why: str):
        return ProtocolError([f"{path}:1: file: {why}"])
    try:
        raw = read_small(path, MAX_BYTES)
    except NotAFile:
        raise refuse("is not a regular file") from None
    except TooBig:
        raise refuse(f"is larger than {MAX_BYTES >> 20} MB: no protocol is that long") from None
    except OSError as exc:
        raise refuse(f"cannot be read as UTF-8 text ({exc.__class__.__name__})") from None
    if raw is None:
        raise refuse("cannot be read as UTF-8 text (FileNotFoundError)")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise refuse(f"cannot be read as UTF-8 text ({exc.__class__.__name__})") from None


def document_lines(protocol: Path, name: str) -> list[str]:
    """Return the lines of the document `name` cited by the protocol; raise ProtocolError([what is wrong])."""
    if name in (".", "..") or "/" in name or "\\" in name or len(name.encode()) > 255:
        raise ProtocolError(["must be a plain file name, found beside the protocol (no folders, no '..')"])
    for folder in (protocol.parent / "sources", protocol.parent, Path(data.source_dir())):
        candidate = folder / name
        if not os.path.lexists(candidate):
            continue
        if os.path.dirname(os.path.realpath(candidate)) != os.path.realpath(folder):
            raise ProtocolError([f"is a link out of its folder {folder}"])
        try:
            return read_text(candidate).splitlines()
        except ProtocolError as exc:
            raise ProtocolError([exc.problems[0].split(": file: ", 1)[-1]]) from None
    raise ProtocolError(["not found"])


def _squash(text: str) -> str:
    return " ".join(text.split())


def quote_stands(lines: list[str], line: int, quote: str) -> bool:
    """Say whether quote starts on the 1-based line, allowing it to run over the next two lines."""
    if not 1 <= line <= len(lines) or not quote.strip():
        return False
    head = _squash(lines[line - 1])
    joined = _squash(" ".join(lines[line - 1:line + 2]))
    at = joined.find(_squash(quote))
    return at != -1 and at < len(head)
