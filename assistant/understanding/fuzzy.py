"""Compare words by spelling with rapidfuzz: the one module that imports it.

rapidfuzz costs about 8 ms to import, and most messages are all known words, so it is imported on
the first comparison, not at start-up.
"""
from __future__ import annotations


def closest(token: str, pool: list[str], max_edits: int) -> str | None:
    """Return the word of `pool` nearest to `token` within `max_edits` (a swap counts as one), or None.

    Words equally near are told apart the same way every run: first the one with the same letters (a
    swap: "pian" is "pain", not "plan"), then the most alike by shared letters, then the first in the
    alphabet. (Taking the first in the pool let the process's hash seed decide: "chest pian" was a
    red flag in one run and not the next.)
    """
    from rapidfuzz import process
    from rapidfuzz.distance import OSA, Indel
    hits = process.extract(token, pool, scorer=OSA.distance, score_cutoff=max_edits, limit=None)
    if not hits:
        return None
    nearest = min(h[1] for h in hits)
    letters = sorted(token)
    return min((h[0] for h in hits if h[1] == nearest),
               key=lambda w: (sorted(w) != letters, -Indel.normalized_similarity(token, w), w))


def edit_distance(a: str, b: str) -> int:
    """Return the Levenshtein distance between two strings."""
    from rapidfuzz.distance import Levenshtein
    return Levenshtein.distance(a, b)
