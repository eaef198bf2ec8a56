"""Decode a recording in a forked worker while the parent reads it and gets the answer ready.

    start()                        # first thing in the process (assistant.__main__): the worker starts
    with ahead() as pending:       # that worker, else one started now
        pending.hear(pcm)          # the recording, once read: the worker decodes it
        ...                        # the parent imports and loads what answering needs
        heard = pending.result()   # Heard, or the worker's exception raised here
pocketsphinx holds the interpreter lock while it builds its decoder (about 30 ms) and decodes (about
100 ms for a 2 s question), so a thread could not overlap them; a forked process can. The worker
builds the recogniser while the parent reads and checks the WAV, then decodes while the parent
imports the dialogue and loads the vocabulary (together about 70 ms that then cost nothing). The
recording reaches it through memory shared before the fork, so the parent never waits on a pipe.
Where there is no fork, or the worker dies without a word, the recording is decoded in the parent.
"""
from __future__ import annotations

import mmap
import os

# This module imports nothing else of the program's until a worker is forked: what the parent imports
# before the fork is on the way to every spoken answer, and the worker imports the recogniser itself.
# Bytes shared for the recording: more than the longest question voice.audio reads (31 s of 16 kHz
# 16-bit, about 1 MB; tests hold the two together). Only the pages written are ever allocated.
ROOM = 1 << 20


class Pending:
    """A recording to be decoded: by a worker process (`_pid`), else in this one when asked for."""

    def __init__(self):
        self._pcm, self._pid, self._send, self._receive = b"", 0, -1, -1
        if hasattr(os, "fork"):
            self._shared = mmap.mmap(-1, ROOM)  # anonymous and shared: the worker sees what is written after
            self._start()

    def _start(self) -> None:
        down, to_worker = os.pipe()
        from_worker, up = os.pipe()
        pid = os.fork()
        if pid == 0:  # the worker: decode, send the outcome, and leave without running the parent's cleanup
            try:
                os.close(to_worker)
                os.close(from_worker)
                with os.fdopen(up, "wb") as out:
                    out.write(_outcome(down, self._shared))
            finally:
                os._exit(0)
        os.close(down)
        os.close(up)
        self._pid, self._send, self._receive = pid, to_worker, from_worker

    def hear(self, pcm: bytes) -> None:
        """Give the worker the recording, 16 kHz mono 16-bit PCM, to decode."""
        self._pcm = pcm
        if self._pid and len(pcm) <= ROOM:
            self._shared[:len(pcm)] = pcm
            os.write(self._send, len(pcm).to_bytes(8, "little"))  # eight bytes: a pipe never blocks on them
        self._close_send()

    def result(self):
        """Return what the worker heard (a voice.hearing.Heard), raising what it raised; decode here if it
        could not tell."""
        if self._pid:
            with os.fdopen(self._receive, "rb") as f:
                data = f.read()
            self._receive = -1
            self._reap()
            import pickle
            try:
                kind, value = pickle.loads(data)
            except Exception:  # nothing, or half a message: the worker died (killed, out of memory)
                kind, value = "lost", None
            if kind == "error":
                raise value
            if kind == "heard":
                return value
        return recogniser().hear(self._pcm)

    def close(self) -> None:
        """Stop a worker whose answer is no longer wanted (the parent failed first) and reap it."""
        self._close_send()
        if self._receive >= 0:
            os.close(self._receive)
            self._receive = -1
        if self._pid:
            import signal  # only here: it loads enum, 4 ms before the fork
            os.kill(self._pid, signal.SIGKILL)
            self._reap()

    def _close_send(self) -> None:
        if self._send >= 0:
            os.close(self._send)
            self._send = -1

    def _reap(self) -> None:
        try:
            os.waitpid(self._pid, 0)
        except ChildProcessError:
            pass
        self._pid = 0

    def __enter__(self) -> Pending:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


_STARTED: Pending | None = None  # started by start(), before the command line was read


def start() -> None:
    """Start the worker now, for the `ahead()` that follows to take."""
    global _STARTED
    _STARTED = _STARTED or Pending()


def ahead() -> Pending:
    """Return a worker building the recogniser, to decode the recording `hear` gives it: the one start()
    began, else a new one."""
    global _STARTED
    pending, _STARTED = _STARTED or Pending(), None
    return pending


def recogniser():
    """Return the process's recogniser (voice.hearing's), imported only when wanted: in a worker, after the fork."""
    from assistant.voice.hearing import recogniser as built
    return built()


def _outcome(down: int, shared: mmap.mmap) -> bytes:
    """Return the worker's message: ("heard", Heard) or ("error", the exception), pickled."""
    import pickle
    try:
        listener = recogniser()  # built while the parent reads the recording
        told = b""
        while len(told) < 8 and (more := os.read(down, 8 - len(told))):
            told += more
        if len(told) < 8:  # the parent gave no recording (too long to share): it decodes it itself
            return b""
        return pickle.dumps(("heard", listener.hear(bytes(shared[:int.from_bytes(told, "little")]))))
    except Exception as exc:  # HearingUnavailable and the like: the parent raises it as its own
        try:
            return pickle.dumps(("error", exc))
        except Exception:  # an exception that cannot be pickled: its words still reach the parent
            return pickle.dumps(("error", RuntimeError(f"{type(exc).__name__}: {exc}")))
