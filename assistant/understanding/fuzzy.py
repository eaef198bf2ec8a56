"""Compare words by spelling with rapidfuzz: the one module that imports it.

rapidfuzz costs about 8 ms to import, and most messages are all known words, so it is imported on
the first comparison, not at start-up.
"""
from __future__ import annotations


def closest(token: str, pool: list[str], max_edits: int) -> str | None:
    """Return the word of `pool` nearest to `token` within `max_edits` (a swap counts as one), or None."""
    from rapidfuzz import process
    from rapidfuzz.distance import OSA
    best = process.extractOne(token, pool, scorer=OSA.distance, score_cutoff=max_edits)
    return best[0] if best is not None else None


def edit_distance(a: str, b: str) -> int:
    """Return the Levenshtein distance between two strings."""
    from rapidfuzz.distance import Levenshtein
    return Levenshtein.distance(a, b)
