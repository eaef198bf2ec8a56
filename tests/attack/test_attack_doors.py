"""The other doors of the issue: the desk's call log and a recording to recognise, as no regular file."""
from __future__ import annotations

import os

import pytest


@pytest.mark.parametrize("kind", ["fifo", "folder", "/dev/zero"])
def test_desk_log_file_that_is_no_file(aftercare, home, kind):
    target = home / "calls.jsonl"
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "folder":
        target.mkdir()
    else:
        target = "/dev/zero"
    aftercare("desk", "--log", "--log-file", str(target), timeout=5).clean()


def test_ask_from_a_wav_fifo(aftercare, home):
    os.mkfifo(home / "q.wav")
    aftercare("ask", str(home / "q.wav"), "--from-wav", timeout=5).clean()
