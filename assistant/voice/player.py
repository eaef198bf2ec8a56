"""Play a WAV through the first audio player that opens a device, and say when none can.

    audio_out()              # None, or why nothing can be heard here: "no audio device"
    play(wav, seconds)       # blocks while it plays; Ctrl-C stops it at once
pyttsx3's own say() plays through `os.system("aplay ...")`, cannot be stopped and never fails. So
speech is saved to a WAV and played by a child process: a player that cannot open a device means
"no audio device", and one that hangs is stopped when the speech should have ended.
"""
from __future__ import annotations

import os
import shutil
import wave
from pathlib import Path

PLAYERS = (("aplay", "-q"), ("paplay",), ("pw-play",), ("play", "-q"))
GRACE = 3.0  # seconds a player may take beyond the speech before it counts as hung


class VoiceUnavailable(Exception):
    """Speech cannot be produced here; the message is one line for the user."""


def players() -> list[tuple[str, ...]]:
    """The audio players installed here, first choice first."""
    return [(exe, *rest) for name, *rest in PLAYERS if (exe := shutil.which(name))]


def audio_out() -> str | None:
    """Say why nothing can be heard here ("no audio device"), or None when a player opens a device.

    Asked before reading aloud is turned on, so the chat never says "on" and then "not available":
    a twentieth of a second of silence goes to the first player that exists.
    """
    found = players()
    if not found:
        return "no audio player (install alsa-utils or sox)"
    import tempfile  # only to play: saving a reply (--speak-to) does without it
    with tempfile.TemporaryDirectory(prefix="aftercare-voice-") as folder:
        wav = Path(folder) / "silence.wav"
        with wave.open(str(wav), "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(22050)
            w.writeframes(bytes(2205))
        try:
            play(wav, 0.05, found)
        except VoiceUnavailable:
            return "no audio device"
    return None


def wav_seconds(path: str | os.PathLike) -> float:
    """Return a WAV file's duration in seconds."""
    with wave.open(str(path), "rb") as w:
        return w.getnframes() / float(w.getframerate())


def play(wav: Path, seconds: float, found: list[tuple[str, ...]] | None = None) -> None:
    """Play wav with the first player that can open a device; stop it on Ctrl-C or if it hangs."""
    import subprocess  # only to play: saving speech (--speak-to) does without it
    for cmd in found or players():
        proc = subprocess.Popen([*cmd, str(wav)], stdin=subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            code = proc.wait(timeout=seconds + GRACE)
        except subprocess.TimeoutExpired:
            _stop(proc)
            raise VoiceUnavailable("Speech is not available: the audio device did not respond") from None
        except BaseException:  # Ctrl-C: silence now, then let the interrupt through
            _stop(proc)
            raise
        if code == 0:
            return
    raise VoiceUnavailable("Speech is not available: no audio device")


def _stop(proc) -> None:
    """Stop a player: politely, then for good."""
    import subprocess
    proc.terminate()
    try:
        proc.wait(timeout=0.5)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
