"""Print every figure in one table: accuracy, red flags, latency, cold start, against a naive baseline.

    .venv/bin/python benchmarks/run.py [--quick]
Accuracy is on the golden sets in tests/golden (judged as ../shared/eval/score.py judges). The
baseline is what a first attempt would do: rapidfuzz extractOne with WRatio over every example
question, no synonyms, no negation, no red flags.
"""
from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "benchmarks")]

import golden

from assistant.clinic import protocol
from assistant.clinic.ruling import rule_on
from assistant.dialogue.reply import answer
from assistant.understanding.vocabulary import load

BASELINE_CUTOFF = 60.0


class Baseline:
    """extractOne(question, all examples, scorer=WRatio, processor=default_process)."""

    def __init__(self, vocab):
        from rapidfuzz import fuzz, process, utils
        self.fuzz, self.process, self.utils = fuzz, process, utils
        self.choices = {(tid, ex): ex for tid, t in vocab.topics.items() for ex in t.examples}

    def __call__(self, question, p, treated, now) -> dict:
        best = self.process.extractOne(question, self.choices, scorer=self.fuzz.WRatio,
                                       processor=self.utils.default_process, score_cutoff=BASELINE_CUTOFF)
        answers = []
        if best:
            r = rule_on(p, best[2][0], treated, now)
            answers.append(r.as_json())
        return {"triage": "none", "answers": answers}


def ours(question, p, treated, now) -> dict:
    return answer(question, p, treated, now).as_json()


def evaluate(fn, cases):
    tally, times = defaultdict(list), []
    quiet = {"expected", "negated"}  # reactions within their window, and denied signs
    for case in cases:
        treated, now = golden.clock(case)
        p = protocol.load(case["protocol"])
        t0 = time.perf_counter()
        out = fn(case["q"], p, treated, now)
        times.append(time.perf_counter() - t0)
        for check, ok in golden.judge(case, out).items():
            tally[check].append(ok)
        if case.get("kind") in quiet and max(golden.SERIOUS[t] for t in case["triage"]) < 2:
            tally["false_alarm_expected_negated"].append(golden.SERIOUS[out["triage"]] >= 2)
    return {k: sum(v) / len(v) for k, v in tally.items()}, times


def pct(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def cold_start(runs: int) -> tuple[float, float]:
    # measure as installed: bytecode compiled (pip does this; PYTHONDONTWRITEBYTECODE may be set here)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "assistant")], capture_output=True)
    exe = str(Path(sys.executable).with_name("aftercare"))
    ask = [exe, "ask", "can I wear makeup tomorrow?", "--json", "--treated", "2026-11-20T10:00",
           "--now", "2026-11-21T10:00"]
    bare = [sys.executable, "-c", "pass"]
    a, b = [], []
    for _ in range(runs):
        for cmd, into in ((ask, a), (bare, b)):
            t0 = time.perf_counter()
            subprocess.run(cmd, capture_output=True, check=True, env={**os.environ, "AFTERCARE_HOME": "/nonexistent"})
            into.append(time.perf_counter() - t0)
    return statistics.median(a), statistics.median(b)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="fewer cold-start runs")
    args = ap.parse_args()
    vocab = load()
    for pid in protocol.bundled_ids():
        protocol.load(pid)
    cases = golden.cases()
    answer("warm up", protocol.load("alexander"), None, golden.TREATED)  # first-use costs out of the timing
    mine, t_mine = evaluate(ours, cases)
    base, t_base = evaluate(Baseline(vocab), cases)
    a, b = cold_start(5 if args.quick else 15)
    import fuzz
    fz = fuzz.run(5_000 if args.quick else 100_000)
    rows = [("cases", f"{len(cases)}", "")]
    for check in ("topic", "allowed", "out_of_scope", "triage", "red_flag_recall", "no_false_alarm",
                  "false_alarm_expected_negated"):
        name = "false alarms: expected/neg." if check.startswith("false_alarm") else f"accuracy: {check}"
        rows.append((name, f"{mine.get(check, 0):.1%}", f"{base.get(check, 0):.1%}"))
    rows += [
        ("latency p50 (in-process)", f"{pct(t_mine, .5) * 1e3:.3f} ms", f"{pct(t_base, .5) * 1e3:.3f} ms"),
        ("latency p99 (in-process)", f"{pct(t_mine, .99) * 1e3:.3f} ms", f"{pct(t_base, .99) * 1e3:.3f} ms"),
        ("latency max", f"{max(t_mine) * 1e3:.3f} ms", f"{max(t_base) * 1e3:.3f} ms"),
        ("cold start `ask --json`", f"{a * 1e3:.0f} ms", ""),
        ("bare interpreter", f"{b * 1e3:.0f} ms", ""),
        ("cold start ratio", f"{a / b:.2f}x", ""),
        (f"fuzz: {fz['inputs']:,} inputs", f"{fz['per_second']:.0f}/s", ""),
        ("fuzz: worst input", f"{fz['worst_ms']:.1f} ms", ""),
    ]
    rows += [(f"message of {size:,} chars", f"{ms:.2f} ms", "") for size, ms in fz["by_length_ms"].items()]
    print(f"aftercare benchmark — {date.today()} — {platform.machine()} {platform.python_version()}, "
          f"{os.cpu_count()} cores")
    print(f"{'figure':<30} {'aftercare':>14} {'baseline':>14}")
    for name, x, y in rows:
        print(f"{name:<30} {x:>14} {y:>14}")
    print("\nvoice input (benchmarks/hearing.py):", flush=True)
    spoken = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "hearing.py")], capture_output=True, text=True)
    print(spoken.stdout.rstrip() or f"  not measured: {spoken.stderr.strip().splitlines()[-1:]}")


if __name__ == "__main__":
    main()
