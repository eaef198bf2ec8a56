"""A stand-in for `sounddevice`, put in sys.modules by the voice tests: one input device at `rate` that
plays back a recording, then the room (a second of faint noise unless given)."""
from __future__ import annotations

import array
import random
import types


class Microphone(types.ModuleType):
    class PortAudioError(Exception):
        pass

    def __init__(self, pcm: bytes = b"", rate: int = 44100, room: bytes | None = None):
        super().__init__("sounddevice")
        self.pcm, self.rate, self.at = pcm, rate, 0
        self.room = room if room is not None else \
            array.array("h", [random.Random(2).randint(-30, 30) for _ in range(rate)]).tobytes()

    def query_devices(self, kind=None):
        return {"name": "test microphone", "default_samplerate": float(self.rate)}

    def check_input_settings(self, samplerate=None, **_):
        if samplerate != self.rate:
            raise self.PortAudioError("Invalid sample rate")

    def RawInputStream(self, samplerate, channels, dtype, blocksize):
        assert (samplerate, channels, dtype) == (self.rate, 1, "int16")
        return self

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def read(self, frames):
        chunk = self.pcm[self.at:self.at + 2 * frames]
        self.at += 2 * frames
        return chunk + self.room[:2 * frames - len(chunk)], False
