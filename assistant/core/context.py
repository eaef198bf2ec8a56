"""Hold what every command shares: its input and output, its exit status, and usage errors.

An Env carries standard input and output, the environment and the clock, so tests swap in fakes
and nothing below the command line reaches for them.
"""
from __future__ import annotations

import enum
import os
import sys
from datetime import datetime
from io import TextIOBase

from assistant.core.record import Default, Record

DEFAULT_PROTOCOL = "alexander"


class Exit(enum.IntEnum):
    OK = 0
    USAGE = 2
    INTERRUPTED = 130


class UsageError(Exception):
    """Bad input from the user: one plain line on stderr, exit 2."""


class Env(Record):
    stdin: TextIOBase = Default(lambda: sys.stdin)
    stdout: TextIOBase = Default(lambda: sys.stdout)
    stderr: TextIOBase = Default(lambda: sys.stderr)
    environ: dict = Default(lambda: dict(os.environ))
    clock: object = datetime.now  # read only here, at the edge


def closest_choice(word: str, choices: list[str]) -> str | None:
    """Return the one choice a word is a close misspelling of ("alexandr" -> "alexander"), else None."""
    import difflib  # about 1 ms, paid only on the way to an error message
    close = difflib.get_close_matches(word.lower(), choices, n=1, cutoff=0.6)
    return close[0] if close else None
