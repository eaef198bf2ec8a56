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
from prompt_toolkit.history import FileHistory
h = FileHistory(sys.argv[1] + "/history")
n = 0
while True:
    n += 1
    h.store_string(f"question {n} " + "y" * (n % 3000))
""",
}


def _kill_mid_write(kind: str, folder: Path, delay: float) -> None:
    proc = subprocess.Popen([sys.executable, "-c", WRITERS[kind], str(folder)], cwd=ROOT,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.wait()


@pytest.mark.parametrize("delay", [0.4, 0.55, 0.7, 0.9])
def test_profile_survives_kill_9(tmp_path, delay):
    from assistant.core import profile
    _kill_mid_write("profile", tmp_path, delay)
    saved = profile.load({"AFTERCARE_HOME": str(tmp_path)})
    assert saved is not None and saved.protocol == "rf" and set(saved.clinic_phone) <= {"x"}
    assert json.loads((tmp_path / "profile.json").read_text())["treated"] == "2026-11-20T10:00"


@pytest.mark.parametrize("delay", [0.5, 0.8])
def test_chat_history_survives_kill_9(tmp_path, delay):
    from prompt_toolkit.history import FileHistory
    _kill_mid_write("history", tmp_path, delay)
    entries = list(FileHistory(str(tmp_path / "history")).load_history_strings())
    assert entries, "nothing was kept"
    numbers = sorted(int(e.split()[1]) for e in entries if e.startswith("question ") and len(e.split()) > 1
                     and e.split()[1].isdigit())
    assert numbers[:len(numbers) - 1] == list(range(1, len(numbers)))  # every complete entry is there
