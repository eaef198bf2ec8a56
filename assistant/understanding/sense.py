"""Judge a message by meaning: is it about aftercare at all, which topic is nearest, which red flag.

    sense.in_domain(utt)        # 0..1, a logistic regression over the message's vector
    sense.nearest_topic(utt)    # ("swelling", 0.71) or None
    sense.nearest_sign(utt)     # ("breathing", 0.78) or None
The vectors come from understanding.meaning; the gate's 257 weights from intents/domain_gate.json
(scripts/train_domain_gate.py); the thresholds, calibrated on the tuning cases and the general
queries, from intents/meaning.toml. Everything is None or 0 when wordllama is not installed, so
keywords alone decide, as before.
"""
from __future__ import annotations

import heapq
import json
import math
import os
from array import array
from functools import lru_cache
from itertools import repeat

from assistant.core import data
from assistant.core.cache import cached
from assistant.core.record import Record
from assistant.understanding.meaning import Meaning, dot, meaning, unit
from assistant.understanding.phrases import words
from assistant.understanding.utterance import Utterance
from assistant.understanding.vocabulary import Vocabulary, load

NEAR = 128   # dimensions compared for nearness (the gate uses all 256)
CHUNK = 8    # references a centroid stands for in the first stage of the nearest search
COARSE = 64  # dimensions the first stage compares: it only ranks the chunks, and costs half


class Compiled(Record):
    """What the cache keeps: each topic's and each sign's reference vectors, the gate and the thresholds."""

    topics: dict            # topic id -> [(centroid, [reference vectors])], in chunks of CHUNK
    signs: dict             # sign id -> the same
    gate: tuple             # (weights, bias)
    limits: dict            # the thresholds of intents/meaning.toml


def _vocabulary_words(vocab: Vocabulary) -> frozenset[str]:
    examples = {w for t in vocab.topics.values() for ex in t.examples for w in words(ex)}
    return frozenset(vocab.known | vocab.realwords | examples)


@lru_cache(maxsize=1)
def _reader() -> Meaning | None:
    return meaning(lambda: _vocabulary_words(load()), tuple(data.intents()))


def message_vector(utt: Utterance) -> list[float] | None:
    """Return the unit vector of a message's words (punctuation left out), None without the model."""
    return _words_vector(utt.tokens)


def _words_vector(tokens) -> list[float] | None:
    """Return the unit vector of the tokens that are words, None without the model."""
    m = _reader()
    return None if m is None else m.vector([t for t in tokens if t.isalnum()])


def _build(m: Meaning, vocab: Vocabulary) -> Compiled:
    import tomllib  # only a cache miss reads the thresholds
    folder = data.intents_dir()
    with open(os.path.join(folder, "meaning.toml"), "rb") as f:
        limits = tomllib.load(f)
    with open(os.path.join(folder, "domain_gate.json"), encoding="utf-8") as f:
        gate = json.load(f)

    def group(texts) -> list | None:
        """Return the references in chunks of CHUNK, each with its centroid, for a two-stage search."""
        refs = [array("f", short(v)) for text in texts if text
                if (v := m.vector([w for w in Utterance.of(text, vocab).tokens if w.isalnum()])) is not None]
        chunks = [refs[i:i + CHUNK] for i in range(0, len(refs), CHUNK)]
        # centroids as lists of floats: a tenth of the size of the references, and dotted faster than arrays
        return [(unit([sum(col) for col in zip(*c)][:COARSE]), c) for c in chunks] or None
    topics = {tid: g for tid, t in vocab.topics.items()
              if (g := group([t.label, *t.examples, *(" ".join(k) for k in t.keywords)]))}
    # A sign is its name, its question and its sentence, and its first phrases: enough to be near, few
    # enough that every message can be compared with all of them in under a millisecond.
    signs = {s.id: g for s in vocab.signs + vocab.combos
             if (g := group([s.name, s.ask, s.say, *(" ".join(p) for p in s.phrases[:6])]))}
    return Compiled(topics, signs, (array("f", gate["weights"]), float(gate["bias"])), limits)


@lru_cache(maxsize=1)
def compiled() -> Compiled | None:
    m = _reader()
    if m is None:
        return None
    vocab = load()
    # every intents file: the references are read as messages are, by the vocabulary all of them shape (a
    # word made known or a thing changes how a reference is corrected), and the gate's weights
    files = [*data.intents(), os.path.join(data.intents_dir(), "domain_gate.json")]
    return cached("meaning-model", files, lambda: _build(m, vocab))


def short(v: list[float]) -> list[float]:
    """Keep the first NEAR dimensions, at unit length: wordllama is trained so that they still carry the
    meaning (similarities on the calibration pairs move by under 0.03), and comparing costs half."""
    return unit(v[:NEAR])


@lru_cache(maxsize=256)
def _vector(text: str) -> tuple | None:
    """Return the vector of an utterance's text: its tokens joined, so split, not read again."""
    v = _words_vector(text.split())
    return None if v is None else tuple(v)


@lru_cache(maxsize=256)
def _near_vector(text: str) -> tuple | None:
    v = _vector(text)
    return None if v is None else tuple(short(list(v)))


@lru_cache(maxsize=256)
def _coarse_vector(text: str) -> list | None:
    v = _near_vector(text)
    return None if v is None else unit(list(v[:COARSE]))


def in_domain(utt: Utterance) -> float:
    """Return how likely the message is about aftercare at all, 0..1; 1.0 when the model is off."""
    c, v = compiled(), _vector(utt.text)
    if c is None or v is None:
        return 1.0 if c is None else 0.0
    weights, bias = c.gate
    z = bias + dot(weights, v)
    return 1 / (1 + math.exp(-max(-50.0, min(50.0, z))))


@lru_cache(maxsize=256)
def _nearest(kind: str, text: str, top: int = 4) -> tuple[str, float] | None:
    """Find the nearest group of `kind` ("topics" or "signs"): every chunk's centroid first (on COARSE
    dimensions), then the references of the closest few chunks (on NEAR). Kept by text: the matcher asks it
    of one message twice (whether a general word is meant, and the fallback)."""
    v, coarse = _near_vector(text), _coarse_vector(text)
    centres, owners = _flat(kind)
    if v is None or not centres:
        return None
    # Every vector is of unit length, so the nearest by distance is the nearest by cosine; math.dist
    # measures in C, at under half the cost of a dot product in Python.
    far = list(map(math.dist, centres, repeat(coarse)))
    chunks = heapq.nsmallest(top, range(len(far)), key=far.__getitem__)
    gid, ref = min(((owners[i][0], r) for i in chunks for r in owners[i][1]), key=lambda p: math.dist(p[1], v))
    return gid, dot(ref, v)


@lru_cache(maxsize=2)
def _flat(kind: str) -> tuple[list, list]:
    """Return every chunk's centroid in one list, and beside it (group id, references)."""
    groups = getattr(compiled(), kind)
    pairs = [(centre, (gid, refs)) for gid, cs in groups.items() for centre, refs in cs]
    return [c for c, _ in pairs], [o for _, o in pairs]


def nearest_topic(utt: Utterance) -> tuple[str, float] | None:
    return None if compiled() is None else _nearest("topics", utt.text)


def nearest_sign(utt: Utterance) -> tuple[str, float] | None:
    return None if compiled() is None else _nearest("signs", utt.text)


def limit(name: str, default: float) -> float:
    c = compiled()
    return default if c is None else float(c.limits.get(name, default))


__all__ = ["in_domain", "limit", "message_vector", "nearest_sign", "nearest_topic", "unit"]
