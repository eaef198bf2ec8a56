"""Run the espeak-ng program to write one WAV, bounded in time, without loading `subprocess`.

    ok = run_espeak("Wait 24 hours.", Path("reply.wav"), rate=160, voice=None, timeout=12.0)
`ask --speak-to` runs the program once, and the Python around it is what makes saving speech
slower than espeak-ng alone: `subprocess` (with the threading, signal and selectors it loads) and
a timer thread to bound it cost about 3 ms of a 30 ms whole. So the program is started with
os.posix_spawn and waited for on a pidfd with a timeout; where either is missing (not Linux), or
the text is too long to hand over in one write, subprocess and a timer do it as before.
"""
from __future__ import annotations

import os
import select
import shutil
from pathlib import Path

PIPE_WHOLE = 32 << 10  # bytes of text written at once without waiting on the program (a pipe holds 64 KiB)
KILL = 9               # SIGKILL, without importing signal for the rare timeout


def run_espeak(text: str, path: Path, rate: int, voice: str | None, timeout: float, exe: str | None = None) -> bool:
    """Have espeak-ng (`exe`, else found on PATH) write text as a WAV at path; True when it exited cleanly
    within timeout seconds."""
    exe = exe or shutil.which("espeak-ng")
    if exe is None:
        return False
    cmd = [exe, "-w", str(path), "-s", str(rate), *(["-v", voice] if voice else []), "--stdin"]
    body = text.encode()
    if not (hasattr(os, "posix_spawn") and hasattr(os, "pidfd_open")) or len(body) > PIPE_WHOLE:
        return _by_subprocess(cmd, body, timeout)
    read, feed = os.pipe()  # both close-on-exec: the child keeps only what is dup'ed onto 0, 1 and 2
    null = os.open(os.devnull, os.O_WRONLY | os.O_CLOEXEC)
    try:
        pid = os.posix_spawn(exe, cmd, os.environ, file_actions=[
            (os.POSIX_SPAWN_DUP2, read, 0), (os.POSIX_SPAWN_DUP2, null, 1), (os.POSIX_SPAWN_DUP2, null, 2)])
    except OSError:
        os.close(feed)
        return False
    finally:
        os.close(read)
        os.close(null)
    try:
        try:
            os.write(feed, body)  # fits the pipe whole: never waits on the program
        except BrokenPipeError:  # it exited already: its status says how
            pass
        os.close(feed)
        feed = -1
        pidfd = os.pidfd_open(pid)
        try:
            if not select.select([pidfd], [], [], timeout)[0]:
                os.kill(pid, KILL)
        finally:
            os.close(pidfd)
        _, status = os.waitpid(pid, 0)
    except BaseException:  # Ctrl-C: no program left behind
        if feed >= 0:
            os.close(feed)
        os.kill(pid, KILL)
        os.waitpid(pid, 0)
        raise
    return os.waitstatus_to_exitcode(status) == 0


def _by_subprocess(cmd: list[str], body: bytes, timeout: float) -> bool:
    """Bounded by a timer that kills it, not by subprocess's own timeout: that one polls with sleeps
    growing to 50 ms, measured at 40-70 ms added to a 30 ms synthesis."""
    import subprocess
    import threading
    try:
        proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    except OSError:
        return False
    timer = threading.Timer(timeout, proc.kill)
    timer.start()
    try:
        proc.communicate(body)
    finally:
        timer.cancel()
    return proc.returncode == 0
