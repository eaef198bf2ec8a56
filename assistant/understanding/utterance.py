"""Turn what a patient typed or said into canonical word tokens.

    Utterance.of("Cant breath!! took Advil") .tokens ->
        ["can", "not", "breathe", "!", "took", "ibuprofen"]
Steps: cap the length, fold case and accents, expand contractions, replace synonyms (brands,
spellings, slang), then correct typos of known words with rapidfuzz (imported only when a word
is neither known nor a real English word).
"""
from __future__ import annotations

import re

from assistant.core.record import Record
from assistant.understanding import fuzzy
from assistant.understanding.phrases import words
from assistant.understanding.vocabulary import Vocabulary, load

MAX_CHARS = 2000  # longer messages are cut here, and the reply says so
MIN_FUZZY = 4     # words shorter than this are never corrected: too many real words lie close
MIN_SWAPPED = 3   # ... but for two letters swapped ("gmy"), read at three letters
MIN_BY_EAR = 5    # ... nor read by their sound
MAX_BY_EAR = 4    # unknown words a message may have read by ear


class Utterance(Record):
    raw: str
    tokens: list[str]
    truncated: bool = False

    @classmethod
    def of(cls, raw: str, vocab: Vocabulary | None = None) -> Utterance:
        vocab = vocab or load()
        text = raw if isinstance(raw, str) else str(raw)
        truncated = len(text) > MAX_CHARS
        tokens = words(text[:MAX_CHARS])
        tokens = list(vocab.expand(tokens))
        tokens = list(vocab.expand(_correct(tokens, vocab)))  # "caaaant" becomes "cant", then "can not"
        tokens = _counted(_synonyms(tokens, vocab), vocab)
        return cls(text, tokens, truncated)

    @property
    def text(self) -> str:
        return " ".join(self.tokens)


_LETTERS = str.maketrans({c: " " for c in map(chr, range(128)) if not c.isalpha()})


def passages(text: str, words: frozenset[str], reach: int = 160, limit: int = 400) -> list[str]:
    """Return the stretches of a long text around any of `words`, each at most MAX_CHARS, without repeats.

    A set intersection finds whether any word is there at all (a few milliseconds for a megabyte);
    only then are their places found. At most `limit` distinct stretches are returned, the earliest.
    """
    low = text.lower()
    present = words.intersection(low.translate(_LETTERS).split())
    if not present:
        return []
    pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(present, key=len, reverse=True))) + r")\b")
    spans: list[list[int]] = []
    for m in pattern.finditer(low):
        lo, hi = max(0, m.start() - reach), min(len(text), m.end() + reach)
        if spans and lo <= spans[-1][1] and hi - spans[-1][0] <= MAX_CHARS:
            spans[-1][1] = hi
        else:
            spans.append([lo, hi])
    out, seen = [], set()
    for lo, hi in spans:
        piece = text[lo:hi]
        if piece not in seen:
            seen.add(piece)
            out.append(piece)
            if len(out) >= limit:
                break
    return out


def _counted(tokens: list[str], vocab: Vocabulary) -> list[str]:
    """Drop a word of wholeness between a number and its unit ("it's been two full weeks" is two weeks)."""
    return [t for i, t in enumerate(tokens) if not (
        t in vocab.whole and 0 < i < len(tokens) - 1 and tokens[i + 1] in vocab.units and
        (tokens[i - 1].isdigit() or tokens[i - 1] in vocab.numbers or tokens[i - 1] in ("a", "an")))]


def _synonyms(tokens: list[str], vocab: Vocabulary) -> list[str]:
    out: list[str] = []
    last = 0
    for start, stop, canonical in vocab.synonyms.find(tokens):
        out.extend(tokens[last:start])
        out.extend(canonical)
        last = stop
    out.extend(tokens[last:])
    return out


def _correct(tokens: list[str], vocab: Vocabulary) -> list[str]:
    """Replace unknown, non-English words with the closest known word, if one is close enough."""
    unknown = [i for i, t in enumerate(tokens)
               if len(t) >= MIN_SWAPPED and t.isalpha() and t not in vocab.known
               and t not in vocab.thing_words and not vocab.synonyms.starts(t)]
    if not unknown:
        return tokens
    joins = {i for i in unknown if i and tokens[i - 1] + tokens[i] in vocab.known}
    if joins:
        return _correct(_joined(tokens, joins), vocab)
    out: list = list(tokens)
    ears = MAX_BY_EAR  # words read by ear in one message: a few typos, never a page of gibberish sounded out
    for i in unknown:
        t = tokens[i]
        if len(t) < MIN_FUZZY:
            out[i] = (t not in vocab.realwords and _swapped(t, vocab)) or t
            continue
        # a letter held down before another form: "peelling" is "peeling", not "peel"
        fixed = (t not in vocab.realwords and _unrepeated(t, vocab)) or _lemma(t, vocab)  # "swells", "weeping"
        if fixed is None and t not in vocab.realwords:
            fixed = _redoubled(t, vocab) or _split(t, vocab) or closest(t, _candidates(vocab)) or _held_typo(t, vocab)
            if fixed is None and ears:
                ears -= 1
                fixed = _by_ear(t, vocab)
        if fixed is not None:
            out[i] = fixed
    return [w for t in out for w in (t if isinstance(t, tuple) else (t,))]


def _swapped(token: str, vocab: Vocabulary) -> str | None:
    """Read a three-letter word typed with two letters swapped ("gmy") as the known word ("gym"): the only fix
    a word this short gets, since one letter changed, added or dropped reaches too many real words."""
    return next((w for k in range(len(token) - 1)
                 if (w := token[:k] + token[k + 1] + token[k] + token[k + 2:]) in vocab.correctable), None)


def _redoubled(token: str, vocab: Vocabulary) -> str | None:
    """Read a word typed with a double letter single ("ofice", "apointment", "folow") as the known word,
    before any reading as two words run together ("of ice")."""
    return next((w for k in range(1, len(token)) if (w := token[:k] + token[k - 1:]) in vocab.correctable), None)


def _split(token: str, vocab: Vocabulary) -> str | tuple[str, str] | None:
    """Read a known word typed run into a short one ("washmy", "canI", "isit", "myface") as the two words,
    the short one after it first, and a keyword of two words typed as one ("hottub") as its words; a known
    word with its g dropped ("itchin") is that word, not two."""
    if token.endswith("in") and token + "g" in vocab.known:
        return token + "g"
    if token in vocab.run_together:  # two words of a keyword typed as one ("hottub")
        return vocab.run_together[token]
    after = ((token[:k], token[k:]) for k in range(len(token) - 1, 1, -1))
    before = ((token[:k], token[k:]) for k in range(1, len(token) - 2))
    return next((pair for pair in after if pair[1] in vocab.joined and pair[0] in vocab.correctable), None) or \
        next((pair for pair in before if pair[0] in vocab.joined and pair[1] in vocab.correctable), None)


def _joined(tokens: list[str], joins: set[int]) -> list[str]:
    """Join each token at `joins` to the one before it: an unknown word that with it is a known one ("I buprofen")."""
    out: list[str] = []
    for i, t in enumerate(tokens):
        if i in joins:
            out[-1] += t
        else:
            out.append(t)
    return out


_SUFFIXES = (("iness", "y"), ("yness", "y"), ("ness", ""), ("ies", "y"), ("es", ""), ("s", ""), ("ed", ""),
             ("ed", "e"), ("ing", ""), ("ing", "e"), ("iest", "y"), ("ier", "y"))  # "puffier": puffy


def _lemma(token: str, vocab: Vocabulary) -> str | None:
    """Return the known word a regular inflection comes from ("swells" -> "swell"), or the known plural of a
    singular the lists only hold in the plural ("sport" -> "sports", "hive" -> "hives"), or None."""
    for plural in (token + "s", token + "es"):
        if len(token) >= 4 and plural in vocab.known:
            return plural
    for suffix, add in _SUFFIXES:
        if token.endswith(suffix) and len(token) - len(suffix) >= 3:
            stem = token[: -len(suffix)]
            for form in (stem + add, stem[:-1] if len(stem) > 3 and stem[-1] == stem[-2] else None):
                if form and form in vocab.known:
                    return form
    return None


def _unrepeated(token: str, vocab: Vocabulary) -> str | None:
    """Read a word typed with letters held down ("puuuus", "feverrrr") as the known word it spells; a word that
    is another real word with a letter undoubled is returned as typed, so nothing corrects it."""
    runs = re.findall(r"((.)\2*)", token)
    if len(runs) == len(token) or sum(len(r) > 1 for r, _ in runs) > 4:
        return None  # nothing held down, or too many runs to try each at one and two letters
    forms = [""]
    for run, letter in runs:  # a double as typed is likelier real ("little") than a run held down
        ks = (2, 1) if len(run) == 2 else (1, 2) if len(run) > 2 else (1,)
        forms = [f + letter * k for f in forms for k in ks]
    forms += [f + "g" for f in forms if f.endswith("in")]  # "feeeelin": held down, and the g dropped
    for f in forms:
        if f != token and f in vocab.known:
            return f
        if f != token and f in vocab.realwords:
            return token  # "chillis" is "chilis", not "chills"; and "pepper" stays, not "peper"
    return None


def _held_typo(token: str, vocab: Vocabulary) -> str | None:
    """Read a word both held down and misspelt ("streeeeeks"): its letters held at most twice, corrected."""
    short = re.sub(r"(.)\1{2,}", r"\1\1", token)
    return closest(short, _candidates(vocab)) if short != token else None


def _by_ear(token: str, vocab: Vocabulary) -> str | None:
    """Read a word spelt as it sounds ("bruzing", "routeen", "akeing") as a known word of the same sound, at
    most two letters away (three in a long word); short words are left: too many sound alike."""
    if len(token) < MIN_BY_EAR:
        return None
    key = (id(vocab), token[0])
    sounds = _SOUND_POOLS.get(key)
    if sounds is None:  # only the words of the token's first letter: a few ms, not the whole list's 60
        sounds = {}
        for w in _candidates(vocab).get(token[0], []):
            sounds.setdefault(fuzzy.sound(w), []).append(w)
        _SOUND_POOLS[key] = sounds
    return fuzzy.sounded(token, sounds.get(fuzzy.sound(token), []), 3 if len(token) >= 7 else 2)


_SOUND_POOLS: dict[tuple[int, str], dict[str, list[str]]] = {}


def edits_allowed(token: str) -> int:
    """One typo (a swap counts as one) up to 7 letters, two from 8 on."""
    return 1 if len(token) < 8 else 2


def closest(token: str, candidates: dict[str, list[str]]) -> str | None:
    """Return the known word within the allowed edits, sharing the first letter, or None."""
    return fuzzy.closest(token, candidates.get(token[0], []), edits_allowed(token))


_POOLS: dict[int, dict[str, list[str]]] = {}


def _candidates(vocab: Vocabulary) -> dict[str, list[str]]:
    """Group known words of fuzzy length by first letter (typos rarely change the first letter)."""
    pools = _POOLS.get(id(vocab))
    if pools is None:
        pools = {}
        synonym_words = {w for p, _ in vocab.synonyms.entries() for w in p}
        for w in vocab.correctable | synonym_words:
            if len(w) >= MIN_FUZZY:
                pools.setdefault(w[0], []).append(w)
        _POOLS[id(vocab)] = pools
    return pools
