"""Keep the front desk's call log: one JSON object per line, appended, never rewritten.

    append(path, {"kind": "call", "time": "2026-11-22T16:00:00", "caller": "C-1042", ...})
    log = read(path)      # log.records, and log.problems as [(line number, what is wrong)]
Writes go through assistant.core.storage.append_line (file lock, one write per record, fsync, 0600 in
a 0700 folder), so two desks can share a file and a killed desk never leaves half a record. A torn
or garbled line written by anything else is reported with its line number and skipped, never
fatal; the next append ends a torn tail with a newline so later records start clean.
"""
from __future__ import annotations

import fcntl
import json
import os
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path

from assistant.core import storage
from assistant.core.levels import SERIOUS, Level
from assistant.core.record import Default, Record
from assistant.timeline.clock import say_relative, say_short

KINDS = ("call", "resolved")
REPEAT_DAYS = 14   # a complaint's window: contacts further apart are separate episodes
REPEAT_CALLS = 3   # the third contact about one complaint raises the level a step
LEVEL_ORDER = tuple(sorted(Level, reverse=True))


class Log(Record):
    records: list[dict] = Default(list)
    problems: list[tuple[int, str]] = Default(list)


class Repeat(Record):
    about: str      # the sign or topic most of the earlier calls shared
    contacts: int   # this call included
    days: int


def default_path(environ: dict | None = None) -> Path:
    return Path(storage.state_dir(environ)) / "calls.jsonl"


def append(path: Path, record: dict) -> None:
    """Append one record as one line (escaped JSON never holds a raw newline)."""
    storage.append_line(Path(path), json.dumps(record, ensure_ascii=False, separators=(",", ":")))


def read(path: Path) -> Log:
    """Read every valid record; report torn and garbled lines by number instead of failing."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        return Log()
    try:
        fcntl.flock(fd, fcntl.LOCK_SH)  # a live writer's record is read whole or not at all
        with os.fdopen(os.dup(fd), "rb") as f:
            data = f.read()
    finally:
        os.close(fd)  # closing drops the lock
    lines = data.split(b"\n")
    tail = lines.pop()  # empty when the file ends with a newline, as it should
    log = Log()
    for number, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        record, problem = _parse(raw)
        if problem:
            log.problems.append((number, problem))
        else:
            log.records.append(record)
    if tail.strip():
        log.problems.append((len(lines) + 1, "torn last line (a writer stopped mid-record), skipped"))
    return log


def _parse(raw: bytes) -> tuple[dict | None, str]:
    try:
        record = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return None, "not UTF-8 text, skipped"
    except ValueError:
        return None, "not valid JSON (a torn or edited line), skipped"
    if not isinstance(record, dict) or record.get("kind") not in KINDS or when(record) is None:
        return None, "not a call-log record, skipped"
    return record, ""


def when(record: dict) -> datetime | None:
    try:
        return datetime.fromisoformat(record["time"])
    except (KeyError, TypeError, ValueError):
        return None


def strings(record: dict, key: str) -> list[str]:
    """The strings of a list field, tolerating a hand-edited record."""
    value = record.get(key)
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def complaints(record: dict) -> list[str]:
    """Signs and topics a call was about, in the order recorded."""
    return strings(record, "signs") + strings(record, "topics")


def repeat(records: list[dict], caller: str, about: list[str], now: datetime,
           days: int = REPEAT_DAYS) -> Repeat | None:
    """Say whether this call is at least the third from `caller` about an overlapping complaint."""
    if not caller or not about:
        return None
    since = now - timedelta(days=days)
    earlier = [set(complaints(r)) for r in records
               if r.get("kind") == "call" and r.get("caller") == caller and since <= when(r) <= now]
    overlapping = [c for c in earlier if c & set(about)]
    if len(overlapping) + 1 < REPEAT_CALLS:
        return None
    shared = Counter(c for calls in overlapping for c in calls if c in about)
    top = max(shared.values())
    return Repeat(next(c for c in about if shared[c] == top), len(overlapping) + 1, days)


def open_calls(records: list[dict]) -> list[dict]:
    """Urgent and emergency calls with no later resolution from the same caller, oldest first."""
    closed_at: dict[str, datetime] = {}
    for r in records:
        if r.get("kind") == "resolved" or r.get("resolved") is True:
            key = r.get("caller") or ""
            closed_at[key] = max(closed_at.get(key, when(r)), when(r))
    out = [r for r in records if r.get("kind") == "call" and r.get("level") in SERIOUS
           and r.get("resolved") is not True
           and not (r.get("caller") and closed_at.get(r["caller"], datetime.min) >= when(r))]
    return sorted(out, key=when)


def summary(records: list[dict], now: datetime, days: int = REPEAT_DAYS) -> list[str]:
    """Lines for `aftercare desk --log`: calls per level per day, then the open urgent calls."""
    calls = [r for r in records if r.get("kind") == "call"]
    first = now.date() - timedelta(days=days - 1)
    per_day: dict = {}
    for r in calls:
        day = when(r).date()
        if first <= day <= now.date():
            per_day.setdefault(day, Counter())[r.get("level") if r.get("level") in LEVEL_ORDER else "none"] += 1
    shown = sum(sum(c.values()) for c in per_day.values())
    out = [f"Calls per day, last {days} days ({shown} of {len(calls)} calls):",
           "  day             " + "".join(f"{lv:>11}" for lv in LEVEL_ORDER) + "      total"]
    for day in sorted(per_day):
        counts = per_day[day]
        out.append(f"  {day:%Y-%m-%d %a}  " + "".join(f"{counts[lv]:>11}" for lv in LEVEL_ORDER)
                   + f"{sum(counts.values()):>11}")
    if not per_day:
        out.append("  (no calls in these days)")
    still = open_calls(records)
    out.append(f"Open urgent calls ({len(still)}):" if still else "Open urgent calls: none.")
    for r in still:
        about = ", ".join(strings(r, "signs")) or "no sign recorded"
        raised = f" [{r['raised']}]" if r.get("raised") else ""
        out.append(f"  {say_short(when(r))}  {r.get('caller') or '(no ref)'}  {r['level']}: {about}"
                   f"{raised}  ({say_relative(when(r), now)})")
    return out
