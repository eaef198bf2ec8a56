"""Compare words by spelling with rapidfuzz: the one module that imports it.

rapidfuzz costs about 8 ms to import, and most messages are all known words, so it is imported on
the first comparison, not at start-up.
"""
from __future__ import annotations

import re


def load():
    """Import what comparing needs of rapidfuzz, and return it: called ahead where a process has time to spare
    before its first comparison (a recording decoding), else by the first comparison."""
    from rapidfuzz import process
    from rapidfuzz.distance import OSA, Indel
    return process, OSA, Indel


def closest(token: str, pool: list[str], max_edits: int) -> str | None:
    """Return the word of `pool` nearest to `token` within `max_edits` (a swap counts as one), or None.

    Words equally near are told apart the same way every run: first the one with the same letters (a
    swap: "pian" is "pain", not "plan"), then the one whose changed letters are neighbours on the
    keyboard ("nect" is "next", c beside x, not "neck") or that the typed word leaves a vowel out of,
    then the most alike by shared letters, then the first in the alphabet. (Taking the first in the pool
    let the process's hash seed decide: "chest pian" was a red flag in one run and not the next.)
    """
    process, OSA, Indel = load()
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


_SOUNDS = (("ph", "f"), ("ck", "k"), ("ch", "k"), ("wr", "r"), ("kn", "n"), ("dg", "j"), ("q", "k"), ("x", "ks"),
           ("z", "s"), ("ee", "i"), ("ea", "i"), ("ie", "i"), ("ei", "i"), ("oo", "u"), ("ou", "u"), ("ew", "u"),
           ("ue", "u"), ("ay", "a"), ("ai", "a"))


def spoken(word: str) -> str:
    """Return a word as it sounds: its letters for one sound made one, a silent last e dropped and doubles made
    single ("routeen" and "routine" are both "rutin", "akeing" and "aching" "aking")."""
    said = word[0] + re.sub(r"c(?=[eiy])", "s", word[1:])
    for spelt, sound in _SOUNDS:
        said = said.replace(spelt, sound)
    said = said[0] + said[1:].replace("c", "k")
    said = said[:-1] if len(said) > 3 and said.endswith("e") else said
    return re.sub(r"(.)\1+", r"\1", said)


def sound(word: str) -> str:
    """Return a word's sound as its first letter and the consonants after it ("bruzing" and "bruising" are
    both "brsng"): the words a word spelt by ear may be."""
    said = spoken(word)
    return said[0] + re.sub(r"(.)\1+", r"\1", re.sub(r"[aeiouyhw]", "", said[1:]))


def sounded(token: str, pool: list[str], max_edits: int) -> str | None:
    """Return the word of `pool` (words of the same `sound`) within `max_edits` of `token` that sounds most like
    it, then the nearest in spelling, then the first in the alphabet; it must sound the same, or, in a word of
    seven letters or more, one sound apart ("bruzing", "bruising")."""
    from rapidfuzz.distance import Levenshtein
    said = spoken(token)
    apart = 1 if len(token) >= 7 else 0
    hits = [(heard, d, w) for w in pool if (d := Levenshtein.distance(token, w)) <= max_edits
            and (heard := Levenshtein.distance(said, spoken(w))) <= apart]
    return min(hits)[2] if hits else None


def edit_distance(a: str, b: str) -> int:
    """Return the Levenshtein distance between two strings."""
    from rapidfuzz.distance import Levenshtein
    return Levenshtein.distance(a, b)
