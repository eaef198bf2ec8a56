"""Compare messages by meaning with wordllama's static embeddings, read straight from its wheel, offline.

    m = meaning()                       # None when wordllama is not installed: the layer is then off
    v = m.vector(["can", "i", "swim"])  # the mean of the words' token vectors, unit length
    dot(v, w)                           # their cosine, -1..1
wordllama ships a 32,000 x 256 float16 table and its Llama tokenizer inside the wheel. Its own
loader would import numpy and look for downloads; this module never imports wordllama, numpy or
the network. It maps the weights file and unpacks only the rows a message needs. Words are split
into tokens exactly (Hugging Face `tokenizers`) once, when the cache is built, for every word the
intents and the English word list know; a word outside them is split greedily, longest token first.
"""
from __future__ import annotations

import importlib.util
import json
import math
import mmap
import operator
import os
import struct
from array import array
from collections.abc import Callable
from functools import lru_cache

from assistant.core.cache import cached
from assistant.core.record import Record

DIM = 256
WEIGHTS = ("weights", "l2_supercat_256.safetensors")
TOKENIZER = ("tokenizers", "l2_supercat_tokenizer_config.json")
_ROW = struct.Struct(f"<{DIM}e")


def package_folder() -> str | None:
    """Return wordllama's installed folder without importing it (importing pulls in numpy)."""
    spec = importlib.util.find_spec("wordllama")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = next(iter(spec.submodule_search_locations))
    return folder if os.path.isfile(os.path.join(folder, *WEIGHTS)) else None


class Tokens(Record):
    """What the cache keeps: each known word's token ids, and the token vocabulary for other words.

    The vocabulary is every token in sorted order, NUL between, with where each starts and its id: a
    word outside the lists is split by binary search in it. A 32,000-entry dictionary unpickled in 8.5
    ms (of an 80 ms `ask`), or built on the first such word in 7 ms and 5 MiB, which `ask --from-wav`
    paid for nearly every question (the decoder's everyday words are outside the lists) and which put
    it over its 50 MiB line."""

    words: dict
    pieces: str    # the tokens, sorted, NUL between
    starts: bytes  # array("I"): where each sorted token starts in `pieces`
    ids: bytes     # array("I"): each sorted token's id


class Meaning:
    """The embedding table, mapped from the wheel, and the words' token ids."""

    def __init__(self, folder: str, tokens: Tokens):
        self.tokens = tokens
        self._starts, self._ids = array("I", tokens.starts), array("I", tokens.ids)
        with open(os.path.join(folder, *WEIGHTS), "rb") as f:
            self.table = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
        size = int.from_bytes(self.table[:8], "little")
        header = json.loads(self.table[8:8 + size])
        entry = next(v for k, v in header.items() if k != "__metadata__")
        if entry["dtype"] != "F16" or entry["shape"][1] != DIM:
            raise ValueError(f"unexpected embedding table {entry['dtype']} {entry['shape']}")
        self.base = 8 + size + entry["data_offsets"][0]
        self.rows = entry["shape"][0]
        self._rows: dict[int, tuple[float, ...]] = {}

    def ids(self, word: str) -> tuple[int, ...]:
        """Return a word's token ids: exact for known words, longest-token-first for others."""
        known = self.tokens.words.get(word)
        if known is not None:
            return known
        text, out, i = "\u2581" + word, [], 0
        while i < len(text):
            for j in range(min(len(text), i + 16), i, -1):
                tid = self._token(text[i:j])
                if tid is not None:
                    out.append(tid)
                    i = j
                    break
            else:
                i += 1  # a character the vocabulary lacks adds nothing
        return tuple(out)

    def _token(self, piece: str) -> int | None:
        """Return the id of the token spelt `piece`, or None: a binary search of the sorted tokens."""
        pieces, starts = self.tokens.pieces, self._starts
        lo, hi = 0, len(starts)
        while lo < hi:
            mid = (lo + hi) // 2
            start = starts[mid]
            end = pieces.find("\0", start)
            here = pieces[start:end if end >= 0 else None]
            if here < piece:
                lo = mid + 1
            elif here > piece:
                hi = mid
            else:
                return self._ids[mid]
        return None

    def row(self, tid: int) -> tuple[float, ...]:
        """Return one token's vector; the last 512 are kept unpacked (about 8 KB each), since the same
        everyday tokens ("my", "is", "can") come in nearly every message and unpacking is most of the cost."""
        row = self._rows.get(tid)
        if row is None:
            if len(self._rows) >= 512:
                self._rows.pop(next(iter(self._rows)))
            row = self._rows[tid] = _ROW.unpack_from(self.table, self.base + tid * DIM * 2)
        return row

    def vector(self, words: list[str]) -> list[float] | None:
        """Return the unit mean of the words' token vectors (wordllama's pooling), or None for no tokens."""
        rows = [self.row(tid) for w in words for tid in self.ids(w) if 0 <= tid < self.rows]
        if not rows:
            return None
        return unit(list(map(sum, zip(*rows))) if len(rows) > 1 else list(rows[0]))


def unit(v: list[float]) -> list[float]:
    norm = math.sqrt(sum(map(operator.mul, v, v))) or 1.0
    return [x / norm for x in v]


def dot(a, b) -> float:
    """Return the dot product: the cosine, for two unit vectors (map and operator: twice a generator's speed)."""
    return sum(map(operator.mul, a, b))



def _build_tokens(folder: str, words: frozenset[str]) -> Tokens:
    # tokenizers costs about 100 ms to load the tokenizer: only a cache miss pays it.
    from tokenizers import Tokenizer
    tok = Tokenizer.from_file(os.path.join(folder, *TOKENIZER))
    tok.no_truncation()
    ordered = sorted(words)
    encoded = tok.encode_batch(ordered, add_special_tokens=False)
    pieces = sorted((piece, tid) for piece, tid in tok.get_vocab().items() if piece and "\0" not in piece)
    starts, at = array("I"), 0
    for piece, _tid in pieces:
        starts.append(at)
        at += len(piece) + 1
    return Tokens({w: tuple(e.ids) for w, e in zip(ordered, encoded)}, "\0".join(p for p, _ in pieces),
                  starts.tobytes(), array("I", (tid for _, tid in pieces)).tobytes())


@lru_cache(maxsize=1)
def meaning(words: Callable[[], frozenset[str]] = frozenset, sources: tuple[str, ...] = ()) -> Meaning | None:
    """Return the process's embedding reader, None when wordllama is not installed.

    `words` gives the words to split exactly, and is called only when the cache is built (gathering
    them took 6 ms of every `ask`); `sources` are the files they come from, so a new word rebuilds it.
    """
    folder = package_folder()
    if folder is None:
        return None
    sources = (os.path.join(folder, *WEIGHTS), os.path.join(folder, *TOKENIZER), *sources)
    return Meaning(folder, cached("meaning-tokens", list(sources), lambda: _build_tokens(folder, words())))
