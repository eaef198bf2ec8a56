"""Train the domain gate: a logistic regression over wordllama sentence vectors, in scope or not.

    .venv/bin/python scripts/train_domain_gate.py          # writes intents/domain_gate.json
Positives: the in-scope questions of the tuning golden files and every topic's example questions.
Negatives: the tuning out-of-scope cases, and the general-assistant queries of ../shared/eval whose
intent falls in the training half (intents are split by name, so the benchmark can report the
queries of intents never seen in training apart). The held-out golden files are never read.
The weights are 257 numbers; nothing but this script needs numpy.
"""
from __future__ import annotations

import json
import sys
import zlib
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import golden

from assistant.understanding import sense
from assistant.understanding.utterance import Utterance
from assistant.understanding.vocabulary import load

GENERAL = ROOT.parent / "shared" / "eval" / "general-queries.jsonl"
OUT = ROOT / "intents" / "domain_gate.json"


def training_intent(name: str) -> bool:
    """Put half the general intents, chosen by a stable hash of the name, in training."""
    return zlib.crc32(name.encode()) % 2 == 0


def main() -> None:
    vocab = load()
    pos = [c["q"] for c in golden.cases() if c["topics"] not in ([[""]], [["*"]])]
    pos += [ex for t in vocab.topics.values() for ex in t.examples]
    neg = [c["q"] for c in golden.cases() if c["topics"] == [[""]]]
    rows = [json.loads(line) for line in GENERAL.read_text(encoding="utf-8").splitlines() if line.strip()]
    neg += [r["text"] for r in rows if training_intent(r["intent"])]
    texts, labels = pos + neg, [1.0] * len(pos) + [0.0] * len(neg)
    vectors = [sense.message_vector(Utterance.of(t, vocab)) for t in texts]
    keep = [i for i, v in enumerate(vectors) if v is not None]
    x = np.array([vectors[i] for i in keep])
    y = np.array([labels[i] for i in keep])
    weight = np.where(y == 1, len(y) / (2 * y.sum()), len(y) / (2 * (len(y) - y.sum())))  # balance the classes
    w, b = np.zeros(x.shape[1]), 0.0
    for _ in range(3000):  # plain gradient descent with a little L2: the problem is small and convex
        p = 1 / (1 + np.exp(-(x @ w + b)))
        g = (p - y) * weight
        w -= 0.5 * (x.T @ g / len(y) + 1e-4 * w)
        b -= 0.5 * g.mean()
    p = 1 / (1 + np.exp(-(x @ w + b)))
    print(f"trained on {int(y.sum())} in scope and {int(len(y) - y.sum())} out; "
          f"training accuracy {((p > 0.5) == (y == 1)).mean():.1%}")
    OUT.write_text(json.dumps({"bias": round(float(b), 6), "weights": [round(float(v), 6) for v in w]}) + "\n")
    print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
