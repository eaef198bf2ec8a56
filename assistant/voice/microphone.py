"""Record one question from the microphone with sounddevice: the one module that imports it.

    pcm = record(env)        # from when speech starts until a pause, as 16 kHz mono 16-bit PCM
sounddevice (and PortAudio under it) is imported only when someone asks to speak, never by `ask`.
"""
from __future__ import annotations

import array

from assistant.core.context import Env
from assistant.voice.audio import LOUD, RATE, resample, rms


class HearingUnavailable(Exception):
    """No microphone, no sound library, or no recogniser: the message says which, in one line."""



class EndPointer:
    """Keep 16-bit blocks from when speech starts until a pause, by energy against the room's floor."""

    def __init__(self, block: float = 0.03, pause: float = 0.8, wait: float = 8.0, longest: float = 12.0):
        self.block = block
        self.pause, self.wait, self.longest = int(pause / block), int(wait / block), int(longest / block)
        self.floor: float | None = None
        self.kept: list[bytes] = []
        self.seen = self.quiet = self.run = 0
        self.started = False

    def feed(self, chunk: bytes) -> bool:
        """Take one block; return True when the utterance is over (or never began)."""
        self.seen += 1
        level = rms(chunk)
        if self.floor is None:
            self.floor = min(level, LOUD)
        loud = level > max(3.0 * self.floor, LOUD)
        if not loud:  # the floor follows the room, never the voice
            self.floor = 0.9 * self.floor + 0.1 * level
        self.kept.append(chunk)
        if not self.started:
            self.run = self.run + 1 if loud else 0
            self.kept = self.kept[-10:]  # 0.3 s before the voice, so its first sound is kept
            self.started = self.run >= 3  # 90 ms of voice, not a click
            return self.seen >= self.wait
        self.quiet = 0 if loud else self.quiet + 1
        return self.quiet >= self.pause or len(self.kept) >= self.longest

    @property
    def audio(self) -> bytes:
        return b"".join(self.kept) if self.started else b""


def microphone():
    """Find the sound library and an input device: (sounddevice, the rate to record at), or raise."""
    try:  # sounddevice loads PortAudio: only when someone asks to speak
        import sounddevice as sd
    except (ImportError, OSError) as exc:  # OSError: the library is there but PortAudio is not
        raise HearingUnavailable(f"no sound input ({exc.__class__.__name__}: {exc})".split("\n")[0]) from None
    try:
        device = sd.query_devices(kind="input")
        try:
            sd.check_input_settings(samplerate=RATE, channels=1, dtype="int16")
            return sd, RATE
        except Exception:
            return sd, int(device["default_samplerate"])
    except (sd.PortAudioError, ValueError) as exc:  # ValueError: no input device at all
        raise HearingUnavailable(f"no microphone found ({exc})".split("\n")[0]) from None


def record(env: Env, mic=None) -> bytes:
    """Record one utterance from the microphone until a pause; return 16 kHz mono 16-bit PCM."""
    sd, rate = mic or microphone()
    ender = EndPointer()
    block = int(rate * ender.block)
    try:
        with sd.RawInputStream(samplerate=rate, channels=1, dtype="int16", blocksize=block) as stream:
            env.stderr.write("Listening\u2026 ask your question; I stop when you pause.\n")
            env.stderr.flush()
            while not ender.feed(bytes(stream.read(block)[0])):
                pass
    except (sd.PortAudioError, ValueError) as exc:
        raise HearingUnavailable(f"the microphone failed ({exc})".split("\n")[0]) from None
    return resample(array.array("h", ender.audio), rate, RATE).tobytes()


