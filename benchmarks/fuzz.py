"""Push many generated inputs through the whole pipeline; print throughput, the worst case, and
how the cost grows with the length of a message.

    .venv/bin/python benchmarks/fuzz.py [N]
"""
from __future__ import annotations

import random
import string
import sys
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assistant.clinic import protocol
from assistant.dialogue.reply import answer

WORDS = ("can i wear makeup advil tylenol sauna gym swim sun pus fever 102 38.9 c no not can't breathe "
         "swollen red yesterday 3 days ago day 2 and or but still maybe my friend had hives throat "
         "accutane botox wax shave retinol spf 30 ice flaking scabs 😀 ☀️ שלום مرحبا \u202e \x00 \x1b[31m").split()


def generate(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.5:
        return " ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 25)))
    if kind < 0.8:
        return "".join(rng.choice(string.printable) for _ in range(rng.randint(0, 120)))
    if kind < 0.95:
        return "".join(chr(rng.randint(0, 0x2FFFF)) for _ in range(rng.randint(0, 60))).encode(
            "utf-8", "replace").decode("utf-8", "replace")
    return rng.choice(["?", "!", "pus", "a b "]) * rng.randint(100, 3000)


def run(n: int, seed: int = 7) -> dict:
    rng = random.Random(seed)
    protocols = [protocol.load(pid) for pid in protocol.bundled_ids()]
    treated, now = datetime(2026, 11, 20, 10), datetime(2026, 11, 21, 16)
    worst, worst_text, t0 = 0.0, "", time.perf_counter()
    for i in range(n):
        text = generate(rng)
        s = time.perf_counter()
        answer(text, protocols[i % 4], treated if i % 3 else None, now)
        took = time.perf_counter() - s
        if took > worst:
            worst, worst_text = took, text
    total = time.perf_counter() - t0
    by_length = {}
    for size in (100, 1_000, 2_000, 10_000, 1_000_000):
        text = ("can I wear makeup? " * (size // 19 + 1))[:size]
        s = time.perf_counter()
        for _ in range(5):
            answer(text, protocols[0], treated, now)
        by_length[size] = (time.perf_counter() - s) / 5
    return {"inputs": n, "per_second": n / total, "worst_ms": worst * 1e3,
            "worst_input": worst_text[:40], "by_length_ms": {k: v * 1e3 for k, v in by_length.items()}}


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    r = run(n)
    print(f"{r['inputs']} generated inputs: {r['per_second']:.0f} per second, worst {r['worst_ms']:.1f} ms")
    for size, ms in r["by_length_ms"].items():
        print(f"  a {size:>9,}-character message: {ms:.2f} ms")


if __name__ == "__main__":
    main()
