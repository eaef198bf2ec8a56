"""The strict checker, generated from its own schema: valid files load; every single mutation is refused
with file:line:field; unknown keys get a "did you mean"; size, depth and time are bounded."""
from __future__ import annotations

import json
import os
import re
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.clinic import schema
from assistant.clinic.checker import parse
from assistant.clinic.protocol import VERDICTS, ProtocolError
from assistant.clinic.sources import MAX_BYTES
from assistant.core.ids import reaction_ids, topic_ids

WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=2, max_size=8)
SENTENCE = st.lists(WORDS, min_size=3, max_size=9).map(lambda w: " ".join(w).capitalize() + ".")
SOME = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                       HealthCheck.too_slow])


class Toml:
    """Write a protocol as TOML, one key a line, and remember the line of every table and key."""

    def __init__(self):
        self.lines: list[str] = []
        self.at: dict[tuple, int] = {}

    def key(self, where: tuple, key: str, value) -> None:
        self.lines.append(f"{key} = {_value(value)}")
        self.at[(*where, key)] = len(self.lines)

    def header(self, where: tuple, text: str) -> None:
        self.lines += ["", text]
        self.at[where] = len(self.lines)

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


def _value(value) -> str:
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # JSON's escapes are TOML's for these strings
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    return "{ " + ", ".join(f"{_value(k)} = {_value(v)}" for k, v in value.items()) + " }"  # "sheet.txt" quoted


@st.composite
def protocols(draw):
    """A valid protocol (as a dict in file order) and the sheet it cites."""
    sheet = draw(st.lists(SENTENCE, min_size=3, max_size=12, unique=True))
    cite = lambda: [{"line": (n := draw(st.integers(1, len(sheet)))), "quote": sheet[n - 1]}]
    texts = iter(f"{draw(SENTENCE)[:-1]} {n}." for n in range(1000))
    hours = lambda lo, hi: draw(st.integers(lo, hi))
    doc = {"id": draw(st.from_regex(r"[a-z0-9][a-z0-9-]{0,20}", fullmatch=True)), "clinic": draw(SENTENCE),
           "emergency": "911", "documents": ["sheet.txt"],
           "titles": {"sheet.txt": "your aftercare sheet"}}
    for key in ("phone", "contact", "provider"):
        if draw(st.booleans()):
            doc[key] = draw(SENTENCE)
    if draw(st.booleans()):
        doc["fever_threshold_f"] = draw(st.one_of(st.integers(95, 110), st.floats(95, 110)))
    names = draw(st.lists(st.from_regex(r"[a-z][a-z_]{2,10}", fullmatch=True), max_size=2, unique=True))
    names = [n for n in names if n not in ("treatment", "always")]
    doc["conditions"] = {n: {"means": draw(SENTENCE), "once": draw(SENTENCE), "not_before": f"+{hours(1, 99)}h",
                             "source": cite()} for n in names}
    doc["rule"] = []
    for _ in range(draw(st.integers(1, 4))):
        start = hours(0, 50)
        rule = {"topic": draw(st.sampled_from(topic_ids())), "verdict": draw(st.sampled_from(VERDICTS)),
                "from": f"+{start}h",
                "to": draw(st.sampled_from([f"+{start + hours(1, 99)}h", [f"+{start + 1}h", f"+{start + 100}h"]]
                                           + names)),
                "text": next(texts), "source": cite()}
        if draw(st.booleans()) or rule["verdict"] == "do":  # an instruction decides only what it names
            rule["about"] = draw(st.lists(WORDS, min_size=1, max_size=3))
        doc["rule"].append(rule)
    doc["expect"] = [{"reaction": draw(st.sampled_from(reaction_ids())), "topic": draw(st.sampled_from(topic_ids())),
                      "to": f"+{hours(1, 99)}h", "text": next(texts), "source": cite()}
                     for _ in range(draw(st.integers(0, 2)))]
    doc["phase"] = [{"id": f"phase_{n}", "from": f"+{n * 10}h", "label": draw(SENTENCE)}
                    for n in range(draw(st.integers(0, 3)))]
    doc["report"] = [{"reaction": draw(st.sampled_from(reaction_ids())),
                      "level": draw(st.sampled_from(["routine", "urgent", "emergency"])), "text": next(texts),
                      "source": cite()} for _ in range(draw(st.integers(0, 2)))]
    return doc, sheet


def write(doc: dict) -> Toml:
    out = Toml()
    for key, value in doc.items():
        if key not in ("conditions", *schema.TABLES):
            out.key((None, 0), key, value)
    for name, entry in doc.get("conditions", {}).items():
        out.header((f"conditions.{name}", 0), f"[conditions.{name}]")
        for key, value in entry.items():
            out.key((f"conditions.{name}", 0), key, value)
    for table in schema.TABLES:
        for n, entry in enumerate(doc.get(table, [])):
            out.header((table, n), f"[[{table}]]")
            for key, value in entry.items():
                out.key((table, n), key, value)
    return out


def _files(tmp_path: Path, toml: Toml, sheet: list[str]) -> Path:
    (tmp_path / "sheet.txt").write_text("\n".join(sheet) + "\n")
    path = tmp_path / "p.toml"
    path.write_text(toml.text())
    return path


@SOME
@given(case=protocols())
def test_every_generated_valid_file_loads(tmp_path_factory, case):
    doc, sheet = case
    p = parse(_files(tmp_path_factory.mktemp("ok"), write(doc), sheet))
    assert p.id == doc["id"] and len(p.rules) == len(doc["rule"]) and set(p.conditions) == set(doc["conditions"])


def _places(doc: dict):
    """Every (table, index, key, field) the file has: the places a mutation can go."""
    for key in doc:
        if key not in ("conditions", *schema.TABLES):
            yield (None, 0), key, key
    for name, entry in doc["conditions"].items():
        for key in entry:
            yield (f"conditions.{name}", 0), key, f"conditions.{name}.{key}"
    for table in schema.TABLES:
        for n, entry in enumerate(doc[table]):
            for key in entry:
                yield (table, n), key, f"{table}[{n + 1}].{key}"


def _entry(doc: dict, where: tuple) -> dict:
    table, n = where
    if table is None:
        return doc
    if table.startswith("conditions."):
        return doc["conditions"][table.split(".", 1)[1]]
    return doc[table][n]


WRONG = {str: 7, int: "7", float: "7", list: "a string", dict: "a string"}
BAD_VALUES = {"id": "Bad Id\r\nBEGIN:VEVENT", "topic": "not_a_topic", "verdict": "maybe", "reaction": "itchiness",
              "level": "soon", "from": "+99999999d", "to": "+7 days", "not_before": "-3 fortnights",
              "documents": ["../../../../etc/passwd"], "fever_threshold_f": 300}


@SOME
@given(case=protocols(), data=st.data())
def test_every_single_mutation_is_refused_with_file_line_and_field(tmp_path_factory, case, data):
    doc, sheet = case
    where, key, field = data.draw(st.sampled_from(list(_places(doc))))
    entry = _entry(doc, where)
    kind = data.draw(st.sampled_from(["drop", "rename", "type", "value", "control"]))
    spec = {None: schema.TOP, "rule": schema.RULE, "expect": schema.EXPECT, "phase": schema.PHASE,
            "report": schema.REPORT}.get(where[0], schema.CONDITION)[key]
    if kind == "drop" and not spec.required:
        kind = "rename"
    if kind == "value" and key not in BAD_VALUES:
        kind = "type"
    if kind == "control" and not isinstance(entry[key], str):
        kind = "type"
    if kind == "drop":
        del entry[key]
        line, want = (write(doc).at.get(where, 1) if where[0] else 1), "missing"
    elif kind == "rename":
        typo = key[:-1] + key[-1] * 2  # "to" -> "too", "source" -> "sourcee"
        entry[typo] = entry.pop(key)
        line, field, want = write(doc).at[(*where, typo)], field[:-len(key)] + typo, f"did you mean '{key}'"
    elif kind == "type":
        entry[key] = WRONG[type(entry[key])]  # a string where `to` held a list is a type it may have: not "must be"
        line, want = write(doc).at[(*where, key)], "must be" if key != "to" else ""
    elif kind == "value":
        entry[key] = BAD_VALUES[key]
        line, want = write(doc).at[(*where, key)], ""
    else:
        entry[key] = entry[key][:3] + "\x1b[2J\n" + entry[key][3:]
        line, want = write(doc).at[(*where, key)], "control characters"
    path = _files(tmp_path_factory.mktemp("bad"), write(doc), sheet)
    with pytest.raises(ProtocolError) as err:
        parse(path)
    pattern = re.compile(rf"{re.escape(str(path))}:{line}: {re.escape(field)}(\[\d+\])?: .*{re.escape(want)}.*")
    assert any(pattern.fullmatch(p) for p in err.value.problems), (kind, field, line, err.value.problems)
    assert all("\n" not in p for p in err.value.problems)


@SOME
@given(case=protocols())
def test_a_misspelt_table_is_refused_not_dropped(tmp_path_factory, case):
    doc, sheet = case
    toml = write(doc)
    text = toml.text().replace("[[rule]]", "[[rules]]")
    path = tmp_path_factory.mktemp("t") / "p.toml"
    (path.parent / "sheet.txt").write_text("\n".join(sheet) + "\n")
    path.write_text(text)
    with pytest.raises(ProtocolError) as err:
        parse(path)
    first = toml.at[("rule", 0)]
    assert f"{path}:{first}: rules: unknown table 'rules' (did you mean 'rule'?)" in err.value.problems


@pytest.mark.parametrize("name, text, message", [
    ("nested", "x = " + "[" * 2000 + "]" * 2000, ":1: syntax: brackets nested too deeply"),
    ("conditions as a number", 'conditions = 5', ":7: conditions: must be written as [conditions.NAME] tables"),
    ("a list as a document", 'x = 1', None),
    ("too big", "# " + "x" * MAX_BYTES, ":1: file: is larger than 1 MB"),
])
def test_hostile_files_are_one_line_each(tmp_path, name, text, message):
    base = 'id = "x"\nclinic = "C"\nemergency = "911"\ndocuments = ["sheet.txt"]\ntitles = { "sheet.txt" = "your sheet" }\n\n'
    (tmp_path / "sheet.txt").write_text("A line.\n")
    path = tmp_path / "p.toml"
    body = (text + "\n" + base) if name == "nested" else base + text + "\n"
    if name == "a list as a document":
        body = base + '[[rule]]\ntopic = "makeup"\nverdict = "avoid"\ntext = "t"\n' \
                      'source = [{ document = ["x"], line = 1, quote = "A line." }]\n'
        message = ":11: rule[1].source[1].document: must be a string, not a list"
    path.write_text(body)
    with pytest.raises(ProtocolError) as err:
        parse(path)
    assert any(message in p for p in err.value.problems), err.value.problems


@pytest.mark.parametrize("document", ["/etc/shadow", "../../../../etc/passwd", "sources/../../x.txt", "a" * 300,
                                      "link.txt", "fifo.txt"])
def test_documents_stay_in_the_protocols_own_folder(tmp_path, document):
    (tmp_path / "link.txt").symlink_to("/etc/passwd")
    os.mkfifo(tmp_path / "fifo.txt")
    path = tmp_path / "p.toml"
    path.write_text(f'id = "x"\nclinic = "C"\nemergency = "911"\ndocuments = ["{document}"]\n')
    t0 = time.monotonic()
    with pytest.raises(ProtocolError) as err:
        parse(path)
    assert time.monotonic() - t0 < 2
    assert any(p.startswith(f"{path}:4: documents:") for p in err.value.problems), err.value.problems


def test_twenty_thousand_bad_rules_are_located_in_well_under_a_second(tmp_path):
    (tmp_path / "sheet.txt").write_text("A line.\n")
    path = tmp_path / "p.toml"
    path.write_text('id = "x"\nclinic = "C"\nemergency = "911"\ndocuments = ["sheet.txt"]\ntitles = { "sheet.txt" = "your sheet" }\n' +
                    '[[rule]]\ntot = 1\n' * 20_000)
    assert path.stat().st_size < MAX_BYTES
    t0 = time.perf_counter()
    with pytest.raises(ProtocolError) as err:
        parse(path)
    took = time.perf_counter() - t0
    assert err.value.stopped and len(err.value.problems) == 1000
    assert err.value.problems[0] == f"{path}:7: rule[1].tot: unknown key 'tot' (did you mean 'to'?)"
    assert took < 1.5, took  # the parser alone takes about half of it on this machine


def test_a_protocol_id_cannot_inject_into_a_calendar(tmp_path, run):
    (tmp_path / "sheet.txt").write_text("No makeup for 24 hours.\n")
    path = tmp_path / "p.toml"
    path.write_text('id = "x\\r\\nBEGIN:VEVENT"\nclinic = "C"\nemergency = "911"\ndocuments = ["sheet.txt"]\n')
    r = run("plan", "--protocol", str(path), "--treated", "yesterday", "--ics", str(tmp_path / "p.ics"))
    assert r.code == 2 and ":1: id: must be a string without control characters" in r.err
    assert not (tmp_path / "p.ics").exists()


def test_an_instruction_without_the_words_it_is_about_is_refused(tmp_path):
    sheet = ["Use only the samples for three days."]
    (tmp_path / "sheet.txt").write_text("\n".join(sheet) + "\n", encoding="utf-8")
    path = tmp_path / "p.toml"
    path.write_text('id = "p"\nclinic = "A clinic"\nemergency = "911"\ndocuments = ["sheet.txt"]\n\n[[rule]]\n'
                    'topic = "skincare_routine"\nverdict = "do"\nto = "+72h"\ntext = "Use only the samples."\n'
                    'source = [{ line = 1, quote = "Use only the samples for three days." }]\n', encoding="utf-8")
    with pytest.raises(ProtocolError) as err:
        parse(path)
    assert any(p.startswith(f"{path}:6: rule[1].about: a 'do' rule needs `about`") for p in err.value.problems), \
        err.value.problems
