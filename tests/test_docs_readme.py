"""The README's commands run as shown, and every command of the program is in the README."""
from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from assistant.interfaces.cli import COMMANDS

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands(text: str) -> list[str]:
    blocks = re.findall(r"```sh\n(.*?)```", text, flags=re.S)
    return [line.split(" #")[0].strip() for block in blocks for line in block.splitlines()
            if line.startswith("aftercare ")]


@pytest.mark.parametrize("line", _commands(README))
def test_readme_command_runs(run, monkeypatch, line):
    monkeypatch.chdir(ROOT)
    r = run(*shlex.split(line)[1:])
    assert r.code == 0, r.err


def test_the_two_setup_commands_come_first():
    first = re.search(r"```sh\n(.*?)```", README, flags=re.S).group(1).split("\n")
    assert first[0].startswith("make chat") and first[1].startswith("make test")


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_in_the_readme(command):
    assert f"aftercare {command}" in README or (command == "chat" and "`aftercare`" in README)
