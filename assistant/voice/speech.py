"""Read replies aloud with pyttsx3 (espeak-ng), wrapped so none of its quirks reach the patient.

    voice = Voice(rate=160)
    voice.save(spoken_text(reply), "answer.wav")  # a complete, valid WAV of for_ear(text) when it returns
    voice.say(spoken_text(reply))                 # blocks while it speaks; Ctrl-C stops the sound

Two choices are made here; pyttsx3's quirks and their workarounds are voice.engine's:
- If pyttsx3 fails twice on one text, save() runs the espeak-ng command (-w) once, so a reply the
  patient asked to hear is not lost to a driver race. A Ctrl-C in the middle of runAndWait() leaves
  pyttsx3 unable to start another loop, so from then on that process uses the command.
- Where the espeak-ng program is installed, save() runs it and pyttsx3 is never started: measured
  on one reply, pyttsx3 cost 35-80 ms to start (its driver's import, espeak's voice list, the empty
  loop voice.engine runs) and 30-40 ms a file (its loop sleeps 10 ms a turn and grows the audio by copying),
  where `espeak-ng -w` took 20-50 ms in all. The same library says the same words either way.
  pyttsx3, through its public API, remains the engine where there is no such program.
"""
from __future__ import annotations

import contextlib
import os
import shutil
from pathlib import Path

from assistant.voice import engine, player
from assistant.voice.player import VoiceUnavailable, audio_out, wav_seconds
from assistant.voice.program import run_espeak
from assistant.voice.spoken import for_ear

__all__ = ["Voice", "VoiceUnavailable", "audio_out", "wav_seconds"]

DEFAULT_RATE = 160
MIN_RATE, MAX_RATE, STEP = 80, 300, 20
PREFER_PROGRAM = True  # the espeak-ng program where it is installed: see the module docstring


class Voice:
    """Speak or save replies at a rate in words a minute (80-300) and an espeak-ng voice name."""

    def __init__(self, rate: int = DEFAULT_RATE, voice: str | None = None):
        self.program = shutil.which("espeak-ng") if PREFER_PROGRAM else None
        self.engine = None if self.program else engine.shared()
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


def _espeak_command(text: str, path: Path, rate: int, voice: str | None, timeout: float,
                    program: str | None = None) -> bool:
    """The espeak-ng program (found once by Voice) writes the WAV itself (voice.program runs it); True once
    it is complete."""
    return run_espeak(text, path, rate, voice, timeout, program) and engine.complete(path, settle=0)
