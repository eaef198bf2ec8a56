"""Load the front desk's words from intents/staff.toml: what a receptionist says and does at each level.

    words = load()
    words.level("urgent").means          # "the clinic must speak to the caller now"
    words.level("urgent").closed         # the script when the office is shut
    words.callback["urgent"]             # "1h": the deadline when the protocol sets none
Only the desk reads this file, so it is parsed directly rather than kept in the compiled cache.
"""
from __future__ import annotations

import os
import tomllib
from functools import lru_cache

from assistant.core import data
from assistant.core.levels import Level
from assistant.core.record import Record


class LevelWords(Record):
    means: str
    open: tuple[str, ...]
    closed: tuple[str, ...] = ()
    closed_no_line: tuple[str, ...] = ()
    expected: tuple[str, ...] = ()
    expected_undated: tuple[str, ...] = ()


class StaffWords(Record):
    watch: str
    callback: dict[str, str]      # level -> "1h": read by the protocol's office rules
    levels: dict[str, LevelWords]

    def level(self, level: Level | str) -> LevelWords:
        return self.levels[str(level)]


def path() -> str:
    return os.path.join(data.intents_dir(), "staff.toml")


@lru_cache(maxsize=1)
def load() -> StaffWords:
    """Read the desk's words once per process; a missing level or field is an error in the data."""
    with open(path(), "rb") as f:
        raw = tomllib.load(f)
    levels = {}
    for level in Level:
        entry = raw[str(level)]
        levels[str(level)] = LevelWords(**{k: (tuple(v) if isinstance(v, list) else v) for k, v in entry.items()})
    return StaffWords(raw["watch"], dict(raw.get("callback", {})), levels)
