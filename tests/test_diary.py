"""`aftercare diary`: the days kept by the chat's check-ins, shown and exported as a one-page summary."""
from __future__ import annotations

import json
import stat
from datetime import datetime
from html.parser import HTMLParser

import pytest

from assistant.core import diary
from assistant.core.diary import Entry

NOW = datetime(2026, 11, 28, 12, 0)
DAYS = [
    Entry("2026-11-21T16:00", 1, "checkin", "all good", "good"),
    Entry("2026-11-22T09:00", 2, "checkin", "pain 4", "number", pain=4),
    Entry("2026-11-23T09:00", 3, "checkin", "yes a little", "some"),
    Entry("2026-11-23T09:01", 3, "checkin", "my cheek is red <b>and</b> hot", "told", level="urgent",
          reasons=["redness that spreads, red streaks or skin that gets hotter"]),
    Entry("2026-11-24T09:00", 4, "checkin", "38.2", "number", temperature_f=100.8, level="routine",
          reasons=["a temperature of 100.8 °F"]),
    Entry("2026-11-25T09:00", 5, "checkin", "pain 2", "number", pain=2),
    Entry("2026-11-26T20:00", 6, "flag", "there is pus", level="urgent", reasons=["pus or cloudy drainage"]),
]


@pytest.fixture
def kept(home):
    env = {"AFTERCARE_HOME": str(home)}
    for e in DAYS:
        diary.keep(e, env)
    return env


def _diary(run, *extra):
    return run("diary", "--protocol", "rf", "--treated", "2026-11-20T10:00", *extra, now=NOW)


def test_each_day_with_temperatures_pain_trend_and_red_flags(run, kept):
    r = _diary(run)
    assert r.code == 0
    lines = r.out.splitlines()
    assert lines[0] == "Your diary — your microneedling / RF clinic (rf), treated Friday 20 November at 10:00"
    assert any(line.startswith("   4  Tue 24 Nov    100.8") and "ROUTINE" in line for line in lines)
    assert "yes, something; my cheek is red <b>and</b> hot  ! URGENT" in r.out
    pain = next(line for line in lines if line.startswith("pain  "))
    assert pain.startswith("pain   ▄  ▂  ") and pain.endswith("falling")  # days 1-6: blank where none given
    assert "Thu 26 Nov 20:00  URGENT: pus or cloudy drainage — “there is pus”" in r.out


def test_an_empty_diary_says_how_it_fills(run, home):
    assert "Nothing kept yet" in _diary(run).out


def test_html_summary_is_one_private_page_with_every_word_escaped(run, kept, tmp_path):
    path = tmp_path / "summary.html"
    r = _diary(run, "--export", str(path))
    assert r.code == 0 and "(html, 6 days, 3 red flags)" in r.out
    page = path.read_text(encoding="utf-8")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert "my cheek is red &lt;b&gt;and&lt;/b&gt; hot" in page and "<b>and</b>" not in page
    assert "treated Friday 20 November at 10:00" in page and "pus or cloudy drainage" in page
    assert "2026-11-26 20:00" not in page and "Thu 26 Nov 20:00" in page  # red flags and when
    assert "<svg" in page and "@page" in page
    HTMLParser().feed(page)


def test_text_and_json_exports_say_the_same(run, kept, tmp_path):
    assert _diary(run, "--export", str(tmp_path / "s.txt")).code == 0
    assert (tmp_path / "s.txt").read_text(encoding="utf-8") == _diary(run).out
    assert _diary(run, "--export", str(tmp_path / "s.json")).code == 0
    data = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))
    assert data["protocol"] == "rf" and data["treated"] == "2026-11-20T10:00"
    assert [d["day"] for d in data["days"]] == [1, 2, 3, 4, 5, 6]
    assert [f["at"] for f in data["red_flags"]] == ["2026-11-23T09:01", "2026-11-24T09:00", "2026-11-26T20:00"]
    assert data["trend"] == {"pain": "falling", "temperature_f": ""}
    assert json.loads(_diary(run, "--json").out) == data


def test_pdf_summary_is_one_page(run, kept, tmp_path):
    pytest.importorskip("fpdf")
    path = tmp_path / "summary.pdf"
    assert _diary(run, "--pdf", str(path)).code == 0
    raw = path.read_bytes()
    assert raw.startswith(b"%PDF") and raw.count(b"/Type /Page\n") + raw.count(b"/Type /Page>") <= 1
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_bad_export_paths_are_one_line_and_exit_2(run, kept, tmp_path):
    r = _diary(run, "--export", str(tmp_path / "missing" / "s.html"))
    assert r.code == 2 and "no such folder" in r.err and not (tmp_path / "missing").exists()
    r = _diary(run, "--export", str(tmp_path / "s.doc"))
    assert r.code == 2 and "--format" in r.err and len(r.err.splitlines()) == 1


BAD_LINES = ['{"at": "monday", "kind": "checkin", "said": "x"}', '{"at": "2026-11-22T09:00", "kind": "checkin", '
             '"said": "x", "pain": "4"}', '{"at": "2026-11-22T09:00", "kind": "checkin", "said": "x", "pain": 99}',
             '{"at": "2026-11-22T09:00", "kind": "checkin", "said": "x", "temperature_f": "hot"}',
             '{"at": "2026-11-22T09:00", "kind": "checkin", "said": "x", "day": true}',
             '{"at": "2026-11-22T09:00", "kind": "flag", "said": "x", "reasons": [1, 2]}',
             '{"at": "2026-11-22T09:00", "kind": "checkin", "said": ["x"]}', "[" * 50_000, '"a string"', "\xff\xfe"]


def test_lines_of_the_wrong_type_are_skipped_and_the_rest_shown(run, kept, home):
    with open(home / "diary.jsonl", "a", encoding="utf-8", errors="surrogateescape") as f:
        f.write("\n".join(BAD_LINES) + "\n")
    assert len(diary.entries(kept)) == len(DAYS)
    r = _diary(run)
    assert r.code == 0 and "pus" in r.out


@pytest.mark.parametrize("kind", ["fifo", "folder", "/dev/zero"])
def test_a_diary_that_is_no_file_never_hangs(run, home, kind):
    import os
    home.mkdir(parents=True, exist_ok=True)
    target = home / "diary.jsonl"
    {"fifo": lambda: os.mkfifo(target), "folder": target.mkdir, "/dev/zero": lambda: target.symlink_to("/dev/zero")}[
        kind]()
    assert diary.entries({"AFTERCARE_HOME": str(home)}) == []
    assert _diary(run).code == 0
