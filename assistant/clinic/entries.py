"""Check the meaning of a protocol's entries, once the schema has passed their types.

    problems = Problems(path, text)                 # collects "file:line: field: what is wrong"
    rule = Entries(problems, documents, ...).rule(i, entry)
clinic.checker reads the file and refuses it whole when any problem was found; this module knows
what each kind of entry (rule, report, expectation, condition, phase) must mean: known topics and
reactions, windows that end after they start, quotes that stand on the lines they cite.
"""
from __future__ import annotations

import re
from pathlib import Path

from assistant.clinic.document import place
from assistant.clinic.lines import Lines
from assistant.clinic.office import LEVELS
from assistant.clinic.protocol import VERDICTS, Condition, Expectation, Report, Rule, Source
from assistant.clinic.sources import quote_stands
from assistant.core.ids import reaction_ids, topic_ids
from assistant.core.levels import Level
from assistant.timeline.bounds import shown
from assistant.timeline.phases import Phase
from assistant.timeline.window import Point, Window, parse_point

MAX_PROBLEMS = 1000  # past this the check stops: a file this wrong is no transcription to fix line by line


class Full(Exception):
    """As many problems as are worth listing."""


class Problems:
    """Collects problems with the line each one is on; the lines are found once, on the first problem."""

    def __init__(self, path: Path, text: str):
        self.path, self.text, self._where, self.problems = path, text, None, []

    def add(self, line: int, field: str, what: str) -> None:
        self.problems.append(f"{self.path}:{line}: {field}: {what}")
        if len(self.problems) >= MAX_PROBLEMS:
            raise Full

    def at(self, table: str | None, index: int, key: str | None, field: str, what: str, item: int | None = None):
        if self._where is None:
            self._where = Lines(self.text)
        self.add(self._where.of(table, index, key, item), field, what)


class Entries:
    """Checks the meaning of entries whose types the schema passed, reporting against the file's lines."""

    def __init__(self, rep: Problems, documents, texts, conditions, bad, titles):
        self.rep, self.documents, self.texts, self.conditions, self.bad = rep, documents, texts, conditions, bad
        self.titles = titles

    def _point(self, table, i, key, value) -> Point | None:
        try:
            return parse_point(value, self.conditions)
        except ValueError as exc:
            self.rep.at(table, i, key, f"{table}[{i + 1}].{key}", str(exc))
            return None

    def _one_of(self, table, i, entry, key, known, what) -> None:
        if entry[key] not in known:
            listed = f" (one of {', '.join(known)})" if len(known) < 20 else ""
            self.rep.at(table, i, key, f"{table}[{i + 1}].{key}", f"unknown {what} '{shown(entry[key])}'{listed}")

    def _window(self, table, i, entry) -> Window | None:
        start = self._point(table, i, "from", entry.get("from", "treatment"))
        if start is not None and start.is_condition:
            self.rep.at(table, i, "from", f"{table}[{i + 1}].from",
                        f"'{start.text}' is a condition: it can only end a window (use it as `to`)")
            return None
        end = earliest = None
        to = entry.get("to")
        if isinstance(to, list):
            earliest, end = self._point(table, i, "to", to[0]), self._point(table, i, "to", to[1])
        elif to is not None:
            end = self._point(table, i, "to", to)
        if start is None or (to is not None and (end is None or (isinstance(to, list) and earliest is None))):
            return None
        window = Window(start, end, earliest)
        if not window.ends_after_start() or (earliest and earliest.approx_hours() > end.approx_hours()):
            self.rep.at(table, i, "to", f"{table}[{i + 1}].to",
                        f"window ends before it starts ({shown(entry.get('from', 'treatment'))} → {shown(to)})")
            return None
        return window

    def _sources(self, table, i, entry, field=None) -> tuple[Source, ...]:
        out = []
        for n, s in enumerate(entry.get("source", [])):
            where = field or f"{table}[{i + 1}].source"
            doc = s.get("document", self.documents[0] if self.documents else "")
            lines = self.texts.get(doc)
            if "documents" in self.bad:
                pass  # already refused: every citation would only repeat it
            elif doc not in self.documents:
                self.rep.at(table, i, "source", where, f"document '{shown(doc)}' is not in documents", n)
            elif lines is not None and not quote_stands(lines, s["line"], s["quote"]):
                self.rep.at(table, i, "source", where,
                            f"quote not found at {doc} line {s['line']}: \"{s['quote'][:60]}\"", n)
            spot = place(lines, s["line"]) if lines is not None else f"line {s['line']}"
            out.append(Source(doc, s["line"], s["quote"], self.titles.get(doc, doc), spot))
        return tuple(out)

    def rule(self, i, rule) -> Rule | None:
        if rule is None:
            return None
        self._one_of("rule", i, rule, "topic", topic_ids(), "topic")
        if rule["verdict"] not in VERDICTS:
            self.rep.at("rule", i, "verdict", f"rule[{i + 1}].verdict", not_one_of(rule["verdict"], VERDICTS))
        if rule["verdict"] == "do" and not rule.get("about"):
            # an instruction answers "do I have to …?" only about what it names, never a whole topic
            self.rep.at("rule", i, "about", f"rule[{i + 1}].about",
                        "a 'do' rule needs `about`: the words of what it tells the patient to do")
        text = rule["text"]
        window, sources = self._window("rule", i, rule), self._sources("rule", i, rule)
        about = tuple(" ".join(a.lower().split()) for a in rule.get("about", []))
        return Rule(rule["topic"], rule["verdict"], window, text, sources, about)

    def report(self, i, e) -> Report | None:
        if e is None:
            return None
        self._one_of("report", i, e, "reaction", reaction_ids(), "reaction")
        if e["level"] not in LEVELS:
            self.rep.at("report", i, "level", f"report[{i + 1}].level", not_one_of(e["level"], LEVELS))
        level = Level(e["level"]) if e["level"] in LEVELS else Level.ROUTINE
        return Report(e["reaction"], level, e["text"], self._sources("report", i, e))

    def expectation(self, i, e) -> Expectation | None:
        if e is None:
            return None
        self._one_of("expect", i, e, "reaction", reaction_ids(), "reaction")
        self._one_of("expect", i, e, "topic", topic_ids(), "topic")
        return Expectation(e["reaction"], e["topic"], self._window("expect", i, e), e["text"],
                           self._sources("expect", i, e))

    def condition(self, name, e) -> Condition | None:
        table = f"conditions.{name}"
        if (table, 0) in self.bad:
            return None
        point = None
        if "not_before" in e:
            try:
                point = parse_point(e["not_before"])
            except ValueError as exc:
                self.rep.at(table, 0, "not_before", f"{table}.not_before", str(exc))
        sources = self._sources(table, 0, e, f"{table}.source")
        return Condition(name, e["means"], point, sources, e.get("once", name.replace("_", " ")))

    def phase(self, i, e) -> Phase | None:
        if e is None:
            return None
        if not re.fullmatch(r"[a-z][a-z0-9_]{0,63}", e["id"]):
            self.rep.at("phase", i, "id", f"phase[{i + 1}].id", "must be lowercase snake_case")
        start = self._point("phase", i, "from", e.get("from", "treatment"))
        return Phase(e["id"], start, e["label"])


def not_one_of(value: str, allowed) -> str:
    """Say that a value is none of a fixed list (a verdict, a level), the value escaped for printing."""
    return f"'{shown(value)}' is not one of {', '.join(allowed)}"
