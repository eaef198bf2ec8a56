"""`aftercare ask` as docs/json.md describes it: arguments, JSON, exit status, stdin mode, bad input."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from assistant.interfaces.cli import build_parser


def _json(r):
    assert r.code == 0, r.err
    return json.loads(r.out)


def test_contract_fields_and_example(run):
    out = _json(run("ask", "can I wear makeup tomorrow?", "--protocol", "alexander",
                    "--treated", "2026-11-20T10:00", "--now", "2026-11-21T16:00", "--json"))
    assert set(out) == {"question", "protocol", "elapsed_hours", "phase", "triage", "answers", "text",
                        "reasons", "confirm"}  # the last two: later additions
    assert out["reasons"] == [] and out["confirm"] is None
    assert out["elapsed_hours"] == 30.0 and out["triage"] == "none"
    (a,) = out["answers"]
    assert a["topic"] == "makeup" and a["covered"] and a["allowed"] is True
    assert a["allowed_from"] == "2026-11-21T10:00:00"
    assert a["sources"][0] == {"document": "000_d8d7b222d24b091f.txt", "line": 17, "quote":
                               "It is recommended that makeup or sunscreen should not be applied for 24 hours",
                               "title": "Dr. Alexander's aftercare sheet"}  # the title: an addition


def test_not_yet_names_the_time_in_words(run):
    out = _json(run("ask", "makeup?", "--treated", "2026-11-20T10:00", "--now", "2026-11-20T20:00", "--json"))
    assert "Saturday 21 November at 10:00" in out["text"] and "in about 14 hours" in out["text"]
    assert out["answers"][0]["allowed"] is False


def test_unknown_time_states_the_rule_and_allowed_is_null(run):
    out = _json(run("ask", "can I go swimming?", "--json"))
    assert out["elapsed_hours"] is None and out["answers"][0]["allowed"] is None
    assert "48 hours" in out["text"]


def test_uncovered_topic_names_the_clinics_number_not_another_rule(run):
    out = _json(run("ask", "can I take advil?", "--protocol", "alexander", "--json"))
    (a,) = out["answers"]
    assert a["covered"] is False and a["allowed"] is None and a["sources"] == []
    assert "(250) 477-2343" in a["text"] and "Tylenol" not in a["text"]


def test_several_topics_in_the_order_asked(run):
    out = _json(run("ask", "Advil or Tylenol?", "--protocol", "pre-post", "--treated", "yesterday", "--json"))
    assert [a["topic"] for a in out["answers"]] == ["nsaids", "acetaminophen"]
    assert [a["allowed"] for a in out["answers"]] == [False, True]


def test_a_product_asked_about_before_treatment_is_also_what_to_stop_before_it_said_once(run):
    when = ("--treated", "2026-11-20T10:00", "--now", "2026-11-19T09:00")
    out = _json(run("ask", "can I keep using my retinol?", "--protocol", "pre-post", *when, "--json"))
    assert [(a["topic"], a["allowed"]) for a in out["answers"]] == [("active_skincare", False),
                                                                    ("pre_treatment_skincare", False)]
    assert out["text"].count("For 48 hours before your appointment") == 1  # the same line, said once
    after = _json(run("ask", "can I keep using my retinol?", "--protocol", "pre-post", "--treated",
                      "2026-11-20T10:00", "--now", "2026-11-21T09:00", "--json"))
    assert [a["topic"] for a in after["answers"]] == ["active_skincare"]  # after it, only the product


def test_two_rules_of_a_topic_in_the_same_words_are_said_once(run):
    """Alexander's "use only the samples" is one rule for using them and one against one's own products."""
    when = ("--treated", "2026-11-20T10:00", "--now", "2026-11-21T16:00")
    out = _json(run("ask", "can I go back to my normal products?", "--protocol", "alexander", *when, "--json"))
    assert [(a["topic"], a["allowed"]) for a in out["answers"]] == [("skincare_routine", False)]
    assert out["text"].count("use only the sample skin care products") == 1


def test_elapsed_time_stated_in_the_question(run):
    out = _json(run("ask", "I had it 4 days ago, is the steam room ok", "--json"))
    assert out["elapsed_hours"] == 96.0 and out["answers"][0]["allowed"] is True


def test_emergency_line_leads_and_nothing_delays_it(run):
    r = run("ask", "can I wear makeup? also I can't breathe", "--treated", "yesterday")
    assert r.out.splitlines()[0].endswith("Call 911 now: trouble breathing. Trouble breathing after a treatment can "
                                          "be a severe allergic reaction.")
    assert len(r.out.strip().splitlines()) == 1


def test_out_of_scope_is_answered_with_exit_0(run):
    out = _json(run("ask", "what's the weather tomorrow?", "--json"))
    assert out["answers"] == [] and "(250) 477-2343" in out["text"]


@pytest.mark.parametrize("argv,needle", [
    (["--protocol", "nope"], "unknown protocol 'nope'"),
    (["--treated", "the other day"], "couldn't read 'the other day' as a date"),
    (["--now", "31/31/2026"], "--now:"),
])
def test_usage_errors_are_one_line_on_stderr_and_exit_2(run, argv, needle):
    r = run("ask", "makeup?", *argv, "--json")
    assert r.code == 2 and r.out == "" and needle in r.err and len(r.err.strip().splitlines()) == 1


def test_stdin_mode_answers_every_line_in_order_including_blank_ones(run):
    r = run("ask", "-", "--json", "--treated", "2026-11-20T10:00", stdin="makeup?\n\nsauna\n")
    lines = [json.loads(x) for x in r.out.splitlines()]
    assert [x["question"] for x in lines] == ["makeup?", "", "sauna"]
    assert lines[1]["answers"] == [] and lines[1]["text"]


def test_stdin_survives_invalid_utf8_control_characters_and_emoji(run):
    r = run("ask", "-", "--json", stdin=b"caf\xe9 makeup?\n\x00\x07\x1b[31m\n\xf0\x9f\x98\x80 sauna?\n")
    assert r.code == 0 and len(r.out.splitlines()) == 3
    assert json.loads(r.out.splitlines()[0])["answers"][0]["topic"] == "makeup"


def test_a_megabyte_question_is_answered_from_its_start_and_triaged_whole(run):
    out = _json(run("ask", "makeup? " + "blah " * 200_000, "--json"))
    assert out["answers"][0]["topic"] == "makeup" and "first 2,000 characters" in out["text"]
    assert out["triage"] == "none" and "checked all of it for warning signs" in out["text"]
    late = _json(run("ask", "makeup? " + "blah " * 200_000 + " and now my throat is closing", "--json"))
    assert late["triage"] == "emergency" and late["text"].startswith("Call 911 now")


def test_human_output_has_no_escape_codes_when_piped(run):
    r = run("ask", "there is pus", "--treated", "yesterday")
    assert "\033" not in r.out and r.out.startswith(" CALL YOUR CLINIC NOW  Call your clinic now")


def _commands(parser):
    sub = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    return sub.choices


@pytest.mark.parametrize("name", sorted(_commands(build_parser())))
def test_every_command_has_help_with_an_example(name, capsys):
    from assistant.interfaces import cli
    assert cli.main([name, "--help"]) == 0
    assert "Example:" in capsys.readouterr().out


def test_version(capsys):
    from assistant import __version__
    from assistant.interfaces import cli
    assert cli.main(["--version"]) == 0 and __version__ in capsys.readouterr().out


def test_ctrl_c_exits_130_without_a_traceback(run, monkeypatch):
    from assistant.interfaces import ask as ask_command

    def interrupted(args, env):
        raise KeyboardInterrupt
    monkeypatch.setattr(ask_command, "ask", interrupted)
    r = run("ask", "makeup?")
    assert r.code == 130 and "Traceback" not in r.err


def test_a_future_treatment_date_is_questioned_not_silently_used(run):
    out = _json(run("ask", "can I wear makeup?", "--treated", "2026-11-25T10:00", "--json"))
    assert out["elapsed_hours"] < 0 and "You told me your treatment is on Wednesday 25 November" in out["text"]


def test_json_escapes_c1_and_bidi_controls_and_text_output_shows_them_escaped(run):
    hostile = "makeup?\u009b31m\u202e\x1b[2J"
    r = run("ask", hostile, "--json")
    assert r.code == 0 and "\u009b" not in r.out and "\u202e" not in r.out and "\x1b" not in r.out
    assert json.loads(r.out)["question"] == hostile  # escaped on the wire, the same string when read
    assert "\\u009b" in r.out


def test_a_protocol_that_holds_escape_codes_never_drives_the_terminal(run, tmp_path):
    import shutil
    folder = tmp_path / "clinic"
    shutil.copytree(Path(__file__).resolve().parents[1] / "docs" / "example", folder)
    path = folder / "sunrise.toml"
    path.write_text(path.read_text().replace('clinic = "Sunrise Skin Studio"', 'clinic = "Sunrise\\u001b[2J Studio"'))
    for args in (("protocols", "show", str(path)), ("plan", "--protocol", str(path), "--treated", "2026-11-20T10:00"),
                 ("ask", "can I wear makeup?", "--protocol", str(path), "--treated", "2026-11-20T10:00")):
        r = run(*args)
        assert "\x1b" not in r.out + r.err, args


@pytest.mark.parametrize("argv, collects", [
    (["ask", "can I swim?"], False), (["ask", "--json", "scabs"], False),
    (["ask", "-"], True), (["chat"], True), (["desk"], True)])
def test_one_question_runs_without_the_cyclic_collector_and_the_long_lived_commands_keep_it(argv, collects, monkeypatch):
    import gc

    import assistant.__main__ as entry
    from assistant.interfaces import cli
    seen = []
    monkeypatch.setattr(sys, "argv", ["aftercare", *argv])
    monkeypatch.setattr(cli, "run", lambda: seen.append(gc.isenabled()))
    try:
        entry.main()
    finally:
        gc.enable()
    assert seen == [collects]
