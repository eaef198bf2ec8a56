"""The bundled protocols load whole, every quote stands in its document, broken files are refused."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from assistant.clinic import protocol
from assistant.clinic.checker import parse
from assistant.clinic.protocol import ProtocolError
from assistant.clinic.sources import quote_stands
from assistant.core.ids import topic_ids


def test_four_bundled_protocols_load():
    assert protocol.bundled_ids() == ["alexander", "day-by-day", "pre-post", "rf"]
    for pid in protocol.bundled_ids():
        p = protocol.load(pid)
        assert p.id == pid and p.rules and p.phases


def test_every_quote_stands_verbatim_at_its_line(any_protocol):
    from assistant.core import data
    entries = list(any_protocol.rules) + list(any_protocol.expectations) + \
        [c for c in any_protocol.conditions.values()]
    assert entries
    for entry in entries:
        for s in entry.sources:
            lines = (Path(data.source_dir()) / s.document).read_text(encoding="utf-8").splitlines()
            assert quote_stands(lines, s.line, s.quote), (any_protocol.id, s)


def test_quote_may_wrap_onto_the_next_line_but_must_start_on_its_own():
    lines = ["first line ends with The degree of", "redness and length of healing time"]
    assert quote_stands(lines, 1, "The degree of redness and length")
    assert not quote_stands(lines, 2, "The degree of redness")
    assert not quote_stands(lines, 1, "degree of sunshine")


def test_every_rule_names_a_known_topic(any_protocol):
    assert {r.topic for r in any_protocol.rules} <= set(topic_ids())


def test_no_clinic_borrows_another_clinics_phone():
    phones = {pid: protocol.load(pid).phone for pid in protocol.bundled_ids()}
    assert phones["alexander"] == "(250) 477-2343"
    assert all(phone is None for pid, phone in phones.items() if pid != "alexander")


def test_only_rf_states_a_fever_threshold():
    assert {pid: protocol.load(pid).fever_f for pid in protocol.bundled_ids()} == \
        {"alexander": 100.4, "day-by-day": 100.4, "pre-post": 100.4, "rf": 101.5}
    assert protocol.load("rf").fever_stated and not protocol.load("alexander").fever_stated


def test_only_rf_says_where_its_products_are_bought():
    said = {pid: any("sells" in r.text for r in protocol.load(pid).rules_for("skincare_routine"))
            for pid in protocol.bundled_ids()}
    assert said == {"alexander": False, "day-by-day": False, "pre-post": False, "rf": True}


def test_nsaids_only_where_the_document_speaks_of_them():
    covered = {pid for pid in protocol.bundled_ids()
               if protocol.load(pid).rules_for("nsaids") or protocol.load(pid).expectations_for("nsaids")}
    assert covered == {"pre-post", "day-by-day"}


GOOD = '''\
id = "mini"
clinic = "Mini Clinic"
phone = "555-0100"
emergency = "911"
documents = ["sheet.txt"]
titles = { "sheet.txt" = "Mini aftercare sheet" }

[[phase]]
id = "first_day"
from = "treatment"
label = "first day"

[[rule]]
topic = "makeup"
verdict = "avoid"
to = "+24h"
text = "No makeup for a day."
source = [{ line = 2, quote = "No makeup for 24 hours." }]
'''
SHEET = "Mini Clinic aftercare\nNo makeup for 24 hours.\nKeep out of the sun.\n"

BROKEN = [
    ("unknown topic", ('topic = "makeup"', 'topic = "makup"'), r":14: rule\[1\]\.topic: unknown topic 'makup'"),
    ("window backwards", ('to = "+24h"', 'from = "+48h"\nto = "+24h"'), r"rule\[1\]\.to: window ends before it starts"),
    ("missing source", ('source = [{ line = 2, quote = "No makeup for 24 hours." }]', ''),
     r"rule\[1\]\.source: missing"),
    ("quote not found", ('quote = "No makeup for 24 hours."', 'quote = "No makeup for 48 hours."'),
     r":18: rule\[1\]\.source: quote not found at sheet.txt line 2"),
    ("wrong line", ('line = 2', 'line = 3'), r"quote not found at sheet.txt line 3"),
    ("wrong type", ('emergency = "911"', 'emergency = 911'), r":4: emergency: must be a str"),
    ("bad verdict", ('verdict = "avoid"', 'verdict = "maybe"'), r":15: rule\[1\]\.verdict: 'maybe' is not one of"),
    ("bad time point", ('to = "+24h"', 'to = "24 hours"'), r":16: rule\[1\]\.to: '24 hours' is not a time point"),
    ("missing id", ('id = "mini"\n', ''), r":1: id: missing"),
    ("syntax", ('clinic = "Mini Clinic"', 'clinic = "Mini Clinic'), r":2: syntax:"),
    ("unknown document", ('"sheet.txt"]\ntitles = { "sheet.txt"', '"nope.txt"]\ntitles = { "nope.txt"'),
     r"source document 'nope.txt' not found"),
    ("duplicate rule", (GOOD.split("[[rule]]")[1], GOOD.split("[[rule]]")[1] + "\n[[rule]]" + GOOD.split("[[rule]]")[1]),
     r"rule\[2\]: duplicate of rule\[1\]"),
    ("phases out of order", ('from = "treatment"\nlabel = "first day"', 'from = "+2h"\nlabel = "first day"\n\n[[phase]]\nid = "zero"\nfrom = "treatment"\nlabel = "z"'),
     r"phase\[2\]\.from: phases must start at fixed times, in order"),
]


def _write(tmp_path, text):
    (tmp_path / "sheet.txt").write_text(SHEET)
    path = tmp_path / "mini.toml"
    path.write_text(text)
    return path


def test_a_good_small_protocol_loads(tmp_path):
    p = parse(_write(tmp_path, GOOD))
    assert p.rules[0].sources[0].line == 2 and p.phone == "555-0100"


def test_the_same_rule_again_for_a_thing_named_is_no_duplicate(tmp_path):
    rule = GOOD.split("[[rule]]")[1]
    named = rule.replace('verdict = "avoid"', 'verdict = "avoid"\nabout = ["mascara"]')
    p = parse(_write(tmp_path, GOOD + "\n[[rule]]" + named))
    assert [r.about for r in p.rules[:2]] == [(), ("mascara",)]


@pytest.mark.parametrize("name,change,message", BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_protocol_is_refused_whole_with_file_line_and_field(tmp_path, name, change, message):
    path = _write(tmp_path, GOOD.replace(*change, 1))
    with pytest.raises(ProtocolError) as err:
        parse(path)
    assert re.search(message, "\n".join(err.value.problems)), err.value.problems
    assert all(line.startswith(str(path)) for line in err.value.problems)


def test_a_condition_can_only_end_a_window(tmp_path):
    text = GOOD.replace('"Mini aftercare sheet" }', '"Mini aftercare sheet" }\n\n[conditions.healed]\nmeans = "healed"')
    text = text.replace('to = "+24h"', 'from = "healed"\nto = "+48h"')
    with pytest.raises(ProtocolError, match=r"rule\[1\]\.from: 'healed' is a condition"):
        parse(_write(tmp_path, text))


def test_check_command_lists_every_problem_and_exits_2(tmp_path, run):
    text = GOOD.replace('topic = "makeup"', 'topic = "makup"').replace('line = 2', 'line = 3')
    path = _write(tmp_path, text)
    r = run("protocols", "check", str(path))
    assert r.code == 2 and r.out == ""
    assert "unknown topic 'makup'" in r.err and "quote not found" in r.err and "2 problems" in r.err


def test_check_command_summarises_a_good_file(tmp_path, run):
    r = run("protocols", "check", str(_write(tmp_path, GOOD)))
    assert r.code == 0 and "OK" in r.out and "1 rules" in r.out


def test_protocol_path_works_wherever_an_id_does(tmp_path, run):
    path = _write(tmp_path, GOOD)
    r = run("ask", "makeup?", "--protocol", str(path), "--treated", "2026-11-21T10:00", "--json")
    assert r.code == 0 and '"protocol": "mini"' in r.out and '"allowed": false' in r.out


def test_ask_refuses_a_broken_protocol_in_one_line(tmp_path, run):
    path = _write(tmp_path, GOOD.replace('topic = "makeup"', 'topic = "makup"'))
    r = run("ask", "makeup?", "--protocol", str(path))
    assert r.code == 2 and r.out == "" and len(r.err.strip().splitlines()) == 1
    assert "mini.toml:14: rule[1].topic" in r.err


def test_list_show_and_diff(run):
    listing = run("protocols", "list")
    assert listing.code == 0 and all(pid in listing.out for pid in protocol.bundled_ids())
    show = run("protocols", "show", "alexander")
    assert "AVOID makeup — until 24 hours after treatment" in show.out
    assert show.out.index("until 24 hours") < show.out.index("until 7-10 days")
    diff = run("protocols", "diff", "alexander", "rf")
    assert re.search(r"sun_exposure\s+avoid until 7-10 days after treatment\s+avoid until 2 months", diff.out)
    assert re.search(r"makeup\s+avoid until 24 hours after treatment;\s+avoid until healed", diff.out)


def test_diagram_is_mermaid_state_diagram(run):
    r = run("protocols", "show", "pre-post", "--diagram")
    assert "stateDiagram-v2" in r.out and "before_treatment --> day_of_treatment" in r.out
    assert "day_1 --> days_2_to_7" in r.out
