"""Split text into word tokens and find whole-word phrases in them: what every list of intents/ is matched with.

    words("Can't breathe - help")          # ["cant", "breathe", ":", "help"]
    PhraseIndex([(("sun", "cream"), "sunscreen")]).find(tokens)   # (start, stop, value), longest first
    around(tokens, 3, 4, ".!?;")           # the sentence holding tokens[3:4]
    sentence_end(tokens, 3)                # "?": what ends it
"""
from __future__ import annotations

import re
import unicodedata

Phrase = tuple[str, ...]
_WORD = re.compile(r"\d{1,4}/\d{1,2}(?:/\d{2,4})?|\d+(?:\.\d+)?|[a-z]+|[.!?;,:]")
# "38,9": a body temperature in Celsius written with a decimal comma, as most of the world writes it
_DECIMAL_COMMA = re.compile(r"(?<![\d.,])(3[4-9]|4[0-3]),(\d)(?!\d)")
_LINE_BREAK = re.compile(r"[^\S\n]*[\r\n]+\s*")
_TITLE = re.compile(r"\b(dr|mr|mrs|ms|prof)\.(?= [a-z])")
_NUMBER_SIGN = re.compile(r"#(?!\w)")  # "the clinic's # pls": a number; "#1" and "#selfcare" are not
_MONTH = re.compile(r"\b(jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.(?= ?\d)")  # "Nov. 18th": one date
_DASH = re.compile(r"\s[-–—]+\s|[–—]")  # a dash between words separates like a colon: "pus - none"
# an emoji between words ends a sentence, as chat writes it ("I feel great 🙌 my spin class is tonight")
_EMOJI = re.compile("[\U0001F300-\U0001FAFF\u2600-\u27BF][\U0001F300-\U0001FAFF\u2600-\u27BF\uFE0F\u200D\\s]*"
                    "(?=[^\\W\\d_])")


def words(text: str) -> list[str]:
    """Split text into lowercase word tokens with accents and apostrophes dropped."""
    text = _EMOJI.sub(" . ", text)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"(?<=[a-z])['’‘`](?=[a-z])", "", text)
    text = _DECIMAL_COMMA.sub(r"\1.\2", text)
    text = _MONTH.sub(r"\1", _TITLE.sub(r"\1", text))  # "see Dr. Alexander again" is one sentence
    text = _NUMBER_SIGN.sub(" number ", text)
    text = _LINE_BREAK.sub(" , ", text)  # a pasted list: each line is its own clause ("Hives\nnone")
    return _WORD.findall(_DASH.sub(" : ", text))


def around(tokens: list[str], start: int, stop: int, marks) -> tuple[int, int]:
    """Return (lo, hi), the stretch holding tokens[start:stop] between the marks that bound it (clause or
    sentence ends): lo just after the last mark before start, hi at the first mark from stop on."""
    lo = next((i + 1 for i in range(start - 1, -1, -1) if tokens[i] in marks), 0)
    hi = next((i for i in range(stop, len(tokens)) if tokens[i] in marks), len(tokens))
    return lo, hi


def sentence_end(tokens: list[str], i: int) -> str:
    """Return the mark that ends the sentence holding tokens[i] (".", "!", "?" or ";"), or "" at the message's end."""
    hi = around(tokens, i, i, ".!?;")[1]
    return tokens[hi] if hi < len(tokens) else ""


def phrase(text: str) -> Phrase:
    return tuple(words(text))


class PhraseIndex:
    """Find whole-word phrases in a token list, longest first, without overlaps."""

    def __init__(self, entries: list[tuple[Phrase, object]]):
        # By first word, then by length, longest first: one dictionary lookup a length, not a comparison
        # a phrase ("i" starts hundreds of them; comparing each was a fifth of `ask`). A phrase listed
        # with a second value keeps it in _more (all_at yields both; find, the first).
        sized: dict[str, dict[int, dict[Phrase, object]]] = {}
        self._more: dict[Phrase, list] = {}
        for p, value in entries:
            if p:
                phrases = sized.setdefault(p[0], {}).setdefault(len(p), {})
                if p in phrases:
                    if value != phrases[p] and value not in self._more.get(p, ()):  # listed twice: once is enough
                        self._more.setdefault(p, []).append(value)
                else:
                    phrases[p] = value
        self._lengths = {first: sorted(by_length.items(), reverse=True) for first, by_length in sized.items()}

    def starts(self, word: str) -> bool:
        """Say whether some phrase starts with the word."""
        return word in self._lengths

    def entries(self):
        """Yield every (phrase, value), longest first for each first word."""
        for by_length in self._lengths.values():
            for _n, phrases in by_length:
                for p, value in phrases.items():
                    yield p, value
                    yield from ((p, more) for more in self._more.get(p, ()))

    def find(self, tokens: list[str], start: int = 0, end: int | None = None, every: bool = False):
        """Yield (start, stop, value) for each longest phrase, left to right, not overlapping; `every`: each
        value of a phrase listed with more than one ("hot yoga" is exercise and heat)."""
        end = len(tokens) if end is None else end
        lengths = self._lengths
        window = tokens[start:end] if start or end != len(tokens) else tokens
        if lengths.keys().isdisjoint(window):
            return  # most lists hold no word of a message: one set operation says so
        free = start  # where the next phrase may begin: after the last one found
        for i, word in enumerate(window, start):
            if i < free or word not in lengths:
                continue
            for n, phrases in lengths[word]:
                if i + n <= end and (p := tuple(tokens[i:i + n])) in phrases:
                    yield i, i + n, phrases[p]
                    if every:
                        yield from ((i, i + n, more) for more in self._more.get(p, ()))
                    free = i + n
                    break

    def all_at(self, tokens: list[str]):
        """Yield every (start, stop, value), overlaps included."""
        lengths = self._lengths
        if lengths.keys().isdisjoint(tokens):
            return
        for i, tok in enumerate(tokens):
            for n, phrases in lengths.get(tok, ()):
                p = tuple(tokens[i:i + n])
                if p in phrases:
                    yield i, i + n, phrases[p]
                    yield from ((i, i + n, more) for more in self._more.get(p, ()))


def possessed(entries: list[tuple[tuple[str, ...], str]]) -> list[tuple[tuple[str, ...], str]]:
    """Add each phrase of two or more words in the possessive, as typed without its apostrophe: "my
    friend's face", "my husband's beard" come in as "my friends face", "my husbands beard"."""
    return entries + [(p[:-1] + (p[-1] + "s",), kind) for p, kind in entries if len(p) > 1 and p[-1][-1:] != "s"]
