"""Dates and numbers out of range, at every reader: one line and exit 2 on the command line, never a traceback."""
from __future__ import annotations

import json

import pytest

from attack.hostile import NOW

BIG = "9" * 5000
COMMAND_LINE = [
    ["ask", "x", "--treated", "99999999 days ago"], ["ask", "x", "--treated", "9999-12-31"],
    ["ask", "x", "--treated", "0001-01-01"], ["ask", "x", "--now", "nov 99999999999999999999"],
    ["ask", "x", "--now", f"{BIG} days ago"], ["ask", "x", "--treated", f"{BIG} days ago"],
    ["ask", "x", "--now", "9999-12-31T23:59"], ["ask", "x", "--now", "0001-01-01"],
    ["ask", "x", "--treated", "nov 99999999999999999999 10am"], ["ask", "x", "--treated", "2026-11-20T10:00+99:00"],
    ["ask", "x", "--treated", "999999999999 weeks ago"], ["ask", "x", "--treated", "last friday 99:99"],
    ["ask", "x", "--treated", "the 99999999999th of never"], ["ask", "x", "--treated", "\x1b[2J\x7f"],
    ["ask", "x", "--treated", "²³ nov"], ["ask", "x", "--treated", "١٢ days ago"],
    ["plan", "--treated", "99999999 days ago"], ["today", "--treated", "9999999 weeks ago"],
    ["plan", "--treated", "2024-01-01", "--json"], ["chat", "--treated", "9999-12-31"],
    ["setup", "--protocol", "rf", "--treated", "9999-01-01"], ["setup", "--protocol", "rf", "--treated", BIG],
    ["desk", "--now", "99999999999999999999 days ago"], ["listen", "--treated", "9999-12-31"],
    ["prepare", "--protocol", "pre-post", "--appointment", "9999-12-31"],
    ["prepare", "--protocol", "pre-post", "--appointment", "friday 9am", "--took", f"botox {BIG} days ago"],
    ["prepare", "--protocol", "pre-post", "--appointment", "nov 99999999999999999999"],
    ["remind", "--treated", "9999-12-31", "--no-notify"], ["diary", "--treated", "99999999 days ago"],
]


@pytest.mark.parametrize("argv", COMMAND_LINE, ids=lambda a: " ".join(a)[:50])
def test_out_of_range_on_the_command_line(aftercare, argv):
    r = aftercare(*argv).clean()
    assert r.code == 2 or "²³" in " ".join(argv) or "١٢" in " ".join(argv)


MESSAGES = ["day 20261121 can I swim", "I had it done 3000000 days ago, can I swim?", f"{BIG} days ago, swim?",
            "nov 99999999999999999999 can I swim", "in 99999999999 days can I swim", "it was 1e4000000 days ago",
            f"day {BIG} makeup?", f"fever of {BIG}", "fever of 1" + "0" * 400 + " point 5", "99999999999 weeks ago",
            "treated 11/99/99999 sauna?", "I stopped accutane 999999999999 months ago", "in 1.5e308 hours?"]


@pytest.mark.parametrize("question", MESSAGES, ids=lambda q: q[:40])
def test_out_of_range_in_a_message(aftercare, question):
    r = aftercare("ask", question, "--json", "--treated", "2026-11-20T10:00", *NOW).clean(codes=(0,))
    assert json.loads(r.out)["text"]


def test_a_protocol_offset_past_five_years_is_refused_before_plan_or_today(aftercare, home):
    (home / "sheet.txt").write_text("No makeup for 24 hours.\n")
    path = home / "p.toml"
    path.write_text('id = "p"\nclinic = "C"\nemergency = "911"\ndocuments = ["sheet.txt"]\n\n[[rule]]\n'
                    'topic = "makeup"\nverdict = "avoid"\nto = "+99999999d"\ntext = "No makeup."\n'
                    'source = [{ line = 1, quote = "No makeup for 24 hours." }]\n')
    r = aftercare("protocols", "check", str(path))
    assert r.code == 2 and "Traceback" not in r.err and "more than five years" in r.err
    for argv in (["plan"], ["today"], ["ask", "makeup?"]):
        aftercare(*argv, "--protocol", str(path), "--treated", "yesterday").clean()


def test_a_saved_profile_far_in_time_is_one_line(aftercare, home):
    (home / ".config" / "aftercare").mkdir(parents=True)
    (home / ".config" / "aftercare" / "profile.json").write_text('{"protocol": "rf", "treated": "9999-12-31T10:00"}')
    assert aftercare("ask", "makeup?").clean().code == 2
