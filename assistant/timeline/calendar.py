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


def render_ics(milestones, protocol, now: datetime) -> str:
    """Return the calendar text: one event per milestone in floating local time, each with a reminder."""
    stamp = now.strftime("%Y%m%dT%H%M%S")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//aftercare//recovery plan//EN", "CALSCALE:GREGORIAN"]
    for n, m in enumerate(milestones, 1):
        start = m.at.strftime("%Y%m%dT%H%M%S")
        description = " ".join(m.notes) or m.title
        lines += ["BEGIN:VEVENT", f"UID:{protocol.id}-{start}-{n}@aftercare.local", f"DTSTAMP:{stamp}",
                  f"DTSTART:{start}", "DURATION:PT15M", f"SUMMARY:{_escape(m.title)}",
                  f"DESCRIPTION:{_escape(description)}",
                  "BEGIN:VALARM", "ACTION:DISPLAY", "TRIGGER:PT0M", f"DESCRIPTION:{_escape(m.title)}",
                  "END:VALARM", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"


def write_ics(path: Path, milestones, protocol, now: datetime) -> None:
    """Write the calendar atomically and owner-only: it tells when someone had a treatment."""
    write_atomic(path, render_ics(milestones, protocol, now))
