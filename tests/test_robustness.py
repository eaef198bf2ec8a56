"""Whatever arrives — any Unicode, control characters, right-to-left text, emoji, a megabyte, bytes
that are not UTF-8 — every door answers or refuses in one line, never with a traceback, in bounded time."""
from __future__ import annotations

import json
import socket
import stat
import time

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from assistant.clinic.checker import parse
from assistant.clinic.protocol import ProtocolError

texts = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x1F), max_size=50),  # control characters
    st.text(alphabet="\u05d0\u05d1\u0627\u0644\u200f\u202e\u202d abc", max_size=80),  # right-to-left
    st.text(alphabet="😀🔥💉🧴☀️ makeup pus fever 102", max_size=80),
    st.builds(lambda c, n: c * n, st.sampled_from(["?", "!", ".", "pus", "a"]), st.integers(1, 5000)),
)
FAST = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@FAST
@given(q=texts)
def test_ask_json_always_answers(run, q):
    assume(q != "-")  # the contract's "read questions from standard input", tested on its own
    t0 = time.perf_counter()
    r = run("ask", "--json", "--treated", "2026-11-20T10:00", "--", q)  # "--": q may start with "-"
    assert time.perf_counter() - t0 < 2.0
    assert r.code == 0 and r.err == "", r.err
    out = json.loads(r.out)
    assert out["triage"] in ("none", "routine", "urgent", "emergency") and out["text"]


@FAST
@given(data=st.binary(max_size=2000))
def test_ask_stdin_takes_any_bytes(run, data):
    r = run("ask", "-", "--json", stdin=data)
    assert r.code == 0 and "Traceback" not in r.err
    lines = r.out.splitlines()
    expected = data.count(b"\n") + (0 if not data or data.endswith(b"\n") else 1)
    assert len(lines) == expected or (expected == 0 and lines == [])
    assert all("triage" in json.loads(line) for line in lines)


@FAST
@given(lines=st.lists(texts, max_size=5))
def test_piped_chat_and_desk_take_anything(run, lines):
    feed = "\n".join(s.replace("\n", " ") for s in lines) + "\n"
    for cmd in (["chat", "--protocol", "rf"], ["desk", "--now", "2026-11-22T10:00"]):
        r = run(*cmd, stdin=feed)
        assert r.code in (0, 2) and "Traceback" not in r.out + r.err


@FAST
@given(body=st.one_of(st.binary(max_size=400), st.text(max_size=400)))
def test_protocol_loading_refuses_garbage_in_one_line_each(tmp_path_factory, body):
    path = tmp_path_factory.mktemp("p") / "x.toml"
    path.write_bytes(body if isinstance(body, bytes) else body.encode("utf-8", "surrogatepass"))
    with pytest.raises(ProtocolError) as err:
        parse(path)
    assert all(line.startswith(str(path)) and "\n" not in line for line in err.value.problems)


def test_a_megabyte_costs_no_more_than_the_cap(run):
    t0 = time.perf_counter()
    r = run("ask", "pus " * 250_000, "--json")
    assert time.perf_counter() - t0 < 2.0 and json.loads(r.out)["triage"] == "urgent"


COMMANDS = [
    ("ask", "can I take advil?", "--json"), ("ask", "-", "--json"), ("protocols", "list"),
    ("protocols", "show", "rf"), ("protocols", "show", "rf", "--diagram"), ("protocols", "diff", "alexander", "rf"),
    ("setup", "--protocol", "rf", "--treated", "yesterday 3pm"), ("plan", "--treated", "yesterday"),
    ("today", "--treated", "yesterday"), ("chat", "--protocol", "rf"), ("desk",), ("desk", "--log"),
]


@pytest.mark.parametrize("argv", COMMANDS, ids=[" ".join(c[:2]) for c in COMMANDS])
def test_no_command_opens_a_network_connection(run, monkeypatch, argv, tmp_path):
    class Refused(socket.socket):  # a class, so modules that subclass socket still import
        def __init__(self, *args, **kwargs):
            raise AssertionError("a network connection was attempted")

    def refuse(*args, **kwargs):
        raise AssertionError("a network connection was attempted")
    monkeypatch.setattr(socket, "socket", Refused)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setenv("TMPDIR", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    r = run(*argv, stdin="makeup?\nthere is pus\n")
    assert r.code == 0, r.err
    assert list((tmp_path / "tmp").iterdir()) == []  # nothing health-related left in temp folders


def test_health_files_are_owner_only(run, home):
    run("setup", "--protocol", "rf", "--treated", "yesterday 3pm")
    run("desk", stdin="ref: A-1\nthere is pus\n/end\n")
    for path in [home, home / "profile.json", home / "calls.db"]:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o700 if path.is_dir() else 0o600), (path, oct(mode))


def test_no_colour_when_asked_or_piped(run):
    r = run("ask", "there is pus")
    assert "\033" not in r.out
    from assistant.dialogue.render import use_colour

    class Tty:
        def isatty(self):
            return True
    assert use_colour(Tty(), {}) and not use_colour(Tty(), {"NO_COLOR": "1"})
