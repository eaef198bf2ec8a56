"""Decode a recording in a forked worker while the parent gets the answer ready.

    with ahead(pcm) as pending:   # the worker starts decoding at once
        ...                        # the parent imports and loads what answering needs
        heard = pending.result()   # Heard, or the worker's exception raised here
pocketsphinx holds the interpreter lock while it decodes (about 100 ms for a 2 s question), so a
thread could not overlap it; a forked process can, and the ~50 ms the parent spends importing the
dialogue and loading the vocabulary then costs nothing. Where there is no fork, or the worker dies
without a word, the recording is decoded in the parent, as before.
"""
from __future__ import annotations

import os
import pickle
import signal

from assistant.voice.hearing import Heard, recogniser


class Pending:
    """A recording being decoded: by a worker process (`pid`), else in this one when asked for."""

    def __init__(self, pcm: bytes):
        self._pcm, self._pid, self._pipe = pcm, 0, -1
        if hasattr(os, "fork"):
            self._start()

    def _start(self) -> None:
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the worker: decode, send the outcome, and leave without running the parent's cleanup
            try:
                os.close(read)
                with os.fdopen(write, "wb") as out:
                    out.write(_outcome(self._pcm))
            finally:
                os._exit(0)
        os.close(write)
        self._pid, self._pipe = pid, read

    def result(self) -> Heard:
        """Return what the worker heard, raising what it raised; decode here if it could not tell."""
        if self._pid:
            with os.fdopen(self._pipe, "rb") as f:
                data = f.read()
            self._pipe = -1
            self._reap()
            try:
                kind, value = pickle.loads(data)
            except Exception:  # nothing, or half a message: the worker died (killed, out of memory)
                kind, value = "lost", None
            if kind == "error":
                raise value
            if kind == "heard":
                return value
        return _hear(self._pcm)

    def close(self) -> None:
        """Stop a worker whose answer is no longer wanted (the parent failed first) and reap it."""
        if self._pipe >= 0:
            os.close(self._pipe)
            self._pipe = -1
        if self._pid:
            os.kill(self._pid, signal.SIGKILL)
            self._reap()

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


def ahead(pcm: bytes) -> Pending:
    """Start decoding 16 kHz mono 16-bit PCM at once, in a worker process where the system can fork."""
    return Pending(pcm)


def _hear(pcm: bytes) -> Heard:
    return recogniser().hear(pcm)


def _outcome(pcm: bytes) -> bytes:
    """Return the worker's message: ("heard", Heard) or ("error", the exception), pickled."""
    try:
        return pickle.dumps(("heard", _hear(pcm)))
    except Exception as exc:  # HearingUnavailable and the like: the parent raises it as its own
        try:
            return pickle.dumps(("error", exc))
        except Exception:  # an exception that cannot be pickled: its words still reach the parent
            return pickle.dumps(("error", RuntimeError(f"{type(exc).__name__}: {exc}")))
