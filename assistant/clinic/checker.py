"""Read a protocol file and check every field, collecting all defects before refusing it.

Each problem reads "file:line: field: what is wrong". Lines come from the TOML parser for
syntax errors and from locating the table and key in the text for everything else.
"""
from __future__ import annotations

import re
import tomllib
from pathlib import Path

from assistant.clinic.document import place, quote_stands, read_lines
from assistant.clinic.office import LEVELS, Office, parse_duration, parse_hours
from assistant.clinic.protocol import (
    DEFAULT_FEVER_F,
    VERDICTS,
    Condition,
    Expectation,
    Protocol,
    ProtocolError,
    Report,
    Rule,
    Source,
)
from assistant.core.ids import reaction_ids, topic_ids
from assistant.core.levels import Level
from assistant.timeline.phases import Phase
from assistant.timeline.window import Point, Window, parse_point

_REQUIRED = {"id": str, "clinic": str, "emergency": str, "documents": list}


class _Report:
    """Collects problems with the line each one is on."""

    def __init__(self, path: Path, text: str):
        self.path, self.lines, self.problems = path, text.splitlines(), []

    def add(self, line: int, where: str, what: str) -> None:
        self.problems.append(f"{self.path}:{line}: {where}: {what}")

    def line_of(self, table: str | None, index: int, key: str | None) -> int:
        """Find the line of key inside the index-th [[table]] (or the top level)."""
        start, end = 0, len(self.lines)
        if table is not None:
            header = re.compile(rf"^\s*\[\[?\s*{re.escape(table)}\s*\]\]?")
            heads = [i for i, ln in enumerate(self.lines) if header.match(ln)]
            if index < len(heads):
                start = heads[index]
                nxt = [i for i, ln in enumerate(self.lines) if i > start and ln.lstrip().startswith("[")]
                end = nxt[0] if nxt else end
        if key:
            pattern = re.compile(rf"^\s*{re.escape(key)}\s*=|[{{,]\s*{re.escape(key)}\s*=")
            for i in range(start, end):
                if pattern.search(self.lines[i]):
                    return i + 1
        return start + 1


def parse(path: Path | str) -> Protocol:
    """Return the checked Protocol in path, or raise ProtocolError listing every defect."""
    path = Path(path)
    try:
        raw = path.read_bytes()
        text = raw.decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ProtocolError([f"{path}:1: file: cannot be read as UTF-8 text ({exc.__class__.__name__})"]) from None
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"line (\d+)", str(exc))
        raise ProtocolError([f"{path}:{m[1] if m else 1}: syntax: {exc}"]) from None
    report = _Report(path, text)
    protocol = _build(doc, path, report)
    if report.problems:
        raise ProtocolError(report.problems)
    return protocol


def _build(doc: dict, path: Path, rep: _Report) -> Protocol | None:
    for key, kind in _REQUIRED.items():
        if key not in doc:
            rep.add(1, key, "missing (required)")
        elif not isinstance(doc[key], kind):
            rep.add(rep.line_of(None, 0, key), key, f"must be a {kind.__name__}")
    documents = tuple(d for d in doc.get("documents", []) if isinstance(d, str)) \
        if isinstance(doc.get("documents"), list) else ()
    texts = {d: read_lines(path, d) for d in documents}
    for d, lines in texts.items():
        if lines is None:
            rep.add(rep.line_of(None, 0, "documents"), "documents", f"source document '{d}' not found")
    titles = _titles(doc, documents, rep)
    for key in ("phone", "contact", "provider"):
        if key in doc and not isinstance(doc[key], str):
            rep.add(rep.line_of(None, 0, key), key, "must be a str")
    fever = doc.get("fever_threshold_f")
    if fever is not None and (not isinstance(fever, (int, float)) or not 95 <= fever <= 110):
        rep.add(rep.line_of(None, 0, "fever_threshold_f"), "fever_threshold_f",
                "must be a temperature in °F between 95 and 110")
    cond_names = frozenset(doc.get("conditions", {}) if isinstance(doc.get("conditions"), dict) else ())
    checker = _Entries(rep, documents, texts, titles, cond_names)
    conditions = {}
    for name, entry in (doc.get("conditions") or {}).items():
        conditions[name] = checker.condition(name, entry)
    rules = [checker.rule(i, e) for i, e in enumerate(_tables(doc, "rule", rep))]
    expects = [checker.expectation(i, e) for i, e in enumerate(_tables(doc, "expect", rep))]
    phases = [checker.phase(i, e) for i, e in enumerate(_tables(doc, "phase", rep))]
    reports = [checker.report(i, e) for i, e in enumerate(_tables(doc, "report", rep))]
    _check_duplicates(rules, rep)
    _check_phase_order(phases, rep)
    office = _office(doc.get("desk", {}), rep)
    if rep.problems:
        return None
    return Protocol(
        id=doc["id"], clinic=doc["clinic"], phone=doc.get("phone"), contact=doc.get("contact"),
        emergency=doc["emergency"],
        provider=doc.get("provider"), documents=documents, titles=titles,
        fever_f=float(fever) if fever is not None else DEFAULT_FEVER_F,
        fever_stated=fever is not None, rules=tuple(rules), expectations=tuple(expects),
        conditions=conditions, phases=tuple(phases), reports=tuple(reports), path=str(path), office=office)


def _office(desk, rep: _Report) -> Office:
    """Read the optional [desk] table: office hours, the after-hours line, call-back deadlines."""
    if not isinstance(desk, dict):
        rep.add(rep.line_of(None, 0, "desk"), "desk", "must be a [desk] table")
        return Office()
    for key in sorted(set(desk) - {"office_hours", "after_hours", "callback"}):
        rep.add(rep.line_of("desk", 0, key), f"desk.{key}", "unknown field (office_hours, after_hours, callback)")
    hours = desk.get("office_hours", [])
    if not isinstance(hours, list) or not all(isinstance(h, str) for h in hours):
        rep.add(rep.line_of("desk", 0, "office_hours"), "desk.office_hours",
                'must be a list like ["Mon-Fri 09:00-17:00", "Sat 10:00-13:00"]')
        hours = []
    for h in hours:
        try:
            parse_hours(h)
        except ValueError as exc:
            rep.add(rep.line_of("desk", 0, "office_hours"), "desk.office_hours", str(exc))
    after = desk.get("after_hours")
    if after is not None and not isinstance(after, str):
        rep.add(rep.line_of("desk", 0, "after_hours"), "desk.after_hours", "must be a str")
    callback = desk.get("callback", {})
    if not isinstance(callback, dict):
        rep.add(rep.line_of("desk", 0, "callback"), "desk.callback", 'must be a table like { urgent = "1h" }')
        callback = {}
    for level, value in callback.items():
        if level not in LEVELS:
            rep.add(rep.line_of("desk", 0, "callback"), f"desk.callback.{level}",
                    f"'{level}' is not one of {', '.join(LEVELS)}")
            continue
        try:
            parse_duration(value)
        except ValueError as exc:
            rep.add(rep.line_of("desk", 0, "callback"), f"desk.callback.{level}", str(exc))
    if rep.problems:
        return Office()
    return Office.of(hours, after, callback)


def _tables(doc: dict, name: str, rep: _Report) -> list[dict]:
    value = doc.get(name, [])
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        rep.add(rep.line_of(None, 0, name), name, f"must be written as [[{name}]] tables")
        return []
    return value


def _titles(doc: dict, documents: tuple[str, ...], rep: _Report) -> dict[str, str]:
    """Read each document's title, as patients know the paper; every document needs one, each its own."""
    raw = doc.get("titles")
    at = max(rep.line_of(None, 0, "titles"), rep.line_of("titles", 0, None))
    if raw is None:
        if documents:
            rep.add(1, "titles", "missing (required): a title for each document, as patients know the paper")
        return {}
    if not isinstance(raw, dict) or not all(isinstance(t, str) and t.strip() for t in raw.values()):
        rep.add(at, "titles", 'must be a table of document = "title", e.g. { "sheet.txt" = "your aftercare sheet" }')
        return {}
    titles = {d: " ".join(t.split()) for d, t in raw.items()}
    for d in documents:
        if d not in titles:
            rep.add(at, "titles", f"no title for '{d}'")
    for d in titles:
        if d not in documents:
            rep.add(at, "titles", f"'{d}' is not in documents")
    if len({t.lower() for t in titles.values()}) < len(titles):
        rep.add(at, "titles", "two documents share a title: a reader could not tell them apart")
    return titles


class _Entries:
    """Checks the entries of one file, reporting against its lines."""

    def __init__(self, rep, documents, texts, titles, conditions):
        self.rep, self.documents, self.texts, self.titles, self.conditions = rep, documents, texts, titles, conditions

    def _field(self, table, i, entry, key, kind, required=True):
        where = f"{table}[{i + 1}].{key}"
        if key not in entry:
            if required:
                self.rep.add(self.rep.line_of(table, i, None), where, "missing (required)")
            return None
        if not isinstance(entry[key], kind):
            names = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
            self.rep.add(self.rep.line_of(table, i, key), where, f"must be a {names}")
            return None
        return entry[key]

    def _point(self, table, i, key, value) -> Point | None:
        try:
            return parse_point(value, self.conditions)
        except ValueError as exc:
            self.rep.add(self.rep.line_of(table, i, key), f"{table}[{i + 1}].{key}", str(exc))
            return None

    def _window(self, table, i, entry) -> Window | None:
        start = self._point(table, i, "from", entry.get("from", "treatment"))
        if start is not None and start.is_condition:
            self.rep.add(self.rep.line_of(table, i, "from"), f"{table}[{i + 1}].from",
                         f"'{start.text}' is a condition: it can only end a window (use it as `to`)")
            return None
        end = earliest = None
        if "to" in entry:
            to = entry["to"]
            if isinstance(to, list) and len(to) == 2:
                earliest, end = self._point(table, i, "to", to[0]), self._point(table, i, "to", to[1])
            else:
                end = self._point(table, i, "to", to)
        if start is None or ("to" in entry and end is None):
            return None
        window = Window(start, end, earliest)
        if not window.ends_after_start() or (earliest and earliest.approx_hours() > end.approx_hours()):
            self.rep.add(self.rep.line_of(table, i, "to"), f"{table}[{i + 1}].to",
                         f"window ends before it starts ({entry.get('from', 'treatment')} → {entry['to']})")
            return None
        return window

    def _sources(self, table, i, entry) -> tuple[Source, ...]:
        where = f"{table}[{i + 1}].source"
        raw = entry.get("source")
        if not raw:
            self.rep.add(self.rep.line_of(table, i, None), where, "missing: every entry cites its document")
            return ()
        out = []
        for s in raw if isinstance(raw, list) else [raw]:
            if not isinstance(s, dict) or not isinstance(s.get("line"), int) or not isinstance(s.get("quote"), str):
                self.rep.add(self.rep.line_of(table, i, "source"), where,
                             "must be {line = N, quote = \"...\"} (document optional)")
                continue
            doc = s.get("document", self.documents[0] if self.documents else "")
            lines = self.texts.get(doc)
            if doc not in self.documents:
                self.rep.add(self.rep.line_of(table, i, "source"), where, f"document '{doc}' is not in documents")
            elif lines is not None and not quote_stands(lines, s["line"], s["quote"]):
                self.rep.add(self.rep.line_of(table, i, "source"), where,
                             f"quote not found at {doc} line {s['line']}: \"{s['quote'][:60]}\"")
            spot = place(lines, s["line"]) if lines is not None else f"line {s['line']}"
            out.append(Source(doc, s["line"], s["quote"], self.titles.get(doc, doc), spot))
        return tuple(out)

    def rule(self, i, e) -> Rule | None:
        topic = self._field("rule", i, e, "topic", str)
        if topic is not None and topic not in topic_ids():
            self.rep.add(self.rep.line_of("rule", i, "topic"), f"rule[{i + 1}].topic", f"unknown topic '{topic}'")
        verdict = self._field("rule", i, e, "verdict", str)
        if verdict is not None and verdict not in VERDICTS:
            self.rep.add(self.rep.line_of("rule", i, "verdict"), f"rule[{i + 1}].verdict",
                         f"'{verdict}' is not one of {', '.join(VERDICTS)}")
        text = self._field("rule", i, e, "text", str)
        window, sources = self._window("rule", i, e), self._sources("rule", i, e)
        about = e.get("about", [])
        if not isinstance(about, list) or not all(isinstance(a, str) and a.strip() for a in about):
            self.rep.add(self.rep.line_of("rule", i, "about"), f"rule[{i + 1}].about",
                         "must be a list of words, e.g. [\"makeup brush\", \"brushes\"]")
            about = []
        return Rule(topic, verdict, window, text, sources, tuple(" ".join(a.lower().split()) for a in about))

    def report(self, i, e) -> Report | None:
        reaction = self._field("report", i, e, "reaction", str)
        if reaction is not None and reaction not in reaction_ids():
            self.rep.add(self.rep.line_of("report", i, "reaction"), f"report[{i + 1}].reaction",
                         f"unknown reaction '{reaction}' (one of {', '.join(reaction_ids())})")
        level = self._field("report", i, e, "level", str)
        if level is not None and level not in ("routine", "urgent", "emergency"):
            self.rep.add(self.rep.line_of("report", i, "level"), f"report[{i + 1}].level",
                         f"'{level}' is not one of routine, urgent, emergency")
            level = None
        text = self._field("report", i, e, "text", str)
        return Report(reaction, Level(level) if level else Level.ROUTINE, text, self._sources("report", i, e))

    def expectation(self, i, e) -> Expectation | None:
        reaction = self._field("expect", i, e, "reaction", str)
        if reaction is not None and reaction not in reaction_ids():
            self.rep.add(self.rep.line_of("expect", i, "reaction"), f"expect[{i + 1}].reaction",
                         f"unknown reaction '{reaction}' (one of {', '.join(reaction_ids())})")
        topic = self._field("expect", i, e, "topic", str)
        if topic is not None and topic not in topic_ids():
            self.rep.add(self.rep.line_of("expect", i, "topic"), f"expect[{i + 1}].topic", f"unknown topic '{topic}'")
        text = self._field("expect", i, e, "text", str)
        return Expectation(reaction, topic, self._window("expect", i, e), text, self._sources("expect", i, e))

    def condition(self, name, e) -> Condition | None:
        if not isinstance(e, dict) or not isinstance(e.get("means"), str):
            self.rep.add(self.rep.line_of(None, 0, name), f"conditions.{name}.means", "missing (required)")
            return None
        point = None
        if "not_before" in e:
            try:
                point = parse_point(e["not_before"])
            except ValueError as exc:
                self.rep.add(self.rep.line_of(None, 0, "not_before"), f"conditions.{name}.not_before", str(exc))
        sources = self._sources_plain(name, e)
        once = e.get("once", name.replace("_", " "))
        if not isinstance(once, str) or not once.strip():
            self.rep.add(self.rep.line_of(None, 0, "once"), f"conditions.{name}.once", "must be words, e.g. "
                         "\"your skin has healed\"")
            once = name
        return Condition(name, e["means"], point, sources, once)

    def _sources_plain(self, name, e):
        fake = {"source": e.get("source")}
        return self._sources("conditions", 0, fake) if e.get("source") else ()

    def phase(self, i, e) -> Phase | None:
        pid = self._field("phase", i, e, "id", str)
        if pid is not None and not re.fullmatch(r"[a-z][a-z0-9_]*", pid):
            self.rep.add(self.rep.line_of("phase", i, "id"), f"phase[{i + 1}].id", "must be lowercase snake_case")
        label = self._field("phase", i, e, "label", str)
        start = self._point("phase", i, "from", e.get("from", "treatment"))
        return Phase(pid, start, label)


def _check_duplicates(rules, rep):
    seen = {}
    for i, r in enumerate(rules):
        if r is None or r.window is None:
            continue
        key = (r.topic, r.verdict, r.window.start.text, r.window.end and r.window.end.text, r.text)
        if key in seen:
            rep.add(rep.line_of("rule", i, "topic"), f"rule[{i + 1}]",
                    f"duplicate of rule[{seen[key] + 1}] (same topic, verdict, window and text)")
        seen.setdefault(key, i)


def _check_phase_order(phases, rep):
    ids = set()
    last = float("-inf")
    for i, p in enumerate(phases):
        if p is None or p.start is None:
            continue
        if p.id in ids or p.id == "before_treatment":
            rep.add(rep.line_of("phase", i, "id"), f"phase[{i + 1}].id", f"duplicate phase id '{p.id}'")
        ids.add(p.id)
        hours = p.start.approx_hours()
        if p.start.is_condition or hours < last:
            rep.add(rep.line_of("phase", i, "from"), f"phase[{i + 1}].from",
                    "phases must start at fixed times, in order")
        last = hours
