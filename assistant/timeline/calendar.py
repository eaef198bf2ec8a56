"""Write recovery milestones as an RFC 5545 calendar that any calendar app imports."""
from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from assistant.core.storage import write_atomic

_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _escape(text: str) -> str:
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\n")
    return _CONTROLS.sub(" ", text.replace("\n", "\\n"))  # a bare CR or any control would end the line early


def _fold(line: str) -> str:
    """Fold lines longer than 75 octets, as RFC 5545 section 3.1 asks."""
    raw = line.encode("utf-8")
    if len(raw) <= 75:
        return line
    parts, chunk = [], b""
    for ch in line:
        b = ch.encode("utf-8")
        if len(chunk) + len(b) > (75 if not parts else 74):
            parts.append(chunk.decode("utf-8"))
            chunk = b""
        chunk += b
    parts.append(chunk.decode("utf-8"))
    return "\r\n ".join(parts)


def render_ics(events: list[tuple[datetime, str, str]], calendar_id: str, now: datetime) -> str:
    """Return the calendar text: one event per (moment, title, description) in floating local time, with a reminder."""
    stamp = now.strftime("%Y%m%dT%H%M%S")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//aftercare//recovery plan//EN", "CALSCALE:GREGORIAN"]
    for n, (at, title, description) in enumerate(events, 1):
        start = at.strftime("%Y%m%dT%H%M%S")
        lines += ["BEGIN:VEVENT", f"UID:{_escape(calendar_id)}-{start}-{n}@aftercare.local", f"DTSTAMP:{stamp}",
                  f"DTSTART:{start}", "DURATION:PT15M", f"SUMMARY:{_escape(title)}",
                  f"DESCRIPTION:{_escape(description or title)}",
                  "BEGIN:VALARM", "ACTION:DISPLAY", "TRIGGER:PT0M", f"DESCRIPTION:{_escape(title)}",
                  "END:VALARM", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"


def write_ics(path: Path, events: list[tuple[datetime, str, str]], calendar_id: str, now: datetime) -> None:
    """Write the calendar atomically and owner-only: it tells when someone had a treatment.

    The folder is the user's: it must exist, and only the file is made owner-only, never the folder.
    """
    write_atomic(path, render_ics(events, calendar_id, now))
