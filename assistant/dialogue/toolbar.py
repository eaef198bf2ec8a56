"""Fit the chat's bottom line to any width: the emergency number first, then the clinic's, the day, the name.

    toolbar(protocol, day=1, width=40)   # " day 1 · clinic (250) 477-2343 · emergency 911 "
Each part has forms from long to short. While the line is too wide, the least needed part that can
still shrink takes its next form, and only the clinic's name is cut with "…". Shown in reading
order: name, day, clinic, emergency.
"""
from __future__ import annotations

from assistant.clinic.protocol import Protocol

SEPARATOR = " · "
MIN_WIDTH = 40


def recovery_day(day: int | None) -> list[str]:
    """Say the recovery day, long to short."""
    if day is None:
        return ["treatment time not set", "no date set", ""]
    if day >= 0:
        return [f"day {day} after treatment", f"day {day}", ""]
    return [f"{-day} days before treatment", f"in {-day} days", ""]


# Each step shortens one part while the line is too wide: words go before numbers, and the least
# needed part goes first (the name, then the day), so the emergency number is the last thing left.
STEPS = ["day", "name", "clinic", "emergency", "day"]


def toolbar(protocol: Protocol, day: int | None, width: int) -> str:
    """Return the bottom line for a terminal `width` columns wide (at least 40 are assumed)."""
    room = max(width, MIN_WIDTH) - 2  # a space at each end
    phone = protocol.phone
    forms = {
        "name": [protocol.clinic],
        "day": recovery_day(day),
        "clinic": [f"clinic {phone}", phone] if phone else ["clinic: see your paperwork", "see paperwork"],
        "emergency": [f"emergency {protocol.emergency}", f"call {protocol.emergency}"],
    }
    pick = dict.fromkeys(forms, 0)

    def line() -> str:
        return SEPARATOR.join(forms[k][pick[k]] for k in ("name", "day", "clinic", "emergency") if forms[k][pick[k]])

    for key in STEPS:
        if len(line()) <= room:
            break
        if key == "name":
            over = len(line()) - room
            forms["name"] = [_cut(protocol.clinic, len(protocol.clinic) - over)]
        elif pick[key] < len(forms[key]) - 1:
            pick[key] += 1
    return f" {line()[:room]} "


def _cut(text: str, size: int) -> str:
    """Shorten text to `size` characters with an ellipsis; nothing when too little room is left."""
    if size < 6:
        return ""
    return text if len(text) <= size else text[:size - 1].rstrip() + "…"
