"""The `protocols` command: list, show, check and diff clinic protocols for clinic managers."""
from __future__ import annotations

import itertools
import textwrap
from pathlib import Path

from assistant.clinic.checker import parse
from assistant.clinic.protocol import Protocol, ProtocolError, bundled_ids, load
from assistant.core.context import Env, Exit, UsageError
from assistant.core.ids import topic_ids
from assistant.core.text import CleanWriter
from assistant.timeline.phases import Timeline

VERDICT_WORDS = {"avoid": "AVOID", "allow": "OK", "do": "DO", "info": "NOTE", "choice": "MAY"}


def protocols(args, env: Env) -> int:
    """`aftercare protocols list|show|check|diff`."""
    # a protocol file is data from outside: nothing in it may drive the terminal
    env = env.replace(stdout=CleanWriter(env.stdout), stderr=CleanWriter(env.stderr))
    if args.action == "list":
        return _list(env)
    if args.action == "check":
        return _check(args.file, env)
    if args.action == "show":
        return _show(_load(args.protocol), args.diagram, env)
    return _diff(_load(args.a), _load(args.b), env)


def _load(ref: str) -> Protocol:
    try:
        return load(ref)
    except ProtocolError as exc:
        raise UsageError(str(exc)) from None


def _list(env: Env) -> int:
    rows = [(p.id, p.clinic, papers(p)) for p in map(load, bundled_ids())]
    width = max(len(r[0]) for r in rows)
    for pid, clinic, docs in rows:
        env.stdout.write(f"{pid:<{width}}  {clinic}\n{'':<{width}}  sources: {docs}\n")
    return Exit.OK


def _check(file: str, env: Env) -> int:

    path = Path(file)
    if not path.is_file():
        env.stderr.write(f"{file}: no such file\n")
        return Exit.USAGE
    try:
        p = parse(path)
    except ProtocolError as exc:
        for line in exc.problems:
            env.stderr.write(line + "\n")
        count = f"{len(exc.problems):,}{' or more' if exc.stopped else ''}"
        env.stderr.write(f"{count} problem{'s' if len(exc.problems) != 1 else ''}"
                         f"{' (the check stopped there)' if exc.stopped else ''}: the protocol was not loaded\n")
        return Exit.USAGE
    topics = len({r.topic for r in p.rules} | {e.topic for e in p.expectations})
    quotes = sum(len(r.sources) for r in p.rules) + sum(len(e.sources) for e in p.expectations)
    env.stdout.write(f"{file}: OK — {p.id} ({p.clinic}): {len(p.rules)} rules on {topics} topics, "
                     f"{len(p.expectations)} expected reactions, {len(p.phases)} phases, "
                     f"{quotes} quotes verified against {papers(p)}\n")
    return Exit.OK


def papers(p: Protocol) -> str:
    """Name a protocol's documents by title and file: "Dr. Alexander's aftercare sheet (000_….txt)"."""
    return ", ".join(f"{p.titles[d]} ({d})" for d in p.documents)


def when(rule) -> str:
    """Say a rule's window for a reader with no treatment date."""
    w = rule.window
    start = "" if w.start.text == "treatment" else f"from {w.start.describe()} "
    if w.end is None:
        return (start + "onwards") if start else "always"
    end = f"until {w.end.describe()}" if w.end.is_condition or w.earliest_end is None else \
        f"until {w.describe_end()}"
    return start + end


def _show(p: Protocol, diagram: bool, env: Env) -> int:
    if diagram:
        env.stdout.write(Timeline(p.phases, None, diagram=True).mermaid() + "\n")
        return Exit.OK
    out = env.stdout
    fever = f"{p.fever_f:g} °F" + ("" if p.fever_stated else " (default: the sheet gives none)")
    out.write(f"{p.id} — {p.clinic}\n")
    out.write(f"  contact: {p.phone or p.contact or 'not given on the sheet'} · emergency: {p.emergency}"
              f"{' · provider: ' + p.provider if p.provider else ''} · fever threshold: {fever}\n")
    out.write(f"  sources: {papers(p)}\n")
    for name, cond in p.conditions.items():
        out.write(f"  '{name}' means: {cond.means}\n")
    out.write("\nRules, in time order\n")
    ordered = sorted(p.rules, key=lambda r: (r.window.start.approx_hours(),
                                             r.window.end.approx_hours() if r.window.end else 1e12))
    for r in ordered:
        out.write(_entry(f"{VERDICT_WORDS[r.verdict]:<5} {r.topic}", when(r), r.text, r.sources))
    out.write("\nExpected reactions\n")
    for e in p.expectations:
        out.write(_entry(f"{e.reaction:<11}", when(e), e.text, e.sources))
    out.write("\nPhases\n")
    for ph in p.phases:
        out.write(f"  from {ph.start.describe():<28} {ph.id}: {ph.label}\n")
    return Exit.OK


def _entry(head: str, span: str, text: str, sources) -> str:
    # what a patient is shown, and the file's line where the place is an item number
    cite = "; ".join(s.where + ("" if s.place == f"line {s.line}" else f" (line {s.line})") for s in sources)
    body = textwrap.fill(text, width=88, initial_indent="      ", subsequent_indent="      ")
    return f"  {head} — {span}\n{body}\n      [{cite}]\n"


def summary(p: Protocol, topic: str) -> str:
    """Say what a protocol rules on a topic in a few words."""
    rules = p.rules_for(topic)
    if not rules and not p.expectations_for(topic):
        return "not mentioned"
    parts = [f"{r.verdict} {when(r)}" + (f" ({r.about[0]})" if r.about else "") for r in rules if r.verdict != "info"]
    parts += [f"{e.reaction} normal {when(e)}" for e in p.expectations_for(topic)]
    if not parts:
        parts = ["information only"]
    return "; ".join(parts)


def _diff(a: Protocol, b: Protocol, env: Env) -> int:
    width = 40
    rows = [(t, summary(a, t), summary(b, t)) for t in topic_ids()]
    rows = [r for r in rows if r[1] != r[2]]
    env.stdout.write(f"{'topic':<22} {a.id:<{width}} {b.id}\n{'-' * (22 + 2 * width)}\n")
    for topic, left, right in rows:
        lcol = textwrap.wrap(left, width - 2) or [""]
        rcol = textwrap.wrap(right, width) or [""]
        for i, (left_line, r) in enumerate(itertools.zip_longest(lcol, rcol, fillvalue="")):
            env.stdout.write(f"{topic if i == 0 else '':<22} {left_line:<{width}} {r}\n")
    same = len(topic_ids()) - len(rows)
    env.stdout.write(f"\n{len(rows)} topics differ; {same} are the same in both.\n")
    return Exit.OK


