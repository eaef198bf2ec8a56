"""Compare words by spelling with rapidfuzz: the one module that imports it.

rapidfuzz costs about 8 ms to import, and most messages are all known words, so it is imported on
the first comparison, not at start-up.
"""
from __future__ import annotations


def closest(token: str, pool: list[str], max_edits: int) -> str | None:
    """Return the word of `pool` nearest to `token` within `max_edits` (a swap counts as one), or None.

    Words equally near are told apart the same way every run: first the one with the same letters (a
    swap: "pian" is "pain", not "plan"), then the one whose changed letters are neighbours on the
    keyboard ("nect" is "next", c beside x, not "neck") or that the typed word leaves a vowel out of,
    then the most alike by shared letters, then the first in the alphabet. (Taking the first in the pool
    let the process's hash seed decide: "chest pian" was a red flag in one run and not the next.)
    """
    from rapidfuzz import process
    from rapidfuzz.distance import OSA, Indel
    hits = process.extract(token, pool, scorer=OSA.distance, score_cutoff=max_edits, limit=None)
    if not hits:
        return None
    nearest = min(h[1] for h in hits)
    letters = sorted(token)
    return min((h[0] for h in hits if h[1] == nearest),
               key=lambda w: (sorted(w) != letters, -_slips(token, w), -Indel.normalized_similarity(token, w), w))


_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_NEAR = {c: {r[j] for r in _ROWS[max(0, i - 1):i + 2] for j in range(len(r)) if abs(j - k) <= 1 and r[j] != c}
         for i, row in enumerate(_ROWS) for k, c in enumerate(row)}  # keys touching on a QWERTY keyboard (near
# enough: the rows' stagger is ignored)


def _slips(typed: str, word: str) -> int:
    """Count the likely slips between the typed word and a word: letters of a same-length word swapped for a
    neighbouring key, or one vowel left out, as texting leaves them out ("cleansr" is "cleanser", not
    "cleaner")."""
    if len(word) == len(typed) + 1:
        return int(any(c in "aeiou" and word[:i] + word[i + 1:] == typed for i, c in enumerate(word)))
    return sum(a != b and b in _NEAR.get(a, ()) for a, b in zip(typed, word)) if len(typed) == len(word) else 0


def edit_distance(a: str, b: str) -> int:
    """Return the Levenshtein distance between two strings."""
    from rapidfuzz.distance import Levenshtein
    return Levenshtein.distance(a, b)
