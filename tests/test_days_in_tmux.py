"""Seven days of recovery in a real terminal: tmux opens the chat once a day with --now, answers the
check-in, reads what the phase machine announces, and reads the bottom line at 40, 80 and 120 columns."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
pytestmark = [pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"), pytest.mark.slow]

# (day, its check-in answer, what the chat says back, what it announces; None: nothing new that day)
DAYS = [
    (1, "all good", "noted for day 1", "Since Saturday 21 November at 10:00 you may again: makeup, sunscreen."),
    (2, "nope", "noted for day 2", "Since Sunday 22 November at 10:00 you may again: swimming."),
    (3, "37.2", "99 °F, not a fever", "Since Monday 23 November at 10:00 you may again: moisturizer, exercise"),
    (4, "6/10", "pain 6 out of 10", None),
    (5, "yes a little", "Tell me a little more", None),
    (6, "fine thanks", "noted for day 6", None),
    (7, "pain 2", "pain 2 out of 10, down from 6", None),
]
WIDTHS = (40, 80, 120)


class Tmux:
    """One private tmux server (its own socket), so nothing here meets another test's sessions."""

    def __init__(self, name: str):
        self.name = name

    def __call__(self, *args: str, check: bool = True) -> str:
        done = subprocess.run(["tmux", "-L", self.name, *args], capture_output=True, text=True, check=check)
        return done.stdout

    def screen(self) -> str:
        return self("capture-pane", "-t", self.name, "-p", check=False)

    def wait_for(self, needle: str, timeout: float = 20.0) -> str:
        """Wait until the words appear, wherever the screen wrapped them; return the screen's words."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            words = " ".join(self.screen().split())
            if needle in words:
                return words
            time.sleep(0.2)
        raise AssertionError(f"{needle!r} never appeared:\n{self.screen()}")

    def type(self, text: str) -> None:
        self("send-keys", "-t", self.name, text, "Enter")

    def toolbar(self, timeout: float = 10.0) -> str:
        """Return the bottom line once it is drawn (the prompt may show a moment before it)."""
        end = time.monotonic() + timeout
        while True:
            last = ([line for line in self.screen().splitlines() if line.strip()] or [""])[-1]
            if "911" in last or time.monotonic() > end:
                return last
            time.sleep(0.2)


def _toolbar_ok(line: str, width: int, day: int) -> None:
    assert len(line.rstrip()) <= width, line
    assert "911" in line and "(250) 477-2343" in line, line
    assert line.index("(250) 477-2343") < line.index("911"), line
    if width >= 80:
        assert f"day {day}" in line and "Dr. Alexander" in line, line
    if width >= 120:
        assert f"Dr. Alexander's office · day {day} after treatment · clinic (250) 477-2343 · emergency 911" in line


def test_seven_days_of_chat(tmp_path):
    env = {**os.environ, "AFTERCARE_HOME": str(tmp_path / "home"), "XDG_CACHE_HOME": str(tmp_path / "cache"),
           "PYTHONPATH": str(ROOT), "TERM": "xterm-256color"}
    base = [sys.executable, "-m", "assistant"]
    subprocess.run(base + ["setup", "--protocol", "alexander", "--treated", "2026-11-20T10:00"], env=env, check=True,
                   capture_output=True)
    tmux = Tmux(f"aftercare-days-{os.getpid()}")
    exports = " ".join(f"{k}={env[k]}" for k in ("AFTERCARE_HOME", "XDG_CACHE_HOME", "PYTHONPATH", "TERM"))
    # A session that outlives each day's: killing a server's last session stops it, and a new session
    # asked for while it was still stopping failed now and then on a busy machine.
    tmux("new-session", "-d", "-s", "keep", "sleep 600")
    try:
        for day, answer, said_back, news in DAYS:
            width = WIDTHS[(day - 1) % 3]
            now = f"2026-11-{20 + day}T11:00"
            tmux("new-session", "-d", "-s", tmux.name, "-x", str(width), "-y", "40",
                 f"env {exports} {sys.executable} -m assistant chat --now {now}")
            tmux("set-option", "-t", tmux.name, "remain-on-exit", "on")
            flat = tmux.wait_for("you>")
            assert f"Quick check-in for day {day}:" in flat
            if news:
                assert news in flat, flat
            else:
                assert "you may again" not in flat, flat
            _toolbar_ok(tmux.toolbar(), width, day)
            tmux.type(answer)
            tmux.wait_for(said_back)
            if day == 5:
                tmux.type("the skin is a bit dry and flaky")
                tmux.wait_for("normal")
            if day == 1:  # the same session, resized: the bottom line refits each time
                for w in (120, 80, 40):
                    tmux("resize-window", "-t", tmux.name, "-x", str(w))
                    time.sleep(0.6)
                    _toolbar_ok(tmux.toolbar(), w, day)
            tmux.type("quit")
            tmux.wait_for("Take care.")
            tmux("kill-session", "-t", tmux.name)
    finally:
        tmux("kill-server", check=False)
    kept = subprocess.run(base + ["diary", "--json", "--now", "2026-11-27T12:00"], env=env, capture_output=True,
                          text=True, check=True).stdout
    import json
    days = json.loads(kept)["days"]
    assert [d["day"] for d in days] == [1, 2, 3, 4, 5, 6, 7]
    assert [d["pain"] for d in days] == [None, None, None, 6, None, None, 2]
    assert days[2]["temperature_f"] == 99.0 and days[4]["check_in"] == ["yes, something", "the skin is a bit dry and flaky"]
