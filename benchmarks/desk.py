"""Print the desk's figures: lookups, start and summary at 1,000,000 logged calls; memory; two desks killed at random.

    .venv/bin/python benchmarks/desk.py [--calls 1000000] [--desk-calls 2000] [--skip-kill]
Builds an SQLite call log of --calls calls over two years (about 5 calls per caller, 2 % of urgent
calls left open) in a temporary folder, then measures, in this process: a `ref:` lookup (the
desk's whole handling of the line), the repeat-caller query, a desk's start (open the log, check
its schema, list unfinished and open calls, be ready for the first line) and the `desk --log`
summary; in fresh processes: peak memory of `desk --log` and `desk export` at a tenth of the size
and at full size. Then two `aftercare desk` processes on one log, SQLite and then PostgreSQL (a
throwaway cluster, fsync on), each taking --desk-calls calls while being killed with SIGKILL at
random moments and restarted: every call the desk acknowledged ("Logged call #N") must be in the
log, and a caller's third call, made at alternating desks, must be raised. Prints figures only.
"""
from __future__ import annotations

import argparse
import io
import os
import queue
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from assistant.core.context import Env
from assistant.core.levels import Level
from assistant.interfaces import logbook
from assistant.interfaces.desk import Desk
from assistant.safety import calllog
from assistant.safety.calllog import FIELDS

NOW = datetime(2026, 11, 22, 16, 0)
LEVELS = [(Level.NONE, 0.60), (Level.ROUTINE, 0.25), (Level.URGENT, 0.13), (Level.EMERGENCY, 0.02)]
SIGNS = {Level.NONE: [[], ["redness"], ["swelling"]], Level.ROUTINE: [["redness"], ["acne"], ["fever"]],
         Level.URGENT: [["pus"], ["fever"], ["pus", "fever"], ["spreading_redness"]],
         Level.EMERGENCY: [["breathing"], ["throat"]]}
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


def build(path: str, count: int, seed: int = 1) -> None:
    """Fill an SQLite log with `count` finished calls, straight through the adapter in large batches."""
    rng = random.Random(seed)
    log = calllog.open_log(path)
    levels, weights = zip(*LEVELS)
    callers = max(1, count // 5)
    start = NOW - timedelta(days=730)
    batch, complaints = [], []
    for i in range(1, count + 1):
        level = rng.choices(levels, weights)[0]
        signs = rng.choice(SIGNS[level])
        when = (start + timedelta(seconds=int(i / count * 730 * 86400))).isoformat(timespec="seconds")
        resolved = when if level >= Level.URGENT and rng.random() > 0.02 else None
        row = {"uid": f"b{i}", "status": "done", "time": when, "ended": when, "updated": when,
               "caller": f"C-{rng.randrange(callers)}", "staff": "bench", "desk": "bench", "protocol": "rf",
               "treated": None, "elapsed_hours": None, "level": str(level), "rank": level.rank,
               "signs": "[" + ",".join(f'"{s}"' for s in signs) + "]", "topics": "[]", "answers": "{}",
               "raised": None, "due": None, "resolved": resolved, "note": None}
        batch.append([i] + [row[f] for f in FIELDS])
        complaints += [(i, s) for s in signs]
        if len(batch) == 50_000 or i == count:
            with log.db.transaction():
                marks = ", ".join("?" * (len(FIELDS) + 1))
                log.db.many(f"INSERT INTO calls (id, {', '.join(FIELDS)}) VALUES ({marks})", batch)
                log.db.many("INSERT INTO complaints (call_id, name) VALUES (?, ?)", complaints)
            batch, complaints = [], []
    log.db.run("ANALYZE")
    log.close()


def timed(fn, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1000)
    return out


def figures(ms: list[float]) -> str:
    ms = sorted(ms)
    return f"p50 {statistics.median(ms):7.2f} ms   p99 {ms[int(len(ms) * 0.99) - 1]:7.2f} ms   max {ms[-1]:7.2f} ms"


def in_process(path: str, count: int) -> None:
    env = Env(stdin=io.StringIO(), stdout=io.StringIO(), stderr=io.StringIO(), environ={}, clock=lambda: NOW)
    log = calllog.open_log(path)
    desk = Desk(log, lambda: NOW, env, False, "bench", "rf")
    rng = random.Random(2)
    callers = max(1, count // 5)

    def lookup():
        desk.new_call()
        desk.handle(f"ref: C-{rng.randrange(callers)}")
    lookup()
    print(f"  ref: lookup (the whole line)    {figures(timed(lookup, 300))}")
    ref = lambda: log.repeat(f"C-{rng.randrange(callers)}", ["pus", "fever"], NOW)
    print(f"  repeat-caller query             {figures(timed(ref, 300))}")
    log.close()

    def start():
        started = calllog.open_log(path)
        logbook.waiting(started, NOW, lambda text="": None)
        Desk(started, lambda: NOW, env, False, "bench", "rf")
        started.close()
    start()
    print(f"  desk start (open, check, list)  {figures(timed(start, 30))}")
    log = calllog.open_log(path)
    lines: list[str] = []
    print(f"  desk --log summary              {figures(timed(lambda: logbook.summary(log, NOW, lines.append), 5))}"
          f"   ({lines[0]})")
    log.close()


def peak_memory(path: str, *argv: str) -> float:
    """Peak resident memory in MiB of one `aftercare desk ...` run in a fresh process."""
    code = ("import resource, sys, io\nfrom assistant.interfaces.cli import main, Env\n"
            f"main({list(argv)!r} + ['--db', {path!r}, '--now', '2026-11-22T16:00'], Env(stdout=io.StringIO()))\n"
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", code], env=ENV, capture_output=True, text=True, check=True)
    return int(out.stdout.split()[-1]) / 1024


def cold_start(path: str) -> float:
    argv = [sys.executable, "-m", "assistant", "desk", "--db", path, "--protocol", "rf", "--now", "2026-11-22T16:00"]
    return statistics.median(timed(lambda: subprocess.run(argv, env=ENV, stdin=subprocess.DEVNULL,
                                                          capture_output=True, check=True), 5))


class DeskProcess:
    """One `aftercare desk` process fed calls through a pipe; its acknowledgements read by a thread."""

    ACK = re.compile(r"^Logged call #(\d+): (\S+), (\w+)\.")

    def __init__(self, url: str, staff: str, acks: queue.Queue):
        self.proc = subprocess.Popen([sys.executable, "-m", "assistant", "desk", "--db", url, "--protocol", "rf",
                                      "--staff", staff], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL, text=True, env=ENV, bufsize=1)
        self.acks = acks
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        for line in self.proc.stdout:
            if m := self.ACK.match(line):
                self.acks.put((int(m[1]), m[2], m[3]))
        self.acks.put(None)  # the process has gone

    def call(self, ref: str, words: str) -> None:
        self.proc.stdin.write(f"ref: {ref}\n{words}\n/end\n")
        self.proc.stdin.flush()

    def kill(self) -> None:
        self.proc.kill()
        self.proc.wait()
        self.reader.join(timeout=10)
        self.proc.stdin.close()
        self.proc.stdout.close()


def desk_storm(url: str, staff: str, calls: int, seed: int, result: dict) -> None:
    """Take `calls` calls at one desk, killing it with SIGKILL at random and starting it again."""
    rng, acks = random.Random(seed), queue.Queue()
    desk, acked, kills, started = DeskProcess(url, staff, acks), {}, 0, time.monotonic()
    for i in range(calls):
        ref = f"{staff}-{i}"
        desk.call(ref, rng.choice(["there is pus", "my face is red", "can I wear makeup?", "I have a fever of 102"]))
        if rng.random() < 0.03:  # killed in the middle of this call, at a random moment
            time.sleep(rng.random() * 0.02)
            desk.kill()
            kills += 1
            while (item := acks.get()) is not None:
                acked[item[1]] = item[0]
            acks = queue.Queue()
            desk = DeskProcess(url, staff, acks)
            continue
        while True:
            item = acks.get(timeout=60)
            if item is None:
                raise RuntimeError(f"desk {staff} died by itself")
            acked[item[1]] = item[0]
            if item[1] == ref:
                break
    desk.proc.stdin.close()
    while (item := acks.get(timeout=60)) is not None:
        acked[item[1]] = item[0]
    desk.proc.wait()
    result.update(acked=acked, kills=kills, seconds=time.monotonic() - started)


def two_desks(url: str, calls: int, name: str) -> None:
    results: dict[str, dict] = {"A": {}, "B": {}}
    threads = [threading.Thread(target=desk_storm, args=(url, s, calls, n, results[s])) for n, s in enumerate("AB")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    log = calllog.open_log(url)
    done = {c["id"]: c for c in log.calls()}
    acked = {**results["A"]["acked"], **results["B"]["acked"]}
    lost = [ref for ref, call_id in acked.items() if done.get(call_id, {}).get("status") != "done"
            or done[call_id]["caller"] != ref]
    unfinished = log.counts("unfinished")["unfinished"]
    # the repeat-caller rule across desks: three calls about pus, at desk A, B, then A again
    queues = {s: queue.Queue() for s in "AB"}
    desks = {s: DeskProcess(url, s, queues[s]) for s in "AB"}
    raised = 0
    for k in range(20):
        for staff in "ABA":
            desks[staff].call(f"R-{k}", "there is pus")
            while (item := queues[staff].get(timeout=60))[1] != f"R-{k}":
                pass
        raised += item[2] == "emergency"
    for d in desks.values():
        d.proc.stdin.close()
        d.proc.wait()
        d.proc.stdout.close()
    log.close()
    print(f"  {name:<11} {calls} calls at each of 2 desks, {results['A']['kills'] + results['B']['kills']} kill -9s, "
          f"{max(r['seconds'] for r in results.values()):.0f} s: {len(acked)} acknowledged, {len(lost)} lost, "
          f"{unfinished} left unfinished (killed mid-call, kept); third call raised at the other desk: {raised}/20")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=1_000_000)
    parser.add_argument("--desk-calls", type=int, default=2000)
    parser.add_argument("--skip-kill", action="store_true")
    args = parser.parse_args()
    print(f"aftercare desk benchmark — {datetime.now():%Y-%m-%d} — {os.uname().machine}, {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory(prefix="aftercare-desk-bench-") as folder:
        small, full = os.path.join(folder, "small.db"), os.path.join(folder, "full.db")
        t0 = time.perf_counter()
        build(small, args.calls // 10)
        build(full, args.calls)
        size = os.path.getsize(full) / 2**20
        print(f"built logs of {args.calls // 10:,} and {args.calls:,} calls in {time.perf_counter() - t0:.0f} s "
              f"({size:.0f} MiB)")
        for path, count in ((small, args.calls // 10), (full, args.calls)):
            print(f"SQLite, {count:,} calls (in-process):")
            in_process(path, count)
        empty = os.path.join(folder, "empty.db")
        calllog.open_log(empty).close()
        print(f"desk cold start, whole process: {cold_start(empty):.0f} ms with an empty log, "
              f"{cold_start(full):.0f} ms with {args.calls:,} calls")
        print(f"peak memory, desk --log: {peak_memory(small, 'desk', '--log'):.0f} MiB at {args.calls // 10:,} calls, "
              f"{peak_memory(full, 'desk', '--log'):.0f} MiB at {args.calls:,}")
        out = os.path.join(folder, "export.csv")
        print(f"peak memory, desk export: {peak_memory(small, 'desk', 'export', out):.0f} MiB at "
              f"{args.calls // 10:,} calls, {peak_memory(full, 'desk', 'export', out):.0f} MiB at {args.calls:,}")
        if args.skip_kill:
            return
        print("two desks, random kill -9:")
        two_desks(os.path.join(folder, "shared.db"), args.desk_calls, "SQLite")
    from pgcluster import Cluster
    cluster = Cluster.start(fsync=True)
    if isinstance(cluster, str):
        print(f"  PostgreSQL  not measured: {cluster}")
        return
    try:
        two_desks(cluster.database("bench"), args.desk_calls, "PostgreSQL")
    finally:
        cluster.stop()


if __name__ == "__main__":
    main()
