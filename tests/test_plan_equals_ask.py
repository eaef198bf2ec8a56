"""One window rule: every moment `plan --json` names is the moment `ask` changes its answer, and no other.

Walks every bundled protocol and every topic hour by hour over 0-60 days, and to the minute around
each milestone, comparing what `ask` would answer (allowed, allowed_from) with the plan's JSON.
"""
from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest

from assistant.clinic import protocol
from assistant.clinic.ruling import rule_on

T = datetime(2026, 11, 20, 10, 0)
MINUTE = timedelta(minutes=1)
OPENS = ("ok_again", "start")


def _openings(run, pid: str) -> dict[str, list[datetime]]:
    plan = json.loads(run("plan", "--protocol", pid, "--treated", T.isoformat(), "--json").out)
    out: dict[str, list[datetime]] = {}
    for m in plan["milestones"]:
        if m["kind"] in OPENS:
            for topic in m["topics"]:
                out.setdefault(topic, []).append(datetime.fromisoformat(m["at"]))
    return out


@pytest.mark.slow
@pytest.mark.parametrize("pid", protocol.bundled_ids())
def test_plan_milestones_equal_ask_hour_by_hour(run, pid):
    p = protocol.load(pid)
    openings = _openings(run, pid)
    topics = sorted({r.topic for r in p.rules if r.verdict != "info"})
    moments = [T + timedelta(hours=h) for h in range(0, 60 * 24 + 1)]
    for topic in topics:
        opens = openings.get(topic, [])
        for at in moments:
            r = rule_on(p, topic, T, at)
            before = [o for o in opens if o <= at]
            after = [o for o in opens if o > at]
            if r.allowed is True and r.allowed_from is not None:
                assert before and r.allowed_from == before[-1], (topic, at, r.allowed_from, opens)
            if r.allowed is False:
                assert r.allowed_from == (after[0] if after else None), (topic, at, r.allowed_from, opens)


@pytest.mark.parametrize("pid", protocol.bundled_ids())
def test_each_opening_is_exact_to_the_minute(run, pid):
    p = protocol.load(pid)
    for topic, opens in _openings(run, pid).items():
        for at in opens:
            assert rule_on(p, topic, T, at).allowed is True, (topic, at)
            assert rule_on(p, topic, T, at).allowed_from in (at, None), (topic, at)
            if at > T:
                assert rule_on(p, topic, T, at - MINUTE).allowed is not True, (topic, at)
