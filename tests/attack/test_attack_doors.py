"""The other doors of the issue: the desk's call log and the voice's recordings. These belong to the call-log
rewrite and the voice work in other branches; they are run here so that their fixes show up as passes."""
from __future__ import annotations

import os

import pytest

LATER = pytest.mark.xfail(reason="the call log and the voice are being rewritten in other branches", strict=False)


@LATER
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


@LATER
def test_ask_from_a_wav_fifo(aftercare, home):
    os.mkfifo(home / "q.wav")
    aftercare("ask", str(home / "q.wav"), "--from-wav", timeout=5).clean()
