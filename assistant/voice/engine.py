"""Drive pyttsx3 (espeak-ng) through its public API, with the few workarounds its quirks need.

    engine = shared()                       # the process's one engine: espeak lives once a process
    engine.synthesise(text, path, 160, "en-us", timeout=10)  # True once path is a complete WAV
voice.speech uses it where the espeak-ng program is not installed.

Why the wrapping (pyttsx3 2.99, espeak driver, each seen on Linux):
- Until its engine has run one loop, runAndWait() obeys its own queued stop before it synthesises,
  so it returns while espeak is still writing and the next save can cancel that file; and a stop
  issued while espeak is busy stays pending and cuts a later file short. So the engine runs one
  empty loop at start (once espeak is idle), and synthesise() still waits for the "finished-utterance"
  event (a cut-short one counts as a failure) and for espeak to go idle, then opens the file with
  `wave` (complete(): frames present, size matching the header); voice.speech moves it into place
  only then, and tries a failed attempt once more.
- setProperty("rate") goes through espeak's own queue, and runAndWait() calls espeak_Cancel() when
  espeak still looks busy, which drops that change. So each utterance sets voice and rate itself,
  waits for idle, and reads the rate back through a correct espeak_GetParameter prototype
  (pyttsx3's getProperty leaves out the `current` argument, so its values lag).
- espeak lives once per process and a dropped engine's finaliser would unhook the live one's callback,
  so one engine is kept for the life of the process and shared by every Voice.
- The driver print()s "Audio saved to ..." from espeak's thread; its module's `print` is replaced
  by a no-op so `ask --json --speak-to` keeps stdout clean. Loading a voice can make espeak write to
  the C-level stderr; that call runs with fd 2 pointed at /dev/null.
- Its say() plays through `os.system("aplay ...")`, cannot be stopped and never fails. So it is not
  used: voice.speech's say() saves a WAV and voice.player plays it as a child process that Ctrl-C stops.
"""
from __future__ import annotations

import contextlib
import os
import time
import wave
from pathlib import Path

from assistant.voice.player import VoiceUnavailable


class Engine:
    """The process's one pyttsx3 engine, with the events a caller must wait for."""

    def __init__(self):
        try:
            import pyttsx3
        except ImportError:
            raise VoiceUnavailable("Speech is not available: install pyttsx3") from None
        try:
            with _quiet_stderr():
                self.tts = pyttsx3.init()
        except Exception:
            raise VoiceUnavailable("Speech is not available: install espeak-ng") from None
        self.espeak = self.current_rate = None
        if self.tts.driver_name == "espeak":
            import ctypes

            from pyttsx3.drivers import _espeak, espeak
            espeak.print = lambda *args, **kwargs: None
            self.espeak = _espeak
            # pyttsx3 calls espeak_GetParameter without its `current` argument, hence values that lag
            prototype = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_int, ctypes.c_int)
            get = prototype(("espeak_GetParameter", _espeak.dll))
            self.current_rate = lambda: get(_espeak.RATE, 1)
        try:
            if self.tts.isBusy():
                # A new driver starts "busy", holding settings back until a loop runs: run an empty
                # one, after espeak has taken the driver's own start-up settings (a loop run sooner
                # cancels them and leaves a stop pending that cuts the first file short).
                self.idle()
                self.tts.runAndWait()
            self.current_voice = self.default_voice = self.tts.getProperty("voice")
        except Exception:
            raise VoiceUnavailable("Speech is not available: espeak-ng did not start") from None
        import threading  # only with pyttsx3: the program needs no thread
        self.lock = threading.Lock()
        self.done = threading.Event()
        self.completed = self.broken = False
        self.errors: list[BaseException] = []
        self.tts.connect("finished-utterance", self._finished)
        self.tts.connect("error", lambda exception=None, **kw: self.errors.append(exception))

    def _finished(self, completed: bool = True, **_) -> None:
        self.completed = completed  # False when espeak was cancelled: the file is missing or cut short
        self.done.set()

    def idle(self, timeout: float = 5.0) -> bool:
        """Wait until espeak's own queue is empty, so nothing queued is cancelled."""
        end = time.monotonic() + timeout
        while self.espeak is not None and self.espeak.IsPlaying():
            if time.monotonic() > end:
                return False
            time.sleep(0.005)
        return True

    def prepare(self, rate: int, voice: str | None) -> None:
        """Set voice and rate for the next utterance (another Voice may have changed them)."""
        self.idle()
        voice = voice or self.default_voice
        if voice != self.current_voice:
            self.errors.clear()
            with _quiet_stderr():
                self.tts.setProperty("voice", voice)
            if self.errors:
                self.tts.setProperty("voice", self.current_voice)
                raise VoiceUnavailable(f"No voice named '{voice}' (try en-us or en-gb)")
            self.current_voice = voice
        for _ in range(3):  # checked once espeak is idle, since a queued change can be cancelled
            self.tts.setProperty("rate", rate)
            if self.idle() and (self.current_rate is None or self.current_rate() == rate):
                return

    def synthesise(self, text: str, path: Path, rate: int, voice: str | None, timeout: float) -> bool:
        """Write one WAV; True once it is complete and valid."""
        with self.lock:
            if self.broken:
                return False
            self.prepare(rate, voice)
            self.done.clear()
            self.completed = False
            self.errors.clear()
            try:
                self.tts.save_to_file(text, str(path))
                self.tts.runAndWait()
                finished = self.done.wait(timeout)
            except KeyboardInterrupt:  # pyttsx3 cannot resume a loop cut short: use the fallback from now on
                self.tts.stop()
                self.broken = True
                raise
            except Exception:
                return False
            finally:
                self.idle()
            return finished and self.completed and not self.errors and complete(path)


_ENGINE: Engine | None = None


def shared() -> Engine:
    """Return the process's one engine, started on first use."""
    global _ENGINE
    if _ENGINE is None:
        _ENGINE = Engine()
    return _ENGINE


def complete(path: Path, settle: float = 0.01) -> bool:
    """Tell whether path is a readable WAV with sound in it and no bytes still to come.

    `settle`: how long to wait for a writer still at work (none, once the program has exited)."""
    try:
        size = path.stat().st_size
        with wave.open(str(path), "rb") as w:
            frames, width, channels = w.getnframes(), w.getsampwidth(), w.getnchannels()
        time.sleep(settle)
        return frames > 0 and path.stat().st_size == size >= frames * width * channels
    except (OSError, EOFError, wave.Error):
        return False


@contextlib.contextmanager
def _quiet_stderr():
    """Point fd 2 at /dev/null for a moment: espeak writes voice-loading errors there from C."""
    try:
        saved = os.dup(2)
    except OSError:
        yield
        return
    null = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(null, 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(null)
