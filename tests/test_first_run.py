"""`make chat` on a fresh copy, in a real terminal: one line per setup step, and all of it up to the first prompt on one screen."""
from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ROWS, COLUMNS = 24, 80  # the smallest terminal a newcomer is likely to have
FIRST_PROMPT = "Number, id, or path of your clinic's protocol file:"
STEPS = ["setting up .venv, first run only (the log is .venv/setup.log):",
         "  1/3 a virtual environment", "  2/3 Python packages", "  3/3 compiled bytecode"]


def _fresh_copy(to: Path) -> Path:
    """Copy the files git tracks, as a clone has them, without this checkout's .venv or caches."""
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, check=True, capture_output=True).stdout
    for name in filter(None, listed.decode().split("\0")):
        if (ROOT / name).is_file():
            (to / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, to / name)
    return to


def _rows(session: str) -> list[str]:
    """Return every row the terminal has shown, scrolled-off ones too, as wrapped on the screen."""
    shown = subprocess.run(["tmux", "capture-pane", "-t", session, "-p", "-S", "-"],
                           capture_output=True, text=True).stdout
    return shown.rstrip("\n").splitlines()


@pytest.mark.slow
@pytest.mark.skipif(not all(map(shutil.which, ("make", "git", "tmux"))), reason="needs make, git and tmux")
def test_make_chat_on_a_fresh_copy_fits_one_screen_up_to_the_first_prompt(tmp_path):
    clone = _fresh_copy(tmp_path / "clone")
    env = " ".join(f"{k}={shlex.quote(v)}" for k, v in {
        "HOME": str(tmp_path / "home"), "XDG_CACHE_HOME": str(tmp_path / "cache"), "TERM": "xterm-256color"}.items())
    command = f"env -u PYTHONPATH -u AFTERCARE_HOME -u MAKEFLAGS -u MAKELEVEL -u MFLAGS {env} make chat"
    session = f"first-run-{os.getpid()}"
    subprocess.run(["tmux", "new-session", "-d", "-s", session, "-x", str(COLUMNS), "-y", str(ROWS),
                    "-c", str(clone), command], check=True)
    subprocess.run(["tmux", "set-option", "-t", session, "remain-on-exit", "on"], check=True)
    try:
        end = time.monotonic() + 1200  # pip may fetch every package on a machine without a cache
        while FIRST_PROMPT not in "\n".join(_rows(session)) and time.monotonic() < end:
            time.sleep(0.5)
        rows = _rows(session)
        assert any(FIRST_PROMPT in row for row in rows), "\n".join(rows)
        first = next(i for i, row in enumerate(rows) if FIRST_PROMPT in row)
        shown = rows[:first + 1]
        assert len(shown) <= ROWS, "\n".join(shown)
        assert [row.rstrip() for row in shown[:4]] == STEPS, "\n".join(shown)
        assert all(len(row.rstrip()) < COLUMNS for row in shown[:-1]), "a line runs past the screen's edge"
        assert not any(w in row.lower() for row in shown for w in ("deprecat", "warning", "traceback", "make:"))
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
