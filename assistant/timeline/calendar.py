"""Write recovery milestones as an RFC 5545 calendar that any calendar app imports."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

from assistant.core.storage import write_atomic


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


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
        lines += ["BEGIN:VEVENT", f"UID:{calendar_id}-{start}-{n}@aftercare.local", f"DTSTAMP:{stamp}",
                  f"DTSTART:{start}", "DURATION:PT15M", f"SUMMARY:{_escape(title)}",
                  f"DESCRIPTION:{_escape(description or title)}",
                  "BEGIN:VALARM", "ACTION:DISPLAY", "TRIGGER:PT0M", f"DESCRIPTION:{_escape(title)}",
                  "END:VALARM", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"


def write_ics(path: Path, events: list[tuple[datetime, str, str]], calendar_id: str, now: datetime) -> None:
    """Write the calendar atomically and owner-only: it tells when someone had a treatment."""
    write_atomic(path, render_ics(events, calendar_id, now))
