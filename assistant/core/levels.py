"""Name the triage levels once, in order, with their words and colours for every screen.

    Level.URGENT > Level.ROUTINE            # ordered by seriousness
    Level.URGENT == "urgent"                # and still the string docs/json.md names, in JSON and the call log
    WORDS[Level.URGENT].banner              # "CALL YOUR CLINIC NOW"
"""
from __future__ import annotations

import enum

from assistant.core.record import Record


class Level(enum.StrEnum):
    """A triage level: a string for JSON and logs, ordered by seriousness for max() and comparisons."""

    NONE = "none"
    ROUTINE = "routine"
    URGENT = "urgent"
    EMERGENCY = "emergency"

    @property
    def rank(self) -> int:
        return _ORDER.index(self)

    def __lt__(self, other):
        return self.rank < Level(other).rank

    def __le__(self, other):
        return self.rank <= Level(other).rank

    def __gt__(self, other):
        return self.rank > Level(other).rank

    def __ge__(self, other):
        return self.rank >= Level(other).rank

    __hash__ = str.__hash__

    def raised(self) -> Level:
        """Return the next level up (emergency stays emergency)."""
        return _ORDER[min(self.rank + 1, len(_ORDER) - 1)]

    @classmethod
    def of(cls, value, default: Level | None = None) -> Level:
        """Read a level from data; an unknown value gives `default`, or raises ValueError without one."""
        try:
            return cls(value)
        except ValueError:
            if default is None:
                raise
            return default


_ORDER = (Level.NONE, Level.ROUTINE, Level.URGENT, Level.EMERGENCY)
SERIOUS = (Level.URGENT, Level.EMERGENCY)


class Words(Record):
    """How each screen shows a level."""

    banner: str        # the patient's banner (the front desk's words are in intents/staff.toml)
    ansi: str          # terminal colour for printed replies
    style: str         # prompt-toolkit style for the chat


WORDS = {
    Level.EMERGENCY: Words("EMERGENCY", "\033[1;97;41m", "bold fg:ansiwhite bg:ansired"),
    Level.URGENT: Words("CALL YOUR CLINIC NOW", "\033[1;30;43m", "bold fg:ansiblack bg:ansiyellow"),
    Level.ROUTINE: Words("CALL YOUR CLINIC", "\033[1;36m", "bold fg:ansicyan"),
    Level.NONE: Words("", "\033[1m", ""),
}
