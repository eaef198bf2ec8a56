"""Say a data phrase the ways a patient would: as written, contracted, and by its spoken synonyms.

    wording = Wording(vocabulary.load(), lookup)  # lookup(word) -> phones, or None
    wording.forms(("can", "not", "breathe"))      # [("can", "not", "breathe"), ("can't", "breathe"),
                                                  #  ("can", "not", "breathing"), ("can't", "breathing")]
    wording.brand_forms(("sunscreen",))           # [("sun", "bum"), ("anthelios",), ("uv", "clear"), ...]
voice.grammar puts these forms into the frames patients use. A synonym is kept only when it is
said differently from the forms already kept: a written slip ("breth") or a spelling that sounds
the same adds nothing the decoder could hear.
"""
from __future__ import annotations

from collections.abc import Callable

from assistant.understanding.fuzzy import edit_distance
from assistant.understanding.vocabulary import Vocabulary

Phrase = tuple[str, ...]
Lookup = Callable[[str], "str | None"]


class Wording:
    """Hold the forms of the vocabulary's phrases a patient may say, given the dictionary's lookup."""

    def __init__(self, vocab: Vocabulary, lookup: Lookup):
        self.contracted = []  # ("can", "not") -> "can't"
        for short, expansion in vocab.contractions.items():
            spoken = next((short[:i] + "'" + short[i:] for i in range(1, len(short))
                           if lookup(short[:i] + "'" + short[i:])), None)
            if spoken:
                self.contracted.append((tuple(expansion), spoken))
        self.contracted.sort(key=lambda pair: -len(pair[0]))
        self.synonyms: dict[Phrase, list[Phrase]] = {}  # "ibuprofen" -> ["advil", "motrin", ...]
        self.brands: dict[Phrase, list[Phrase]] = {}  # "sunscreen" -> ["anthelios", "supergoop", ...]
        heard: dict[Phrase, set[str]] = {}  # how each canonical phrase and its variants sound
        for variant, canonical in vocab.synonyms.entries():
            kept = self.synonyms.get(canonical, [])
            if " ".join(variant) in vocab.written or not all(lookup(w) for w in variant) \
                    or misspelling(variant, canonical) \
                    or any(misspelling(variant, known) for known in kept if len(known) == len(variant)):
                continue
            sounds = heard.setdefault(canonical, {sound(canonical, lookup)})
            if sound(variant, lookup) not in sounds:  # a slip that sounds like a known form adds nothing
                sounds.add(sound(variant, lookup))
                kind = self.brands if " ".join(variant) in vocab.brands else self.synonyms
                kind.setdefault(canonical, []).append(variant)

    def forms(self, p: Phrase) -> list[Phrase]:
        """Return the phrase, its synonyms' versions, and each contracted ("can not" -> "can't")."""
        return [f for p in [p, *said_by(p, self.synonyms)] for f in self._contract(p)]

    def brand_forms(self, p: Phrase) -> list[Phrase]:
        """Return the phrase said by each product line that is one ("sunscreen" -> "anthelios", ...)."""
        return said_by(p, self.brands)

    def _contract(self, p: Phrase) -> list[Phrase]:
        short: list[str] = []
        i = 0
        while i < len(p):
            for expansion, spoken in self.contracted:
                if p[i:i + len(expansion)] == expansion:
                    short.append(spoken)
                    i += len(expansion)
                    break
            else:
                short.append(p[i])
                i += 1
        return [p] if tuple(short) == p else [p, tuple(short)]


def said_by(p: Phrase, table: dict[Phrase, list[Phrase]]) -> list[Phrase]:
    """Return the phrase with a canonical phrase of `table` in it said by each of its variants."""
    return [p[:i] + v + p[i + len(canonical):] for canonical, variants in table.items()
            if (i := find(p, canonical)) >= 0 for v in variants]


def sound(p: Phrase, lookup: Lookup) -> str:
    """Return how a phrase sounds: its words' phones, a word the lookup lacks as itself."""
    return " ".join(lookup(w) or w for w in p)


def misspelling(variant: Phrase, canonical: Phrase) -> bool:
    """A written slip ("breth", "make upp") sounds like its canonical word and would only be shown wrong."""
    a, b = "".join(variant), "".join(canonical)
    return edit_distance(a, b) <= (1 if len(b) < 5 else 2)


def find(p: Phrase, part: Phrase) -> int:
    """Return where `part` starts in `p`, or -1."""
    return next((i for i in range(len(p) - len(part) + 1) if p[i:i + len(part)] == part), -1)


def contains(p: Phrase, part: Phrase) -> bool:
    """Tell whether `part` is in `p`, word for word."""
    return find(p, part) >= 0
