"""Read replies aloud with pyttsx3 (espeak-ng), wrapped so none of its quirks reach the patient.

    voice = Voice(rate=160)
    voice.save(spoken_text(reply), "answer.wav")  # a complete, valid WAV of for_ear(text) when it returns
    voice.say(spoken_text(reply))                 # blocks while it speaks; Ctrl-C stops the sound

Why the wrapping (pyttsx3 2.99, espeak driver, each seen on Linux):
- Until its engine has run one loop, runAndWait() obeys its own queued stop before it synthesises,
  so it returns while espeak is still writing and the next save can cancel that file; and a stop
  issued while espeak is busy stays pending and cuts a later file short. So the engine runs one
  empty loop at start (once espeak is idle), and save() still waits for the "finished-utterance"
  event (a cut-short one counts as a failure) and for espeak to go idle, then opens the file with
  `wave` (frames present, size matching the header) before moving it into place; a failed
  attempt is tried once more.
- setProperty("rate") goes through espeak's own queue, and runAndWait() calls espeak_Cancel() when
  espeak still looks busy, which drops that change. So each utterance sets voice and rate itself,
  waits for idle, and reads the rate back through a correct espeak_GetParameter prototype
  (pyttsx3's getProperty leaves out the `current` argument, so its values lag).
- espeak lives once per process and a dropped engine's finaliser would unhook the live one's callback,
  so one engine is kept for the life of the process and shared by every Voice.
- The driver print()s "Audio saved to ..." from espeak's thread; its module's `print` is replaced
  by a no-op so `ask --json --speak-to` keeps stdout clean. Loading a voice can make espeak write to
  the C-level stderr; that call runs with fd 2 pointed at /dev/null.
- Its say() plays through `os.system("aplay ...")`, cannot be stopped and never fails. So say()
  saves a WAV and voice.player plays it as a child process that Ctrl-C stops.
- If pyttsx3 fails twice on one text, save() runs the espeak-ng command (-w) once, so a reply the
  patient asked to hear is not lost to a driver race. A Ctrl-C in the middle of runAndWait() leaves
  pyttsx3 unable to start another loop, so from then on that process uses the command.
- Where the espeak-ng program is installed, save() runs it and pyttsx3 is never started: measured
  on one reply, pyttsx3 cost 35-80 ms to start (its driver's import, espeak's voice list, the empty
  loop above) and 30-40 ms a file (its loop sleeps 10 ms a turn and grows the audio by copying),
  where `espeak-ng -w` took 20-50 ms in all. The same library says the same words either way.
  pyttsx3, through its public API, remains the engine where there is no such program.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import time
import wave
from pathlib import Path

from assistant.voice import player
from assistant.voice.player import VoiceUnavailable, audio_out, wav_seconds
from assistant.voice.program import run_espeak
from assistant.voice.spoken import for_ear

__all__ = ["Voice", "VoiceUnavailable", "audio_out", "wav_seconds"]

DEFAULT_RATE = 160
MIN_RATE, MAX_RATE, STEP = 80, 300, 20
PREFER_PROGRAM = True  # the espeak-ng program where it is installed: see the module docstring


class _Engine:
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
            return finished and self.completed and not self.errors and _complete(path)


_ENGINE: _Engine | None = None


def _engine() -> _Engine:
    global _ENGINE
    if _ENGINE is None:
        _ENGINE = _Engine()
    return _ENGINE


class Voice:
    """Speak or save replies at a rate in words a minute (80-300) and an espeak-ng voice name."""

    def __init__(self, rate: int = DEFAULT_RATE, voice: str | None = None):
        self.program = shutil.which("espeak-ng") if PREFER_PROGRAM else None
        self.engine = None if self.program else _engine()
        self.set_rate(rate)
        self.voice = None
        if voice:
            self.set_voice(voice)

    def set_rate(self, wpm: int) -> int:
        """Set the speaking rate, kept within 80-300 words a minute; return the rate now in use."""
        self.rate = max(MIN_RATE, min(MAX_RATE, int(wpm)))
        return self.rate

    def set_voice(self, name: str) -> str:
        """Use the espeak-ng voice `name` (e.g. en-us); an unknown name keeps the current voice."""
        if self.engine is None:
            if not _known_voice(self.program, name):
                raise VoiceUnavailable(f"No voice named '{name}' (try en-us or en-gb)")
        else:
            with self.engine.lock:
                self.engine.prepare(self.rate, name)
        self.voice = name
        return name

    def save(self, text: str, path: str | os.PathLike) -> Path:
        """Write for_ear(text) as a WAV at path; return the path once the file is complete."""
        path = Path(path)
        spoken = for_ear(text) or "."
        seconds = len(spoken.split()) * 60.0 / self.rate
        # A name no one can guess, made here and only here (O_EXCL, no link followed): a link planted
        # at a predictable name in a shared folder would have had espeak-ng overwrite its target.
        tmp = path.with_name(f".{path.name}.{os.urandom(8).hex()}.partial.wav")
        try:
            os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600))
        except OSError as exc:
            raise VoiceUnavailable(f"Cannot write {path}: {exc.strerror}") from None
        try:
            ok = (self.engine is not None and any(self.engine.synthesise(spoken, tmp, self.rate, self.voice,
                                                                         5 + seconds) for _ in range(2))) \
                or _espeak_command(spoken, tmp, self.rate, self.voice, 10 + seconds, self.program)
            if not ok:
                raise VoiceUnavailable("Speech is not available: espeak-ng did not produce audio")
            try:
                os.replace(tmp, path)
            except OSError as exc:
                raise VoiceUnavailable(f"Cannot write {path}: {exc.strerror}") from None
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
        return path

    def say(self, text: str) -> None:
        """Speak text and return when it has been spoken; Ctrl-C stops it at once."""
        if not player.players():
            raise VoiceUnavailable("Speech is not available: no audio player (install alsa-utils or sox)")
        import tempfile  # only to play: saving a reply (--speak-to) does without it
        with tempfile.TemporaryDirectory(prefix="aftercare-voice-") as folder:
            wav = self.save(text, Path(folder) / "reply.wav")
            player.play(wav, wav_seconds(wav))


def _known_voice(program: str | None, name: str) -> bool:
    """Tell whether the espeak-ng program has a voice of that name (it falls back silently otherwise)."""
    import subprocess  # only to check a voice's name: saving speech runs the program through voice.program
    try:
        done = subprocess.run([program, "-q", "-v", name, "x"], capture_output=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired, TypeError):
        return False
    return done.returncode == 0 and not done.stderr


def _complete(path: Path, settle: float = 0.01) -> bool:
    """True when path is a readable WAV with sound in it and no bytes still to come.

    `settle`: how long to wait for a writer still at work (none, once the program has exited)."""
    try:
        size = path.stat().st_size
        with wave.open(str(path), "rb") as w:
            frames, width, channels = w.getnframes(), w.getsampwidth(), w.getnchannels()
        time.sleep(settle)
        return frames > 0 and path.stat().st_size == size >= frames * width * channels
    except (OSError, EOFError, wave.Error):
        return False


def _espeak_command(text: str, path: Path, rate: int, voice: str | None, timeout: float,
                    program: str | None = None) -> bool:
    """The espeak-ng program (found once by Voice) writes the WAV itself (voice.program runs it); True once
    it is complete."""
    return run_espeak(text, path, rate, voice, timeout, program) and _complete(path, settle=0)


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
