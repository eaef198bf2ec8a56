"""The golden sets: every case answered in-process and judged the way ../shared/eval/score.py does.

Red-flag recall must be total; the other figures must stay above their bars (the benchmark prints
the same figures, and the cases that miss).
"""
from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import golden
import pytest

from assistant.clinic import protocol
from assistant.core.ids import topic_ids
from assistant.dialogue.reply import answer

SHARED = Path(__file__).resolve().parents[2] / "shared" / "eval" / "examples.jsonl"
BARS = {"topic": 0.98, "allowed": 0.97, "out_of_scope": 0.97, "triage": 0.98, "no_false_alarm": 0.98, "lead": 1.0}
# Held-out cases were written by others before any tuning and are never tuned on; these floors only
# catch a step backwards (the benchmark prints the figures beside the tuning ones).
# floors a little under the studied held-out figures (safety.jsonl, understanding.jsonl), so a change
# that loses ground on them fails; the later and unseen files (golden.later(), golden.unseen()) are the benchmark's alone
HELD_OUT_FLOORS = {"no_false_alarm": 0.99, "red_flag_recall": 0.98, "lead": 0.93, "topic": 0.89, "allowed": 0.96}


def _judge_all(cases):
    tally, misses = defaultdict(list), defaultdict(list)
    for case in cases:
        treated, now = golden.clock(case)
        out = answer(case["q"], protocol.load(case["protocol"]), treated, now).as_json()
        for check, ok in golden.judge(case, out).items():
            tally[check].append(ok)
            if not ok:
                misses[check].append((case["_where"], case["q"], out["triage"],
                                      [(a["topic"], a["allowed"]) for a in out["answers"]]))
    return tally, misses


@pytest.fixture(scope="module")
def judged():
    return _judge_all(golden.cases())


def test_golden_set_is_large_and_covers_every_protocol_and_topic():
    cases = golden.cases()
    assert len(cases) >= 800
    assert {c["protocol"] for c in cases} == set(protocol.bundled_ids())
    asked = {t for c in cases for g in c["topics"] for t in g}
    assert set(topic_ids()) <= asked


def test_red_flag_recall_is_total(judged):
    tally, misses = judged
    assert len(tally["red_flag_recall"]) >= 150
    assert all(tally["red_flag_recall"]), misses["red_flag_recall"]


@pytest.mark.parametrize("check", sorted(BARS))
def test_figure_above_its_bar(judged, check):
    tally, misses = judged
    rate = sum(tally[check]) / len(tally[check])
    assert rate >= BARS[check], (f"{check} {rate:.1%}", misses[check])


@pytest.mark.skipif(not SHARED.is_file(), reason="../shared/eval is not beside this checkout")
def test_shared_examples_pass_in_full():
    cases = [json.loads(line) | {"_where": f"examples:{n}"}
             for n, line in enumerate(SHARED.read_text().splitlines(), 1) if line.strip()]
    tally, misses = _judge_all(cases)
    assert all(all(v) for v in tally.values()), dict(misses)


@pytest.fixture(scope="module")
def held_out():
    return _judge_all(golden.studied())


@pytest.mark.parametrize("check", sorted(HELD_OUT_FLOORS))
def test_held_out_figure_does_not_fall_back(held_out, check):
    tally, _ = held_out
    rate = sum(tally[check]) / len(tally[check])
    assert rate >= HELD_OUT_FLOORS[check], f"held-out {check} {rate:.1%}"
