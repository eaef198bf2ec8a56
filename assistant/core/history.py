"""Keep the chat's questions between sessions: stamped by the clock in use, kept 90 days, read record by record.

    kept = read(path, now)       # kept.entries: [(at, text)], oldest first; kept.problems: [(line, what)]
    add(path, "makeup?", now)    # one record, appended whole
The file keeps prompt-toolkit's FileHistory format, so history written before stays readable:
    # 2026-11-21 16:00:00
    +the question (one "+" line for each of its lines)
A record that will not read (a stamp that is no date-time, a line outside any record, bytes that are
not UTF-8) is reported by its line number and skipped. Records older than the retention are dropped
(AFTERCARE_HISTORY_DAYS, default 90; 0 keeps none), and the file is rewritten without them or the
damaged ones while the writers' lock is held. The history says what was wrong with someone's skin:
it is owner-only like every file of storage's, and `aftercare forget` deletes it.
"""
from __future__ import annotations

import fcntl
import os
import stat
from datetime import datetime, timedelta

from assistant.core.record import Default, Record
from assistant.core.storage import StorageError, append_line, state_dir, write_atomic

DAYS = 90
MAX_DAYS = 3650
MAX_BYTES = 4 << 20  # far more than 90 days of questions; only the newest part of a bigger file is read
MAX_TEXT = 2000  # the longest question the assistant reads (understanding.utterance.MAX_CHARS)


class Kept(Record):
    entries: list[tuple[datetime, str]] = Default(list)
    problems: list[tuple[int, str]] = Default(list)
    dropped: int = 0  # records past the retention


def path(env: dict | None = None) -> str:
    return os.path.join(state_dir(env), "history")


def retention(env: dict | None = None) -> int:
    """Return the days of history to keep, from AFTERCARE_HISTORY_DAYS; raise ValueError when it is no such number."""
    env = os.environ if env is None else env
    raw = env.get("AFTERCARE_HISTORY_DAYS", "").strip()
    if not raw:
        return DAYS
    if not (raw.isdecimal() and len(raw) <= 4 and int(raw) <= MAX_DAYS):
        raise ValueError(f"AFTERCARE_HISTORY_DAYS must be a whole number of days from 0 to {MAX_DAYS}")
    return int(raw)


def add(file: str, text: str, now: datetime) -> None:
    """Append one question, stamped `now`; raise StorageError when it cannot be kept whole."""
    lines = text[:MAX_TEXT].replace("\r\n", "\n").split("\n")
    append_line(file, f"\n# {now.isoformat(sep=' ', timespec='seconds')}\n" + "".join(f"+{ln}\n" for ln in lines))


def read(file: str, now: datetime, days: int = DAYS) -> Kept:
    """Return the records of the last `days` days; rewrite the file when some were old or damaged."""
    try:
        fd = os.open(file, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        return Kept()
    except OSError as exc:
        raise StorageError(f"cannot read your chat history {file}: {exc.strerror or exc}") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise StorageError(f"cannot read your chat history {file}: it is not a regular file")
        fcntl.flock(fd, fcntl.LOCK_EX)  # appends wait, so a rewrite loses none of them
        kept = parse(_tail(fd, st.st_size), now - timedelta(days=days))
        if kept.problems or kept.dropped or st.st_size > MAX_BYTES:
            write_atomic(file, render(kept.entries), private=True)
        return kept
    finally:
        os.close(fd)


def _tail(fd: int, size: int) -> bytes:
    start = max(0, size - MAX_BYTES)
    chunks, at = [], start
    while at < size and (chunk := os.pread(fd, size - at, at)):
        chunks.append(chunk)
        at += len(chunk)
    blob = b"".join(chunks)
    return blob[blob.find(b"\n# ") + 1:] if start else blob  # from the first whole record


def parse(blob: bytes, since: datetime) -> Kept:
    """Read records from the file's bytes; keep those stamped at or after `since`."""
    kept, at, lines, damaged = Kept(), None, [], False

    def close() -> None:
        if at is not None and lines:
            if at >= since:
                kept.entries.append((at, "\n".join(lines)))
            else:
                kept.dropped += 1
    for number, raw in enumerate(blob.split(b"\n"), 1):
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            kept.problems.append((number, "not UTF-8 text"))
            at, lines, damaged = None, [], True  # the record it belongs to is damaged: skip all of it
            continue
        if line.startswith("# "):
            close()
            at, lines = _stamp(line[2:]), []
            damaged = at is None
            if damaged:
                kept.problems.append((number, "a stamp that is no date-time"))
        elif line.startswith("+") and at is not None:
            lines.append(line[1:])
        elif (line.startswith("+") and not damaged) or (line.strip() and not line.startswith("+")):
            kept.problems.append((number, "a line outside any record"))
            damaged = True
    close()
    return kept


def _stamp(text: str) -> datetime | None:
    try:
        when = datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    return when.replace(tzinfo=None, microsecond=0)


def render(entries: list[tuple[datetime, str]]) -> str:
    """Write records back in the same format."""
    return "".join(f"\n# {at.isoformat(sep=' ', timespec='seconds')}\n" + "".join(f"+{ln}\n" for ln in text.split("\n"))
                   for at, text in entries)
