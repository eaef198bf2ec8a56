"""Read the topic and reaction ids from intents/: the one list of what patients can ask about.

    topic_ids()      # ("makeup", "sunscreen", ...) in the order intents/topics.toml gives them
    reaction_ids()   # ("redness", "swelling", ...) from intents/redflags.toml
Protocol files may name only these; the topic table of docs/json.md is held equal to them by a test.
Not on the path of a one-shot `ask` (compiled protocols come from the cache), so reading TOML here
costs nothing there.
"""
from __future__ import annotations

import os
import tomllib
from functools import lru_cache

from assistant.core import data


@lru_cache(maxsize=1)
def _intents(name: str) -> dict:
    with open(os.path.join(data.intents_dir(), f"{name}.toml"), "rb") as f:
        return tomllib.load(f)


def topic_ids() -> tuple[str, ...]:
    return tuple(_intents("topics"))


def reaction_ids() -> tuple[str, ...]:
    return tuple(r["id"] for r in _intents("redflags").get("reaction", []))
