"""Every citation a reader sees names the paper by its title and the item or line on it, never a file name."""
from __future__ import annotations

import json
import re
from datetime import timedelta

import pytest
from conftest import TREATED

from assistant.clinic.checker import parse
from assistant.clinic.document import place
from assistant.clinic.protocol import ProtocolError
from assistant.dialogue.conversation import render
from assistant.dialogue.render import reply_text, spoken_text
from assistant.dialogue.reply import answer

# "    (Dr. Alexander's aftercare sheet, item 8: “It is recommended…”)"
PRINTED = re.compile(r"^    \((?P<title>.+?), (?P<place>item \d+(?: under [^:]+)?|line \d+): \u201c.+\u201d\)$")
FILE_NAME = re.compile(r"[\w.-]+\.(?:txt|md|pdf|toml)\b")
MOMENTS = [TREATED - timedelta(days=3), TREATED + timedelta(hours=5), TREATED + timedelta(days=2),
           TREATED + timedelta(days=12)]


def _replies(p, vocab):
    """Yield a reply to one example question of every topic, before, during and after recovery."""
    for topic in vocab.topics.values():
        for now in MOMENTS:
            yield answer(topic.examples[0], p, TREATED, now, vocab)


def test_every_printed_citation_names_a_document_title(any_protocol, vocab):
    titles = set(any_protocol.titles.values())
    cited = 0
    for reply in _replies(any_protocol, vocab):
        for line in reply_text(reply).splitlines():
            if not line.startswith("    ("):
                continue
            m = PRINTED.match(line)
            assert m and m["title"] in titles, line
            assert not FILE_NAME.search(line.split("\u201c")[0]), line
            cited += 1
    assert cited > 50


def test_the_chat_and_speech_name_the_title_and_place(any_protocol, vocab):
    titles = tuple(any_protocol.titles.values())
    for reply in _replies(any_protocol, vocab):
        sources = [line for style, line in render(reply) if style == "source"]
        assert all(line.startswith("(from ") and any(t in line for t in titles) for line in sources), sources
        assert all(not FILE_NAME.search(line) for line in sources), sources
        said = spoken_text(reply)
        assert said.count("From ") >= len(sources) and not FILE_NAME.search(said), said


def test_the_printed_answer_names_the_sheet_and_item_the_reader_holds(run):
    r = run("ask", "can I wear makeup?", "--protocol", "alexander", "--treated", "2026-11-20T10:00")
    assert "(Dr. Alexander's aftercare sheet, item 8: \u201cIt is recommended that makeup" in r.out
    assert "000_d8d7b222d24b091f.txt" not in r.out


def test_json_keeps_the_file_name_and_adds_the_title(run):
    r = run("ask", "can I swim?", "--protocol", "pre-post", "--treated", "2026-11-20T10:00", "--json")
    for source in json.loads(r.out)["answers"][0]["sources"]:
        assert source["document"] == "001_f3f45af0e67b73fa.txt"
        assert source["title"] == "your Micro Needling Instructions sheet"


SHEET = """Aftercare
1. No makeup for 24 hours.
2. Keep out of the sun,
   even on cloudy days.

Before your visit:
1. Stop retinol.

- Day 1 - wash gently,
  then moisturise.

Products
(1) CLEANSE
Gentle cleanser
""".splitlines()


@pytest.mark.parametrize("line, said", [
    (2, "item 1 under Aftercare"),     # two lists count from 1: the heading above tells them apart
    (4, "item 2 under Aftercare"),     # the second line of an item is still that item
    (7, "item 1 under Before your visit"),
    (10, "line 10"),                   # a bullet has no number to find
    (14, "item 1 under Products"),
    (1, "line 1"),
    (99, "line 99"),
])
def test_place_is_the_printed_item_number_else_the_line(line, said):
    assert place(SHEET, line) == said


def test_a_sheet_with_one_list_says_only_the_item():
    assert place(["Sheet", "", "7. Use tepid water", "8. No makeup"], 4) == "item 8"


def test_the_tail_of_a_bullet_is_no_heading():
    lines = ["1. Stop retinol.", "", "- Day 1 - wash gently,", "  then moisturise.", "(1) CLEANSE"]
    assert place(lines, 5) == "item 1"


GOOD = '''\
id = "mini"
clinic = "Mini Clinic"
emergency = "911"
documents = ["sheet.txt", "more.txt"]
titles = { "sheet.txt" = "Mini aftercare sheet", "more.txt" = "Mini price list" }

[[rule]]
topic = "makeup"
verdict = "avoid"
to = "+24h"
text = "No makeup for a day."
source = [{ line = 2, quote = "No makeup for 24 hours." }]
'''


@pytest.mark.parametrize("change, message", [
    (('titles = { "sheet.txt" = "Mini aftercare sheet", "more.txt" = "Mini price list" }\n', ""),
     r":1: titles: missing \(required\)"),
    ((', "more.txt" = "Mini price list"', ""), r":5: titles: no title for 'more.txt'"),
    (('"more.txt" = "Mini price list"', '"more.txt" = "Mini price list", "old.txt" = "Old"'),
     r":5: titles: 'old.txt' is not in documents"),
    (("Mini price list", "MINI aftercare sheet"), r":5: titles: two documents share a title"),
    (('"Mini price list"', "3"), r":5: titles: must be a table of document = \"title\""),
])
def test_every_document_has_a_title_of_its_own(tmp_path, change, message):
    (tmp_path / "sheet.txt").write_text("Mini\nNo makeup for 24 hours.\n")
    (tmp_path / "more.txt").write_text("Prices\n")
    path = tmp_path / "mini.toml"
    path.write_text(GOOD.replace(*change))
    with pytest.raises(ProtocolError) as err:
        parse(path)
    assert re.search(message, "\n".join(err.value.problems)), err.value.problems


def test_a_good_file_gives_each_source_its_title_and_place(tmp_path):
    (tmp_path / "sheet.txt").write_text("Mini\nNo makeup for 24 hours.\n")
    (tmp_path / "more.txt").write_text("Prices\n")
    (tmp_path / "mini.toml").write_text(GOOD)
    (source,) = parse(tmp_path / "mini.toml").rules[0].sources
    assert (source.title, source.place, source.where) == ("Mini aftercare sheet", "line 2", "Mini aftercare sheet, line 2")


def test_a_line_two_answers_rest_on_is_quoted_and_named_once(vocab):
    from assistant.clinic import protocol
    r = answer("how many days before the treatment should i stop my retinol", protocol.load("pre-post"), None,
               TREATED, vocab)
    assert len(r.answers) == 2
    assert reply_text(r).count("item 2 under Before your treatment") == 1
    assert spoken_text(r).count("item 2") == 1


def test_places_on_one_sheet_are_listed_as_they_are_said():
    from assistant.clinic import protocol
    from assistant.core.text import listed
    from assistant.dialogue.render import cited
    p = protocol.load("day-by-day")
    sources = [s for r in p.rules for s in r.sources if s.line in (5, 7, 21)]
    assert cited(sources).endswith("line 5, line 7 and line 21")
    assert listed(["pus", "", "a fever", "red streaks"]) == "pus, a fever and red streaks" and listed([]) == ""
