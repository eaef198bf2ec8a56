"""The real program in a real terminal: tmux types into `aftercare chat` and reads the screen."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

EXE = Path(sys.executable).with_name("aftercare")
pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


def _screen(name: str) -> str:
    return subprocess.run(["tmux", "capture-pane", "-t", name, "-p"], capture_output=True, text=True).stdout


def _wait_for(name: str, needle: str, timeout: float = 15.0) -> str:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        screen = _screen(name)
        if needle in screen:
            return screen
        time.sleep(0.2)
    raise AssertionError(f"{needle!r} never appeared:\n{_screen(name)}")


def test_chat_in_tmux(tmp_path):
    name = f"aftercare-{os.getpid()}"
    env = f"AFTERCARE_HOME={tmp_path} XDG_CACHE_HOME={tmp_path}/cache TERM=xterm-256color"
    cmd = f"env {env} {EXE} chat --protocol alexander --treated 2026-11-20T10:00 --now 2026-11-21T16:00"
    subprocess.run(["tmux", "new-session", "-d", "-s", name, "-x", "100", "-y", "30", cmd], check=True)
    subprocess.run(["tmux", "set-option", "-t", name, "remain-on-exit", "on"], check=True)
    try:
        screen = _wait_for(name, "(250) 477-2343")  # the toolbar, drawn after the prompt: wait for it, not "you>"
        assert "day 1 after treatment" in screen and "you>" in screen
        subprocess.run(["tmux", "send-keys", "-t", name, "can I wear makeup?", "Enter"], check=True)
        screen = _wait_for(name, "No makeup for 24")
        assert "Yes, since Saturday 21 November at 10:00" in screen
        subprocess.run(["tmux", "send-keys", "-t", name, "I can't breathe", "Enter"], check=True)
        assert "EMERGENCY" in _wait_for(name, "Call 911 now")
        subprocess.run(["tmux", "send-keys", "-t", name, "quit", "Enter"], check=True)
        _wait_for(name, "Take care.")
    finally:
        subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True)
