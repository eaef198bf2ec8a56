"""Print every figure in one table: accuracy on tuning and held-out cases, red flags, latency, cold start.

    .venv/bin/python benchmarks/run.py [--quick]
Accuracy is on the golden sets in tests/golden (judged as ../shared/eval/score.py judges): the
tuning files, and beside them tests/golden/heldout, written by others before any tuning and never
tuned on: safety.jsonl and understanding.jsonl (whose misses were studied, and fixed only by general
rules, so their figures read high); the later held-out files (*-fresh.jsonl, understanding-second.jsonl and
understanding-third.jsonl), each written by a helper who saw neither the intents nor the code and
measured at first contact, then studied in a later round; and understanding-fourth.jsonl, written
the same way before this round's rules and never studied (the honest figure for words nobody here
has tuned on).
The baseline is a fair first attempt: rapidfuzz token_set_ratio with default_process over every
example question, its cutoff tuned on the tuning cases; no synonyms, negation or red flags. General
queries (../shared/eval/general-queries.jsonl) are all out of scope by construction.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import re
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
from assistant.core.levels import SERIOUS
from assistant.dialogue.reply import answer
from assistant.understanding.vocabulary import load

GENERAL = ROOT.parent / "shared" / "eval" / "general-queries.jsonl"
QUIET = {"expected", "negated", "post_negation", "hypothetical", "long_past"}  # must not alarm


class Baseline:
    """extractOne(question, all examples, scorer=token_set_ratio, processor=default_process)."""

    def __init__(self, vocab, cutoff: float = 60.0):
        from rapidfuzz import fuzz, process, utils
        self.fuzz, self.process, self.utils = fuzz, process, utils
        self.choices = {(tid, ex): ex for tid, t in vocab.topics.items() for ex in t.examples}
        self.cutoff = cutoff

    def __call__(self, question, p, treated, now) -> dict:
        best = self.process.extractOne(question, self.choices, scorer=self.fuzz.token_set_ratio,
                                       processor=self.utils.default_process, score_cutoff=self.cutoff)
        answers = []
        if best:
            r = rule_on(p, best[2][0], treated, now)
            answers.append(r.as_json())
        return {"triage": "none", "answers": answers, "text": answers[0]["text"] if answers else ""}

    def tune(self, cases) -> Baseline:
        """Pick the cutoff that scores best on the tuning cases (topic and out-of-scope together)."""
        best = max(range(40, 100, 5), key=lambda c: _topic_score(Baseline(load(), c), cases))
        self.cutoff = float(best)
        return self


def _topic_score(fn, cases) -> float:
    scores, _ = evaluate(fn, [c for c in cases if c["topics"] != [["*"]]])
    return scores.get("topic", 0) + scores.get("out_of_scope", 0)


def ours(question, p, treated, now) -> dict:
    return answer(question, p, treated, now).as_json()


def evaluate(fn, cases):
    tally, times = defaultdict(list), []
    for case in cases:
        treated, now = golden.clock(case)
        p = protocol.load(case["protocol"])
        t0 = time.perf_counter()
        out = fn(case["q"], p, treated, now)
        times.append(time.perf_counter() - t0)
        for check, ok in golden.judge(case, out).items():
            tally[check].append(ok)
        if golden.SERIOUS.get(out["triage"], 0) >= 2:
            tally["reassures_beside_alarm"].append(reassures(out, p))
        if case.get("kind") in QUIET and max(golden.SERIOUS[t] for t in case["triage"]) < 2:
            tally["false_alarm_quiet"].append(golden.SERIOUS[out["triage"]] >= 2)
    return {k: sum(v) / len(v) for k, v in tally.items()}, times


def reassures(out: dict, p) -> bool:
    """Say whether a reply with an urgent or emergency line also says yes, or normal, about a sign it warns of."""
    signs = load().sign_by_id
    touched = set()
    for r in out.get("reasons") or []:
        sign = signs.get(r["sign"])
        touched |= set(sign.topics) if sign else set()
        touched |= {e.topic for e in p.expectations if e.reaction == r["sign"]}
    normal = {e.text for e in p.expectations}
    return any(a["topic"] in touched and (a["text"].startswith("Yes") or any(n in a["text"] for n in normal))
               for a in out.get("answers") or [])


REWRITES = {  # the held-out safety cases as patients also type them (issue 12, "Bad input")
    "upper case": str.upper,
    "no punctuation": lambda q: re.sub(r"(?<!\d)[^\w\s']|[^\w\s'](?!\d)", " ", q),  # decimals kept
    "emoji": lambda q: q + " 😣😣",
    "line breaks": lambda q: q.replace(", ", "\n").replace(". ", "\n"),
    "held-down letters": lambda q: re.sub(r"\b(\w*?)([aeiou])(\w{2,})\b", lambda m: m[1] + m[2] * 4 + m[3], q, count=1),
    "a greeting first": lambda q: "Hi, thanks for the help yesterday. " + q,
}


def rewritten(cases) -> list[tuple[str, str, str]]:
    """Return (rewrite, red-flag recall, false alarms) over the held-out safety cases rewritten each way."""
    out = []
    for name, rewrite in REWRITES.items():
        caught, alarms = [], []
        for case in cases:
            treated, now = golden.clock(case)
            got = golden.SERIOUS[str(answer(rewrite(case["q"]), protocol.load(case["protocol"]), treated, now)
                                     .triage.level)]
            lowest = min(golden.SERIOUS[t] for t in case["triage"])
            if lowest >= 2:
                caught.append(got >= lowest)
            if case["triage"] == ["none"]:
                alarms.append(got >= 2)
        out.append((name, f"{sum(caught)}/{len(caught)}", f"{sum(alarms)}/{len(alarms)}"))
    return out


def general_queries(limit: int | None = None) -> dict:
    """Answer the out-of-scope general queries: how many get an aftercare answer, how many alarm."""
    if not GENERAL.is_file():
        return {}
    rows = [json.loads(line) for line in GENERAL.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = rows[:limit] if limit else rows
    p, now = protocol.load("alexander"), golden.TREATED
    answered = alarms = 0
    for row in rows:
        out = answer(row["text"], p, None, now)
        answered += any(a.covered for a in out.answers)
        alarms += out.triage.level in SERIOUS
    return {"queries": len(rows), "answered": answered / len(rows), "alarms": alarms}


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


def attack_suite() -> str:
    """Run the attack suite and return its tally as pytest states it ("183 passed, 4 xfailed")."""
    r = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-o", "addopts=",
                        str(ROOT / "tests" / "attack")], capture_output=True, text=True, cwd=ROOT,
                       env={**os.environ, "PYTHONPATH": str(ROOT)})
    last = (r.stdout.strip().splitlines() or ["no result"])[-1]
    return last.split(" in ")[0]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="fewer cold-start runs, fewer fuzz inputs and queries")
    args = ap.parse_args()
    vocab = load()
    for pid in protocol.bundled_ids():
        protocol.load(pid)
    tuning = golden.cases()
    held = golden.studied()
    later = golden.later()  # each measured at first contact, then studied
    unseen = golden.unseen()  # never studied
    answer("warm up", protocol.load("alexander"), None, golden.TREATED)  # first-use costs out of the timing
    mine, t_mine = evaluate(ours, tuning)
    # Two more timed passes: on this shared 2-core machine one pass's p99 (its 11th slowest question)
    # moved from 1.5 to 2.2 ms between runs of the same code. Each pass meets every question anew
    # (the caches hold 256 messages); the figures are the median of the three passes'.
    passes = [t_mine] + [evaluate(ours, tuning)[1] for _ in range(2)]
    mine_held, _ = evaluate(ours, held)
    mine_later, _ = evaluate(ours, later) if later else ({}, [])
    mine_unseen, _ = evaluate(ours, unseen) if unseen else ({}, [])
    baseline = Baseline(vocab).tune(tuning)
    base_held, t_base = evaluate(baseline, held)
    gq = general_queries(2000 if args.quick else None)
    a, b = cold_start(5 if args.quick else 15)
    import fuzz
    fz = fuzz.run(5_000 if args.quick else 100_000)
    rd = fuzz.readers(20_000 if args.quick else 1_000_000)
    attacks = attack_suite() if not args.quick else "not run (--quick)"
    rows = [("cases", *(f"{len(c)}" for c in (tuning, held, later, unseen, held)))]
    for check in ("topic", "allowed", "out_of_scope", "lead", "triage", "red_flag_recall", "no_false_alarm",
                  "false_alarm_quiet", "reassures_beside_alarm"):
        name = {"false_alarm_quiet": "false alarms: quiet kinds",
                "reassures_beside_alarm": "alarms that also reassure"}.get(check, f"accuracy: {check}")
        rows.append((name, *(f"{s[check]:.1%}" if check in s else "-"
                             for s in (mine, mine_held, mine_later, mine_unseen, base_held))))
    if gq:
        rows += [(f"general queries ({gq['queries']:,})", f"{gq['answered']:.1%} answered"),
                 ("general queries: alarms", f"{gq['alarms']} urgent+")]
    rows += [
        ("latency p50 (in-process)", f"{statistics.median(pct(t, .5) for t in passes) * 1e3:.3f} ms", "", "",
         "", f"{pct(t_base, .5) * 1e3:.3f} ms"),
        ("latency p99 (in-process)", f"{statistics.median(pct(t, .99) for t in passes) * 1e3:.3f} ms", "", "",
         "", f"{pct(t_base, .99) * 1e3:.3f} ms"),
        ("latency max", f"{max(t_mine) * 1e3:.3f} ms", "", "", "", f"{max(t_base) * 1e3:.3f} ms"),
        ("cold start `ask --json`", f"{a * 1e3:.0f} ms"),
        ("bare interpreter", f"{b * 1e3:.0f} ms"),
        ("cold start ratio", f"{a / b:.2f}x"),
        (f"fuzz: {fz['inputs']:,} inputs", f"{fz['per_second']:.0f}/s"),
        ("fuzz: worst input", f"{fz['worst_ms']:.1f} ms"),
        (f"fuzz readers: {rd['inputs']:,} inputs", f"{rd['exceptions']} exceptions"),
        ("fuzz readers: refused", f"{rd['refused']:,}"),
        ("attacks (tests/attack)", attacks),
    ]
    rows += [(f"message of {size:,} chars", f"{ms:.2f} ms") for size, ms in fz["by_length_ms"].items()]
    rows += [(f"held-out, {name}", f"{caught} flags raised, {alarms} false alarms")
             for name, caught, alarms in rewritten(golden.cases("heldout/safety.jsonl"))]
    print(f"aftercare benchmark — {date.today()} — {platform.machine()} {platform.python_version()}, "
          f"{os.cpu_count()} cores")
    print(f"{'figure':<30} {'tuning':>16} {'held-out':>10} {'later':>9} {'unseen':>8} {'baseline':>10}")
    print(f"{'':<30} {'':>16} {'':>10} {'held-out':>9} {'':>8} {'held-out':>10}")
    for name, *cells in rows:
        x, y, z, u, w = (*cells, "", "", "", "")[:5]
        print(f"{name:<30} {x:>16} {y:>10} {z:>9} {u:>8} {w:>10}")
    print(f"(baseline cutoff tuned on the tuning cases: {baseline.cutoff:.0f})")
    print("\nvoice input (benchmarks/hearing.py):", flush=True)
    spoken = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "hearing.py")], capture_output=True, text=True)
    print(spoken.stdout.rstrip() or f"  not measured: {spoken.stderr.strip().splitlines()[-1:]}")


if __name__ == "__main__":
    main()
