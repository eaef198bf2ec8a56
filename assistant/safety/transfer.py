"""Bring a JSON-lines call log into the database, and write the log out as CSV or JSON lines.

    report = import_jsonl(log, "calls.jsonl")    # report.added, report.known, report.problems
    export(log, stream, "csv")                   # every call, oldest first, memory flat
Import reads the log earlier versions kept (and this module's own JSON lines): a torn, garbled or
hand-edited line is reported by number and skipped, a field of the wrong type is dropped, and a
line already imported is recognised by its content, so importing twice adds nothing. Export is for
the clinic's records: the lines said are included only for calls left unfinished.
"""
from __future__ import annotations

import csv
import hashlib
import json
from collections import Counter
from datetime import datetime

from assistant.core.levels import Level
from assistant.core.record import Default, Record
from assistant.core.text import shown
from assistant.safety.calllog import FIELDS, CallLog, iso

FORMATS = ("csv", "jsonl")
_SPREADSHEET = ("=", "+", "-", "@", "\t", "\r")  # a cell starting so is run as a formula by spreadsheets


class Report(Record):
    added: int = 0
    known: int = 0
    resolutions: int = 0
    problems: list[tuple[int, str]] = Default(list)


def _text(value) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _time(value) -> str | None:
    try:
        return iso(datetime.fromisoformat(value))
    except (TypeError, ValueError):
        return None


def _strings(value) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def parse(raw: bytes) -> tuple[dict | None, str]:
    """Read one line into a record, or say why it is skipped."""
    try:
        record = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return None, "not UTF-8 text, skipped"
    except ValueError:
        return None, "not valid JSON (a torn or edited line), skipped"
    if not isinstance(record, dict) or record.get("kind", "call") not in ("call", "resolved") \
            or _time(record.get("time")) is None:
        return None, "not a call-log record, skipped"
    return record, ""


def _fields(record: dict, uid: str) -> dict:
    level = Level.of(record.get("level"), Level.NONE)
    answers = record.get("answers") if isinstance(record.get("answers"), dict) else {}
    elapsed = record.get("elapsed_hours")
    resolved = record.get("resolved")
    return {"uid": _text(record.get("uid")) or uid, "time": _time(record["time"]),
            "ended": _time(record.get("ended")) or _time(record["time"]), "caller": _text(record.get("caller")),
            "staff": _text(record.get("staff")), "desk": _text(record.get("desk")) or "import",
            "protocol": _text(record.get("protocol")), "treated": _time(record.get("treated")),
            "elapsed_hours": elapsed if isinstance(elapsed, (int, float)) and not isinstance(elapsed, bool) else None,
            "level": str(level), "signs": _strings(record.get("signs")), "topics": _strings(record.get("topics")),
            "answers": {k: v for k, v in answers.items() if isinstance(v, bool)}, "raised": _text(record.get("raised")),
            "due": _time(record.get("due")),
            "resolved": _time(record["time"]) if resolved is True else _time(resolved),
            "note": _text(record.get("note"))}


def import_jsonl(log: CallLog, path, batch: int = 1000) -> Report:
    """Add every call in a JSON-lines file; resolutions are applied after, in time order."""
    report, seen, pending, resolutions = Report(), Counter(), [], []
    with open(path, "rb") as f:
        for number, raw in enumerate(f, 1):
            if not raw.strip():
                continue
            if not raw.endswith(b"\n"):
                report.problems.append((number, "torn last line (a writer stopped mid-record), skipped"))
                continue
            record, problem = parse(raw)
            if problem:
                report.problems.append((number, problem))
            elif record.get("kind") == "resolved":
                resolutions.append(record)
            else:
                digest = hashlib.blake2b(raw.strip(), digest_size=12).hexdigest()
                seen[digest] += 1  # the same line twice is two calls, still recognised on a second import
                pending.append(_fields(record, f"jsonl-{digest}-{seen[digest]}"))
                if len(pending) >= batch:
                    _add(log, pending, report)
    _add(log, pending, report)
    for r in sorted(resolutions, key=lambda r: _time(r["time"])):
        log.resolve(datetime.fromisoformat(r["time"]), _text(r.get("staff")) or "import", _text(r.get("note")) or "",
                    caller=_text(r.get("caller")))
        report.resolutions += 1
    return report


def _add(log: CallLog, pending: list[dict], report: Report) -> None:
    added = log.add_many(pending)
    report.added += added
    report.known += len(pending) - added
    pending.clear()


def export(log: CallLog, stream, fmt: str) -> int:
    """Write every call to `stream` as CSV or JSON lines; return how many."""
    columns = ("id", *(f for f in FIELDS if f != "rank"), "said")
    writer = csv.writer(stream) if fmt == "csv" else None
    if writer:
        writer.writerow(columns)
    count = 0
    for call in log.calls():
        call["said"] = log.lines(call["id"]) if call["status"] == "unfinished" else []
        if writer:
            writer.writerow([_cell(call[c]) for c in columns])
        else:  # ASCII-only JSON: no raw control character or escape reaches a terminal or a file
            stream.write(json.dumps({c: call[c] for c in columns}, ensure_ascii=True) + "\n")
        count += 1
    return count


def _cell(value) -> str:
    """Write a CSV cell: lists as JSON, control characters escaped, never read as a formula."""
    if isinstance(value, (int, float)):
        return str(value)
    text = json.dumps(value) if isinstance(value, (list, dict)) else "" if value is None else str(value)
    text = shown(text)
    return "'" + text if text.startswith(_SPREADSHEET) else text
