"""Read a protocol file and check every field, collecting all defects before refusing it.

Each problem reads "file:line: field: what is wrong". The file and its documents are read as
untrusted (clinic.sources: at most 1 MB, never a FIFO or a device, documents only beside the
protocol); TOML nested past the parser's depth is a syntax error, not a crash. Then the schema
(clinic.schema) refuses unknown keys and tables and wrong types, and only what passed is checked
for meaning: known topics and reactions, time points within five years, windows that end after
they start, quotes that stand on their lines. Lines come from one pass over the text
(clinic.lines), made on the first problem; past 1,000 problems the check stops.
"""
from __future__ import annotations

import re
import tomllib
from pathlib import Path

from assistant.clinic.entries import Entries, Full, Problems, not_one_of
from assistant.clinic.office import LEVELS, Office, parse_duration, parse_hours
from assistant.clinic.protocol import DEFAULT_FEVER_F, Protocol, ProtocolError
from assistant.clinic.schema import shape
from assistant.clinic.sources import document_lines, read_text
from assistant.timeline.bounds import shown


def parse(path: Path | str) -> Protocol:
    """Return the checked Protocol in path, or raise ProtocolError listing every defect."""
    path = Path(path)
    text = read_text(path)
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"line (\d+)", str(exc))
        raise ProtocolError([f"{path}:{m[1] if m else 1}: syntax: {exc}"]) from None
    except RecursionError:
        raise ProtocolError([f"{path}:1: syntax: brackets nested too deeply to be a protocol"]) from None
    report = Problems(path, text)
    try:
        protocol = _build(doc, path, report, _shape(doc, report))
    except Full:
        raise ProtocolError(report.problems, stopped=True) from None
    if report.problems:
        raise ProtocolError(report.problems)
    return protocol


def _shape(doc: dict, rep: Problems) -> set:
    """Report the schema's problems; return the entries they were in, whose meaning is not checked."""
    bad: set = set()
    for p in shape(doc):
        rep.at(p.table, p.index, p.key, p.field, p.what, p.item)
        bad.add((p.table, p.index) if p.table else (p.key or p.field.split(".")[0]))
    return bad


def _build(doc: dict, path: Path, rep: Problems, bad: set) -> Protocol | None:
    documents = tuple(doc["documents"]) if "documents" not in bad and "documents" in doc else ()
    texts = {d: _document(path, d, rep) for d in dict.fromkeys(documents)}
    fever = doc.get("fever_threshold_f") if "fever_threshold_f" not in bad else None
    if fever is not None and not 95 <= fever <= 110:
        rep.at(None, 0, "fever_threshold_f", "fever_threshold_f", "must be a temperature in °F between 95 and 110")
    titles = _titles(doc, documents, rep) if "titles" not in bad else {}
    office = _office(doc.get("desk", {}), rep) if "desk" not in bad else Office()
    conds = doc.get("conditions", {}) if "conditions" not in bad else {}
    checker = Entries(rep, documents, texts, frozenset(conds), bad, titles)
    conditions = {name: checker.condition(name, entry) for name, entry in conds.items()}
    rules = [checker.rule(i, e) for i, e in enumerate(_entries(doc, "rule", bad))]
    expects = [checker.expectation(i, e) for i, e in enumerate(_entries(doc, "expect", bad))]
    phases = [checker.phase(i, e) for i, e in enumerate(_entries(doc, "phase", bad))]
    reports = [checker.report(i, e) for i, e in enumerate(_entries(doc, "report", bad))]
    _check_duplicates(rules, rep)
    _check_phase_order(phases, rep)
    if rep.problems:
        return None
    return Protocol(
        id=doc["id"], clinic=doc["clinic"], phone=doc.get("phone"), contact=doc.get("contact"),
        emergency=doc["emergency"], provider=doc.get("provider"), documents=documents, titles=titles,
        fever_f=float(fever) if fever is not None else DEFAULT_FEVER_F,
        fever_stated=fever is not None, rules=tuple(rules), expectations=tuple(expects),
        conditions=conditions, phases=tuple(phases), reports=tuple(reports), path=str(path), office=office)


def _document(path: Path, name: str, rep: Problems) -> list[str] | None:
    """Return the lines of a source document named in `documents`; report it when it cannot be used."""
    try:
        return document_lines(path, name)
    except ProtocolError as exc:
        rep.at(None, 0, "documents", "documents", f"source document '{shown(name)}' {exc.problems[0]}")
        return None


def _entries(doc: dict, name: str, bad: set) -> list:
    """The [[name]] tables, each None when the schema already refused it (its meaning is not checked)."""
    if name in bad:
        return []
    return [None if (name, i) in bad else e for i, e in enumerate(doc.get(name, []))]


def _office(desk, rep: Problems) -> Office:
    """Read the optional [desk] table: office hours, the after-hours line, call-back deadlines."""
    if not isinstance(desk, dict):
        rep.at(None, 0, "desk", "desk", "must be a [desk] table")
        return Office()
    for key in sorted(set(desk) - {"office_hours", "after_hours", "callback"}):
        rep.at("desk", 0, key, f"desk.{key}", "unknown field (office_hours, after_hours, callback)")
    hours = desk.get("office_hours", [])
    if not isinstance(hours, list) or not all(isinstance(h, str) for h in hours):
        rep.at("desk", 0, "office_hours", "desk.office_hours",
                'must be a list like ["Mon-Fri 09:00-17:00", "Sat 10:00-13:00"]')
        hours = []
    for h in hours:
        try:
            parse_hours(h)
        except ValueError as exc:
            rep.at("desk", 0, "office_hours", "desk.office_hours", str(exc))
    after = desk.get("after_hours")
    if after is not None and not isinstance(after, str):
        rep.at("desk", 0, "after_hours", "desk.after_hours", "must be a str")
    callback = desk.get("callback", {})
    if not isinstance(callback, dict):
        rep.at("desk", 0, "callback", "desk.callback", 'must be a table like { urgent = "1h" }')
        callback = {}
    for level, value in callback.items():
        if level not in LEVELS:
            rep.at("desk", 0, "callback", f"desk.callback.{level}", not_one_of(level, LEVELS))
            continue
        try:
            parse_duration(value)
        except ValueError as exc:
            rep.at("desk", 0, "callback", f"desk.callback.{level}", str(exc))
    if rep.problems:
        return Office()
    return Office.of(hours, after, callback)


def _titles(doc: dict, documents: tuple[str, ...], rep: Problems) -> dict[str, str]:
    """Read each document's title, as patients know the paper; every document needs one, each its own."""
    raw = doc.get("titles")
    if raw is None:
        if documents:
            rep.at(None, 0, "titles", "titles",
                   "missing (required): a title for each document, as patients know the paper")
        return {}
    if not isinstance(raw, dict) or not all(isinstance(t, str) and t.strip() for t in raw.values()):
        rep.at(None, 0, "titles", "titles",
               'must be a table of document = "title", e.g. { "sheet.txt" = "your aftercare sheet" }')
        return {}
    titles = {d: " ".join(t.split()) for d, t in raw.items()}
    for d in documents:
        if d not in titles:
            rep.at(None, 0, "titles", "titles", f"no title for '{d}'")
    for d in titles:
        if d not in documents:
            rep.at(None, 0, "titles", "titles", f"'{d}' is not in documents")
    if len({t.lower() for t in titles.values()}) < len(titles):
        rep.at(None, 0, "titles", "titles", "two documents share a title: a reader could not tell them apart")
    return titles


def _check_duplicates(rules, rep):
    seen = {}
    for i, r in enumerate(rules):
        if r is None or r.window is None:
            continue
        # the same words may stand again for what one thing named decides ("pick" of "do not pick or rub")
        key = (r.topic, r.verdict, r.window.start.text, r.window.end and r.window.end.text, r.text, r.about)
        if key in seen:
            rep.at("rule", i, "topic", f"rule[{i + 1}]",
                   f"duplicate of rule[{seen[key] + 1}] (same topic, verdict, window, text and things named)")
        seen.setdefault(key, i)


def _check_phase_order(phases, rep):
    ids = set()
    last = float("-inf")
    for i, p in enumerate(phases):
        if p is None or p.start is None:
            continue
        if p.id in ids or p.id == "before_treatment":
            rep.at("phase", i, "id", f"phase[{i + 1}].id", f"duplicate phase id '{p.id}'")
        ids.add(p.id)
        hours = p.start.approx_hours()
        if p.start.is_condition or hours < last:
            rep.at("phase", i, "from", f"phase[{i + 1}].from", "phases must start at fixed times, in order")
        last = hours
