"""Turn what a patient typed or said into canonical word tokens.

    Utterance.of("Cant breath!! took Advil") .tokens ->
        ["can", "not", "breathe", "!", "took", "ibuprofen"]
Steps: cap the length, fold case and accents, expand contractions, replace synonyms (brands,
spellings, slang), then correct typos of known words with rapidfuzz (imported only when a word
is neither known nor a real English word).
"""
from __future__ import annotations

from assistant.core.record import Record
from assistant.understanding import fuzzy
from assistant.understanding.vocabulary import Vocabulary, load, words

MAX_CHARS = 2000  # longer messages are cut here, and the reply says so
MIN_FUZZY = 4     # words shorter than this are never corrected: too many real words lie close


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
        tokens = _expand(tokens, vocab)
        tokens = _correct(tokens, vocab)
        tokens = _synonyms(tokens, vocab)
        return cls(text, tokens, truncated)

    @property
    def text(self) -> str:
        return " ".join(self.tokens)


def _expand(tokens: list[str], vocab: Vocabulary) -> list[str]:
    out: list[str] = []
    for t in tokens:
        out.extend(vocab.contractions.get(t, (t,)))
    return out


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
               if len(t) >= MIN_FUZZY and t.isalpha() and t not in vocab.known
               and t not in vocab.realwords and vocab.synonyms.by_first.get(t) is None]
    if not unknown:
        return tokens
    candidates = _candidates(vocab)
    out = list(tokens)
    for i in unknown:
        fixed = closest(tokens[i], candidates)
        if fixed is not None:
            out[i] = fixed
    return out


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
        synonym_words = {w for items in vocab.synonyms.by_first.values() for p, _ in items for w in p}
        for w in vocab.known | synonym_words:
            if len(w) >= MIN_FUZZY:
                pools.setdefault(w[0], []).append(w)
        _POOLS[id(vocab)] = pools
    return pools
