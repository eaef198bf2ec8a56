"""The attack suite: hostile input at every door, run as the real program in a child process.

Each attack passes when the program answers or refuses in one line (exit 0, or 2 with one line on
standard error), never prints a traceback, finishes within 5 seconds, loses no byte that was on
disk and writes nothing outside its target. `make bench` counts the attacks run and passed.
"""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from attack.hostile import HANG, Result

ROOT = Path(__file__).resolve().parents[2]


def pytest_collection_modifyitems(items):
    for item in items:
        if "/attack/" in str(item.fspath):
            item.add_marker(pytest.mark.slow)  # each attack starts the program: about a quarter second


@pytest.fixture(scope="session")
def shared_cache(tmp_path_factory):
    """One compiled-data cache for the whole suite, so each child starts as an installed one does."""
    return tmp_path_factory.mktemp("attack-cache")


@pytest.fixture
def home(tmp_path):
    folder = tmp_path / "home"
    folder.mkdir()
    return folder


@pytest.fixture
def aftercare(home, shared_cache):
    """Run `python -m assistant ARGS` in a child with its own HOME; a run past 5 s fails as a hang."""
    def run(*args, stdin: bytes | str = b"", env: dict | None = None, cwd: Path | None = None,
            timeout: float = HANG) -> Result:
        environ = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(home), "PYTHONPATH": str(ROOT),
                   "LANG": "C.UTF-8", "XDG_CACHE_HOME": str(shared_cache), **(env or {})}
        data = stdin.encode() if isinstance(stdin, str) else stdin
        t0 = time.monotonic()
        try:
            p = subprocess.run([sys.executable, "-m", "assistant", *args], input=data, capture_output=True,
                               env=environ, cwd=cwd or home, timeout=timeout)
        except subprocess.TimeoutExpired:
            pytest.fail(f"hang: aftercare {' '.join(a[:40] for a in args)} ran past {timeout} s")
        return Result(p.returncode, p.stdout.decode(errors="replace"), p.stderr.decode(errors="replace"),
                      time.monotonic() - t0)
    return run
