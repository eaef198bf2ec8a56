"""Errors a person makes at the command line: one plain line, exit 2, and a hint when it is a slip."""
from __future__ import annotations

import io

import pytest

from assistant.interfaces import cli


@pytest.mark.parametrize("argv, words", [
    (["ask", "makeup?", "--protocol", "/nope/clinic.toml"], "/nope/clinic.toml: no such file"),
    (["ask", "makeup?", "--protocol", "alexandr"], "did you mean alexander?"),
    (["today", "--protocol", "pre_post", "--treated", "yesterday"], "did you mean pre-post?"),
    (["pln"], "no command 'pln': did you mean plan?"),
    (["prepar", "--appointment", "friday"], "did you mean prepare?"),
    (["protocols", "shw", "rf"], "did you mean show?"),
    (["diary", "--export", "/nope/dir/summary.html"], "no such folder"),
    (["ask", "makeup?", "--speak-to", "/missing/dir/x.wav"], "--speak-to: cannot write"),
])
def test_one_line_exit_2_and_a_hint(run, argv, words):
    r = run(*argv)
    assert r.code == 2 and words in r.err and len(r.err.strip().splitlines()) == 1 and r.out == ""


def test_a_wild_guess_gets_no_hint(run):
    r = run("ask", "makeup?", "--protocol", "zzz")
    assert r.code == 2 and "did you mean" not in r.err and "use one of alexander" in r.err


def test_setup_says_the_date_back_before_saving(home):
    out = io.StringIO()
    answers = io.StringIO("rf\nyesterday 10am\nn\n")
    answers.isatty = lambda: True
    env = cli.Env(stdin=answers, stdout=out, stderr=out, environ={"AFTERCARE_HOME": str(home)},
                  clock=lambda: __import__("datetime").datetime(2026, 11, 21, 16, 0))
    assert cli.main(["setup"], env) == 2
    assert "I took “yesterday 10am” as Friday 20 November at 10:00. Is that right? [Y/n]" in out.getvalue()
    assert not (home / "profile.json").exists()
