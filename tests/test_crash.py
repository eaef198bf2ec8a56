"""kill -9 in the middle of every kind of write leaves every file readable and loses nothing written."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

WRITERS = {
    "profile": """
import sys
from assistant.core import profile
env = {"AFTERCARE_HOME": sys.argv[1]}
n = 0
while True:
    n += 1
    profile.save(profile.Profile("rf", "2026-11-20T10:00", clinic_phone="x" * (n % 5000)), env)
""",
    "history": """
import sys
from datetime import datetime
from assistant.core import history
n = 0
while True:
    n += 1
    history.add(sys.argv[1] + "/history", f"question {n} " + "y" * (n % 1900), datetime(2026, 11, 21, 16, 0))
""",
}


def _kill_mid_write(kind: str, folder: Path, delay: float) -> None:
    """Start a writer, let it write for `delay` seconds once its first file is there, then kill -9 it."""
    proc = subprocess.Popen([sys.executable, "-c", WRITERS[kind], str(folder)], cwd=ROOT,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    deadline = time.monotonic() + 30  # start-up is slow on a loaded machine: wait for the writing, not a guess
    target = folder / ("profile.json" if kind == "profile" else "history")
    while not target.exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.wait()


@pytest.mark.parametrize("delay", [0.05, 0.2, 0.35, 0.5])
def test_profile_survives_kill_9(tmp_path, delay):
    from assistant.core import profile
    _kill_mid_write("profile", tmp_path, delay)
    saved = profile.load({"AFTERCARE_HOME": str(tmp_path)})
    assert saved is not None and saved.protocol == "rf" and set(saved.clinic_phone or "") <= {"x"}
    assert json.loads((tmp_path / "profile.json").read_text())["treated"] == "2026-11-20T10:00"


@pytest.mark.parametrize("delay", [0.1, 0.4])
def test_chat_history_survives_kill_9(tmp_path, delay):
    from datetime import datetime

    from assistant.core import history
    _kill_mid_write("history", tmp_path, delay)
    kept = history.read(str(tmp_path / "history"), datetime(2026, 11, 21, 16, 0))
    assert kept.entries, "nothing was kept"
    numbers = [int(text.split()[1]) for _, text in kept.entries]
    assert numbers == list(range(1, len(numbers) + 1))  # every complete entry is there, in order
    # the questions stay under history.MAX_TEXT (2000), which cuts any longer one: a fast machine wrote past
    # 1,990 entries in 0.4 s, and "question 1995 yyy…" came back cut, which is no loss to a kill
    assert len(f"question {len(numbers)} ") + 1900 <= history.MAX_TEXT
    assert all(text == f"question {n} " + "y" * (n % 1900) for n, (_, text) in zip(numbers, kept.entries))


def test_the_program_leaves_without_teardown_yet_says_everything_and_keeps_its_status(tmp_path):
    """`python -m assistant` ends with os._exit after main(): nothing printed may be lost, to a file or a pipe."""
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path), "XDG_STATE_HOME": str(tmp_path)}
    out = tmp_path / "out.json"
    with open(out, "w") as f:  # a file: block-buffered, so only the flush before leaving writes it
        done = subprocess.run([sys.executable, "-m", "assistant", "ask", "can I swim tomorrow", "--json"], cwd=ROOT,
                              env=env, stdout=f, stderr=subprocess.PIPE, text=True, timeout=60)
    assert done.returncode == 0 and done.stderr == ""
    assert json.loads(out.read_text())["answers"][0]["topic"] == "swimming"
    bad = subprocess.run([sys.executable, "-m", "assistant", "ask", "x", "--now", "soon"], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2 and bad.stdout == "" and bad.stderr.count("\n") == 1
