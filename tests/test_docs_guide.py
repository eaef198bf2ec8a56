"""The protocol guide stays true: its example checks and answers as shown, its commands run."""
from __future__ import annotations

import json
import re
import shlex
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GUIDE = (ROOT / "docs" / "protocols.md").read_text(encoding="utf-8")
EXAMPLE = ROOT / "docs" / "example" / "sunrise.toml"
SHEET = ROOT / "docs" / "example" / "sources" / "sunrise-aftercare.txt"
TREATED = "2026-11-20T10:00"  # a Friday morning


def _blocks(text: str) -> list[tuple[str, str, str]]:
    """Return (language, body, text before the block since the previous one) for each fence."""
    out, last = [], 0
    for m in re.finditer(r"^```(\w*)\n(.*?)^```[ \t]*$", text, flags=re.S | re.M):
        out.append((m[1], m[2], text[last:m.start()]))
        last = m.end()
    return out


BLOCKS = _blocks(GUIDE)


def _commands() -> list[str]:
    return [line for lang, body, _ in BLOCKS if lang == "sh"
            for line in body.splitlines() if line.startswith("aftercare ")]


def _id(n: int, line: str) -> str:
    return f"{n + 1}:{line[len('aftercare '):][:50]}"


def _shown_outputs() -> list[tuple[list[str], str]]:
    """Pair each ```sh block with the ```text block that follows it directly, if any."""
    pairs = []
    for (lang, body, _), (next_lang, next_body, gap) in zip(BLOCKS, BLOCKS[1:]):
        if lang == "sh" and next_lang == "text" and not gap.strip():
            pairs.append(([ln for ln in body.splitlines() if ln.startswith("aftercare ")], next_body))
    return pairs


def _ask(run, question, *, treated=TREATED, now):
    r = run("ask", question, "--protocol", str(EXAMPLE), "--treated", treated, "--now", now, "--json")
    assert r.code == 0, r.err
    return json.loads(r.out)


def test_example_protocol_passes_check(run):
    r = run("protocols", "check", str(EXAMPLE))
    assert r.code == 0, r.err
    assert "OK — sunrise (Sunrise Skin Studio): 15 rules on 15 topics" in r.out
    assert "18 quotes verified against Sunrise Skin Studio's aftercare sheet (sunrise-aftercare.txt)" in r.out


@pytest.mark.parametrize("now, allowed, lead", [
    ("2026-11-21T09:00", False, "Not yet: wait until Saturday 21 November at 10:00"),  # 23 h
    ("2026-11-21T11:00", True, "Yes, since Saturday 21 November at 10:00"),  # 25 h
])
def test_makeup_turns_at_24_hours_citing_line_6(run, now, allowed, lead):
    (answer,) = _ask(run, "can I wear makeup?", now=now)["answers"]
    quote = "Do not wear makeup for 24 hours after your treatment."
    assert (answer["topic"], answer["allowed"]) == ("makeup", allowed)
    assert answer["allowed_from"] == "2026-11-21T10:00:00"
    assert answer["text"].startswith(lead)
    assert answer["sources"] == [{"document": "sunrise-aftercare.txt", "line": 6, "quote": quote,
                                  "title": "Sunrise Skin Studio's aftercare sheet"}]
    assert quote in SHEET.read_text(encoding="utf-8").splitlines()[5]


@pytest.mark.parametrize("question, treated, now, topic, allowed", [
    ("can I go to the gym?", TREATED, "2026-11-22T09:00", "exercise", False),  # 47 h
    ("can I go to the gym?", TREATED, "2026-11-22T11:00", "exercise", True),  # 49 h
    ("can I wash my face?", "2026-11-20T23:00", "2026-11-20T23:50", "washing", False),
    ("can I wash my face?", "2026-11-20T23:00", "2026-11-21T00:30", "washing", True),  # day 1
    ("can I go in the sun?", TREATED, "2026-11-26T09:00", "sun_exposure", False),
    ("can I go in the sun?", TREATED, "2026-11-27T11:00", "sun_exposure", True),
    ("can I use retinol?", TREATED, "2026-11-16T09:00", "active_skincare", True),  # before -72h
    ("can I use retinol?", TREATED, "2026-11-18T12:00", "active_skincare", False),
    ("can I use retinol?", TREATED, "2026-11-21T10:00", "active_skincare", False),  # not healed
    ("can I use retinol?", TREATED, "2026-11-25T10:00", "active_skincare", None),  # depends
])
def test_example_answers_follow_the_sheet(run, question, treated, now, topic, allowed):
    answer, *also = _ask(run, question, treated=treated, now=now)["answers"]
    assert (answer["topic"], answer["covered"], answer["allowed"]) == (topic, True, allowed)
    # before treatment a product is also what to stop before it, and says the same
    assert [(a["topic"], a["allowed"]) for a in also] == ([("pre_treatment_skincare", allowed)] if now < treated else [])


@pytest.mark.parametrize("question, level", [("I have a fever of 101", "urgent"),
                                             ("I have a fever of 100.6", "routine")])
def test_example_fever_threshold_is_101(run, question, level):
    assert _ask(run, question, now="2026-11-21T11:00")["triage"] == level


def test_guide_shows_the_sheet_line_for_line():
    listing = next(body for lang, body, before in BLOCKS if "With line numbers" in before)
    sheet = SHEET.read_text(encoding="utf-8").splitlines()
    assert listing.splitlines() == [f"{n:>2}  {ln}".rstrip() for n, ln in enumerate(sheet, 1)]


@pytest.mark.parametrize("line", _commands(), ids=[_id(n, c) for n, c in enumerate(_commands())])
def test_guide_command_runs(run, monkeypatch, line):
    monkeypatch.chdir(ROOT)
    expected = 2 if re.search(r"#\s*exits 2\s*$", line) else 0
    r = run(*shlex.split(line, comments=True)[1:])
    assert r.code == expected, r.err or r.out


def test_guide_has_commands_and_a_failing_one():
    lines = _commands()
    assert len(lines) >= 10 and any(ln.endswith("# exits 2") for ln in lines)


@pytest.mark.parametrize("lines, shown", _shown_outputs(),
                         ids=[_id(n, p[0][0]) for n, p in enumerate(_shown_outputs())])
def test_guide_output_is_what_the_command_prints(run, monkeypatch, lines, shown):
    """A shown output matches exactly; where it has "…" lines, each part appears in order."""
    monkeypatch.chdir(ROOT)
    printed = []
    for line in lines:
        r = run(*shlex.split(line, comments=True)[1:])
        printed += (r.out + r.err).splitlines()
    printed = [ln.rstrip() for ln in printed]
    want = [ln.rstrip() for ln in shown.splitlines()]
    if "…" not in want:
        assert printed == want
        return
    at = 0
    for part in "\n".join(want).split("\n…\n"):
        chunk = part.strip("\n").split("\n")
        while at + len(chunk) <= len(printed) and printed[at:at + len(chunk)] != chunk:
            at += 1
        assert printed[at:at + len(chunk)] == chunk, (chunk, printed)
        at += len(chunk)


MISTAKES = [  # (what the guide says was changed, the text in sunrise.toml, what it became)
    ("unknown topic", 'topic = "makeup"', 'topic = "make_up"'),
    ("quote not on its line", 'line = 6, quote = "Do not wear', 'line = 7, quote = "Do not wear'),
    ("window ends before it starts", 'to = "+24h"', 'to = "-24h"'),
    ("missing source", 'source = [{ line = 8, quote = "Avoid sun exposure for 7 days" }]\n', ""),
    ("missing document", '"sunrise-aftercare.txt"]\ntitles = { "sunrise-aftercare.txt"',
     '"sunrise-aftercare.pdf"]\ntitles = { "sunrise-aftercare.pdf"'),
    ("missing title", 'titles = { "sunrise-aftercare.txt" = "Sunrise Skin Studio\'s aftercare sheet" }\n', ""),
    ("phone as a number", 'phone = "(555) 010-2030"', "phone = 5550102030"),
    ("line as a string", "line = 6, quote", 'line = "6", quote'),
    ("misspelt key", 'to = "+24h"', 'tot = "+24h"'),
]


@pytest.mark.parametrize("name, old, new", MISTAKES, ids=[m[0] for m in MISTAKES])
def test_guide_shows_what_check_says_for_each_mistake(run, tmp_path, name, old, new):
    text = EXAMPLE.read_text(encoding="utf-8")
    assert text.count(old) == 1, name
    broken = tmp_path / "sunrise.toml"
    broken.write_text(text.replace(old, new), encoding="utf-8")
    shutil.copytree(SHEET.parent, tmp_path / "sources")
    r = run("protocols", "check", str(broken))
    assert r.code == 2 and r.out == ""
    said = r.err.replace(str(broken), "sunrise.toml")
    assert said.count("\n") == 2, said  # one problem, then the count
    assert f"```text\n{said}```" in GUIDE, said


def test_a_second_condition_works_end_to_end(run):
    """Conditions other than "healed": their own words in ask, their own line in plan."""
    early = _ask(run, "can I shave?", now="2026-11-22T10:00")["answers"][0]
    later = _ask(run, "can I shave?", now="2026-11-26T10:00")["answers"][0]
    assert early["allowed"] is False and early["allowed_from"] is None
    assert early["text"].startswith("Not yet: only once every scab has fallen off (no scab is left")
    assert later["allowed"] is None and later["text"].startswith("That depends: yes once every scab has fallen off")
    plan = run("plan", "--protocol", str(EXAMPLE), "--treated", TREATED).out
    assert "Once every scab has fallen off (no scab is left on the treated area, and none was picked off), " \
           "no fixed date: shaving" in plan
    assert "shaving" not in plan.split("Once")[0]
