"""What a protocol file may hold, as data: every table, every key, its type and whether it is required.

    problems = shape(doc)   # [(table, index, key, item, field, what)] for unknown keys and wrong types
The checker runs this first and checks meanings (topics, windows, quotes) only on what passed, so
no later step meets a value of the wrong type. Unknown keys and tables are refused with the
nearest known name ("did you mean 'to'?"): a misspelt `tot` must not quietly make a rule last
forever, nor `[[rules]]` drop every rule. Nothing here recurses: values are checked to the depth
the schema gives and no deeper, so a deeply nested value is one wrong type, not a RecursionError.
The tests generate protocol files from these tables.
"""
from __future__ import annotations

import math
import re
from collections import namedtuple
from difflib import get_close_matches
from functools import lru_cache

from assistant.core.record import Record
from assistant.timeline.bounds import shown

TEXT_MAX = 2000      # characters in any one string: the longest sentence of a sheet, several times over
LIST_MAX = 200       # items in any one list (documents, sources, about)
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")  # a line break or escape inside a quote or a calendar


class Key(Record):
    kind: str            # text, id, number, line, point, to, words, documents, sources, map, table, tables
    required: bool = False
    inner: dict | None = None  # for "sources", "table" (each value a table of these) and "tables"
    missing: str = "missing (required)"


SOURCE = {"line": Key("line", True), "quote": Key("text", True), "document": Key("text")}
CITED = Key("sources", True, SOURCE, "missing: every entry cites its document")
RULE = {"topic": Key("text", True), "verdict": Key("text", True), "from": Key("point"), "to": Key("to"),
        "text": Key("text", True), "source": CITED, "about": Key("words")}
EXPECT = {"reaction": Key("text", True), "topic": Key("text", True), "from": Key("point"), "to": Key("to"),
          "text": Key("text", True), "source": CITED}
PHASE = {"id": Key("text", True), "from": Key("point"), "label": Key("text", True)}
REPORT = {"reaction": Key("text", True), "level": Key("text", True), "text": Key("text", True), "source": CITED}
CONDITION = {"means": Key("text", True), "once": Key("text"), "not_before": Key("point"),
             "source": Key("sources", False, SOURCE)}
TOP = {"id": Key("id", True), "clinic": Key("text", True), "emergency": Key("text", True),
       "documents": Key("documents", True), "phone": Key("text"), "contact": Key("text"), "provider": Key("text"),
       "fever_threshold_f": Key("number"), "conditions": Key("table", False, CONDITION),
       "rule": Key("tables", False, RULE), "expect": Key("tables", False, EXPECT),
       "phase": Key("tables", False, PHASE), "report": Key("tables", False, REPORT),
       "titles": Key("map"), "desk": Key("map")}  # "map": a table whose entries the checker reads itself
TABLES = {"rule": RULE, "expect": EXPECT, "phase": PHASE, "report": REPORT}
NAME = re.compile(r"[a-z][a-z0-9_]{0,63}")  # a condition's name, used as a time point
ID = re.compile(r"[a-z0-9-]{1,64}")  # a protocol's id: it goes into calendar UIDs and file names


# table: None for the top level; item: the n-th { ... } of a key's list; field: as the user reads it,
# "rule[4].to", "conditions.healed.means". A named tuple: 20,000 bad rules make 100,000 of them.
Problem = namedtuple("Problem", "table index key item field what")


def shape(doc: dict):
    """Yield every unknown key and every value of the wrong type, each with where it is: the top level first."""
    out: list[Problem] = []
    _table(doc, TOP, None, 0, "", out, top=True)
    yield from out
    for name in TABLES:  # one table at a time, so that a caller who has seen enough stops the work too
        value = doc.get(name)
        if isinstance(value, list) and all(isinstance(v, dict) for v in value):
            for n, entry in enumerate(value):
                out = []
                _table(entry, TABLES[name], name, n, f"{name}[{n + 1}].", out)
                yield from out


def _table(entry: dict, schema: dict, table: str | None, index: int, prefix: str, out: list, top=False,
           within: tuple | None = None) -> None:
    """Check one table against its schema; `within`: the (key, item) of the list it is an item of.

    At the top the [[...]] tables are only checked to be tables: shape() checks each in turn.
    """
    for key in entry:
        if key not in schema:
            kind = "table" if top and isinstance(entry[key], (dict, list)) else "key"
            what = f"unknown {kind} '{shown(key)}'{_hint(key, schema)}"
            out.append(Problem(table, index, *(within or (key, None)), prefix + key, what))
    for key, spec in schema.items():
        field = prefix + key
        if key not in entry:
            if spec.required:
                out.append(Problem(table, index, *(within or (None, None)), field, spec.missing))
            continue
        if not (top and spec.kind == "tables"):
            _value(entry[key], spec, table, index, key, field, out, within)
        elif not isinstance(entry[key], list) or not all(isinstance(v, dict) for v in entry[key]):
            out.append(Problem(table, index, key, None, field, f"must be written as [[{field}]] tables"))


@lru_cache(maxsize=256)  # the same misspelling 20,000 times costs one search
def _near(key: str, known: tuple) -> str | None:
    found = get_close_matches(key, known, n=1, cutoff=0.6)
    return found[0] if found else None


def _hint(key: str, schema: dict) -> str:
    near = _near(key[:100], tuple(schema))
    return f" (did you mean '{near}'?)" if near else f" (known: {', '.join(schema)})"


def _value(value, spec: Key, table, index, key, field, out, within=None) -> None:
    def bad(what: str, item: int | None = None, where: str = field) -> None:
        out.append(Problem(table, index, *(within or (key, item)), where, what))
    kind = spec.kind
    if kind in ("text", "point", "id"):
        why = text_problem(value)
        if why:
            bad(f"must be {'a time point string' if kind == 'point' else 'a string'}{why}")
        elif kind == "id" and not ID.fullmatch(value):
            bad("must be lowercase letters, digits and dashes (at most 64), e.g. \"sunrise\"")
    elif kind == "to":
        why = text_problem(value) if not isinstance(value, list) else \
            next((w for w in map(text_problem, value) if w), "") if len(value) == 2 else ", not a list of two"
        if why:
            bad(f"must be a time point, or [earliest, latest] as two time points{why}")
    elif kind == "number":
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            bad(f"must be a number, not {_kind(value)}")
    elif kind == "line":
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 1_000_000:
            bad(f"must be a line number (a whole number from 1), not {_kind(value)}")
    elif kind in ("words", "documents"):
        if not isinstance(value, list) or not value or len(value) > LIST_MAX:
            example = '["makeup brush", "brushes"]' if kind == "words" else '["aftercare-sheet.txt"]'
            bad(f"must be a list of strings (1 to {LIST_MAX}), e.g. {example}")
            return
        for n, item in enumerate(value):
            why = text_problem(item)
            if why:
                bad(f"must be a string{why}", None, f"{field}[{n + 1}]")
    elif kind == "sources":
        if not isinstance(value, list) or not value or len(value) > LIST_MAX:
            bad(f"must be a list of {{ line = N, quote = \"...\" }} (1 to {LIST_MAX})")
            return
        for n, item in enumerate(value):
            where = f"{field}[{n + 1}]"
            if not isinstance(item, dict):
                bad(f"must be {{ line = N, quote = \"...\" }}, not {_kind(item)}", n, where)
                continue
            _table(item, spec.inner, table, index, where + ".", out, within=(key, n))
    elif kind == "map":
        if not isinstance(value, dict):
            bad(f"must be a table, not {_kind(value)}")
    elif kind == "table":
        if not isinstance(value, dict):
            bad(f"must be written as [{field}.NAME] tables, not {_kind(value)}")
            return
        for name, entry in value.items():
            if not NAME.fullmatch(name):
                bad(f"'{name}' must be a lowercase name of letters, digits and _ (e.g. healed)", None,
                    f"{field}.{name}")
            elif not isinstance(entry, dict):
                bad(f"must be a table [{field}.{name}], not {_kind(entry)}", None, f"{field}.{name}")
            else:
                _table(entry, spec.inner, f"{field}.{name}", 0, f"{field}.{name}.", out)


def text_problem(value) -> str:
    """Return why a value is no usable string (", not a number", " without control characters"), or ""."""
    if not isinstance(value, str):
        return f", not {_kind(value)}"
    if not value.strip():
        return ", not empty"
    if len(value) > TEXT_MAX:
        return f" of at most {TEXT_MAX:,} characters"
    if _CONTROL.search(value):
        return " without control characters or line breaks"
    return ""


def _kind(value) -> str:
    return {bool: "true or false", int: "a number", float: "a number", str: "a string", list: "a list",
            dict: "a table"}.get(type(value), type(value).__name__)
