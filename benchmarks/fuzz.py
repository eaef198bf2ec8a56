"""Push many generated inputs through the whole pipeline; print throughput, the worst case, and
how the cost grows with the length of a message. Then push a million more through every reader of
dates and numbers alone (timeline.bounds is their one boundary) and count the exceptions: a
refusal (DateError, or ValueError for a protocol's time point) is an answer, anything else is a bug.

    .venv/bin/python benchmarks/fuzz.py [N] [READER_INPUTS]
"""
from __future__ import annotations

import multiprocessing
import os
import random
import string
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assistant.clinic import protocol
from assistant.dialogue.reply import answer
from assistant.timeline import clock, lenient
from assistant.timeline.bounds import CLOCK_FROM, DateError
from assistant.timeline.window import parse_point
from assistant.understanding import moments, quantity
from assistant.understanding.phrases import words
from assistant.understanding.vocabulary import load

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


DATE_WORDS = ("nov november 20 20th 2026 9999 0001 0 -1 12 99999999999 999999999999 9999999999999 "
              "99999999999999999999 ١٢ ² yesterday today tomorrow tonight this last next monday friday at am pm "
              "noon midnight morning evening in a an one ten days day weeks week hours minutes min ago before since "
              ": / . - + t z +05:00 12:30 25:61 11/24 31/12/2026 2026-11-20t10:00 2026-02-30 9999-12-31 end of "
              "treatment always healed +24h -72h +10d +2mo +1.5mo mo d h w fever of degrees c f 101.5 point had it "
              "done stopped accutane").split()
DATEPARSER_EVERY = 50  # dateparser takes a millisecond or more a date: it reads one input in 50


def date_text(rng: random.Random) -> str:
    """Text for a reader of dates and numbers: date words, long and foreign numbers, garbage, any Unicode."""
    kind = rng.random()
    if kind < 0.55:
        return " ".join(rng.choice(DATE_WORDS) for _ in range(rng.randint(1, 7)))
    if kind < 0.75:
        digits = "".join(rng.choice("0123456789") for _ in range(rng.choice([1, 2, 4, 8, 12, 13, 20, 400, 5000])))
        return rng.choice(["", "+", "-", "day ", "in ", "end of day ", "nov "]) + digits + \
            rng.choice(["", "h", "d", "w", "mo", " days ago", " weeks ago", " hours", " 10am", ".5 degrees"])
    if kind < 0.9:
        return "".join(rng.choice(string.printable) for _ in range(rng.randint(0, 40)))
    return "".join(chr(rng.randint(0, 0x2FFFF)) for _ in range(rng.randint(0, 16))).encode(
        "utf-8", "replace").decode("utf-8", "replace")


def _readers(vocab):
    """Each reader with the exceptions that are its refusals."""
    return [("when", lambda t, now: clock.parse_when(t, now), DateError),
            ("point", lambda t, now: parse_point(t, frozenset({"healed"})).resolve(now), ValueError),
            ("numbers", lambda t, now: quantity.numbers(words(t), vocab), ()),
            ("temperatures", lambda t, now: quantity.temperatures(words(t), vocab), ()),
            ("elapsed", lambda t, now: quantity.elapsed(words(t), vocab), ()),
            ("moments", lambda t, now: moments.read(words(t), vocab, now), ())]


def _reader_chunk(job: tuple[int, int, int]) -> dict:
    start, stop, seed = job
    rng, vocab = random.Random(seed), load()
    readers = _readers(vocab)
    out = {"inputs": 0, "refused": 0, "dateparser": 0, "exceptions": 0, "examples": []}
    span = (datetime(2199, 12, 31) - CLOCK_FROM).days
    for i in range(start, stop):
        text = date_text(rng)
        now = CLOCK_FROM + timedelta(days=rng.randint(0, span), minutes=rng.randint(0, 1439))
        real = i % DATEPARSER_EVERY == 0
        clock.lenient = lenient.lenient if real else (lambda *a, **k: None)  # see DATEPARSER_EVERY
        name, read, refusal = readers[0] if real else readers[i % len(readers)]
        out["dateparser"] += real
        out["inputs"] += 1
        try:
            read(text, now)
        except refusal:
            out["refused"] += 1
        except Exception as exc:  # what this counts: any exception that is not the reader's refusal
            out["exceptions"] += 1
            if len(out["examples"]) < 5:
                out["examples"].append(f"{name}: {type(exc).__name__}: {exc} <- {text[:60]!r} at {now}")
    clock.lenient = lenient.lenient
    return out


def readers(n: int = 1_000_000, seed: int = 11, workers: int | None = None) -> dict:
    """Feed n generated inputs to the readers of dates and numbers on every core; count the exceptions."""
    workers = workers or os.cpu_count() or 1
    load()  # loaded once, before the workers fork
    bounds = [n * k // (workers * 8) for k in range(workers * 8 + 1)]
    jobs = [(a, b, seed * 1000 + k) for k, (a, b) in enumerate(zip(bounds, bounds[1:]))]
    t0 = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        parts = pool.map(_reader_chunk, jobs)
    total = {k: sum(p[k] for p in parts) for k in ("inputs", "refused", "dateparser", "exceptions")}
    total["examples"] = [e for p in parts for e in p["examples"]][:5]
    total["per_second"] = total["inputs"] / (time.perf_counter() - t0)
    return total


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    r = run(n)
    print(f"{r['inputs']} generated inputs: {r['per_second']:.0f} per second, worst {r['worst_ms']:.1f} ms")
    for size, ms in r["by_length_ms"].items():
        print(f"  a {size:>9,}-character message: {ms:.2f} ms")
    d = readers(int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000)
    print(f"{d['inputs']:,} generated inputs to the date and number readers (dateparser read {d['dateparser']:,}): "
          f"{d['exceptions']} exceptions, {d['refused']:,} refused, {d['per_second']:,.0f} per second")
    for example in d["examples"]:
        print(f"  {example}")


if __name__ == "__main__":
    main()
