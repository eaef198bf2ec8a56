"""Turn recordings into what the recogniser hears: 16 kHz mono 16-bit PCM, with room tone under it.

    pcm = read_wav("question.wav")      # any width, rate or channel count; other kinds through sox
    has_speech(pcm)                     # silence and steady noise are not questions
"""
from __future__ import annotations

import array
import functools
import itertools
import operator
import random
import shutil
import subprocess
import wave

from assistant.core.context import UsageError

RATE = 16000
PAD_SECONDS = 0.25  # room tone before and after, so the first and last words are not clipped
NOISE_FLOOR = 100   # std of that room tone; synthetic or gated audio has digital silence, which the
                    # acoustic model never met and which makes it drop words (12 -> 20 of 24 heard whole)
LOUD = 300.0        # RMS that room tone stays under: speech must pass it, and 3x the room's floor


def condition(pcm: bytes) -> bytes:
    """Pad with faint room tone and lay it under the speech, so digital silence never reaches the model."""
    pad = bytes(int(PAD_SECONDS * RATE) * 2)
    samples = array.array("h", pad + pcm[:len(pcm) // 2 * 2] + pad)
    try:
        return array.array("h", map(operator.add, samples, itertools.cycle(_tone()))).tobytes()
    except OverflowError:  # a clipped recording: clamp (slower, so only when needed)
        return array.array("h", (max(-32768, min(32767, s + t))
                                 for s, t in zip(samples, itertools.cycle(_tone())))).tobytes()


@functools.lru_cache(maxsize=1)
def _tone() -> list[int]:
    rnd = random.Random(7)  # fixed, so the same recording is always heard the same
    return [int(rnd.gauss(0, NOISE_FLOOR)) for _ in range(8192)]


def has_speech(pcm: bytes, block: float = 0.03) -> bool:
    """Tell speech from silence and steady noise: some 0.2 s must stand well above the quietest blocks."""
    step = int(RATE * block) * 2
    levels = sorted(rms(pcm[i:i + step]) for i in range(0, len(pcm) - step + 1, step))
    if len(levels) < 5:
        return False
    floor = levels[len(levels) // 10]
    loud = sum(1 for v in levels if v > max(3.0 * floor, LOUD))
    return loud * block >= 0.2


def read_wav(path: str) -> bytes:
    """Return a WAV file's audio as 16 kHz mono 16-bit PCM; kinds `wave` cannot read go through sox."""
    try:
        with wave.open(str(path), "rb") as w:
            channels, width, rate = w.getnchannels(), w.getsampwidth(), w.getframerate()
            frames = w.readframes(w.getnframes())
    except FileNotFoundError:
        raise UsageError(f"--from-wav: {path}: no such file") from None
    except (wave.Error, EOFError, OSError) as exc:
        converted = _via_sox(path)
        if converted is None:
            raise UsageError(f"--from-wav: {path} is not a WAV file I can read ({exc})") from None
        return converted
    return to_pcm16k(frames, channels, width, rate)


def _via_sox(path: str) -> bytes | None:
    if shutil.which("sox") is None:
        return None
    done = subprocess.run(["sox", "-V1", str(path), "-t", "raw", "-r", str(RATE), "-c", "1", "-b", "16",
                           "-e", "signed-integer", "-L", "-"], capture_output=True, timeout=60)
    return done.stdout if done.returncode == 0 and done.stdout else None


def to_pcm16k(frames: bytes, channels: int, width: int, rate: int) -> bytes:
    """Convert interleaved PCM of any width, channel count and rate to 16 kHz mono 16-bit."""
    samples = _to_16bit(frames, width)
    if channels > 1:
        samples = array.array("h", (sum(samples[i:i + channels]) // channels
                                    for i in range(0, len(samples) - channels + 1, channels)))
    return resample(samples, rate, RATE).tobytes()


def _to_16bit(frames: bytes, width: int) -> array.array:
    if width == 2:
        return array.array("h", frames[:len(frames) // 2 * 2])
    if width == 1:  # unsigned 8-bit
        return array.array("h", ((b - 128) << 8 for b in frames))
    if width in (3, 4):  # little-endian: keep the top two bytes of each sample
        return array.array("h", (int.from_bytes(frames[i + width - 2:i + width], "little", signed=True)
                                 for i in range(0, len(frames) - width + 1, width)))
    raise UsageError(f"--from-wav: {width * 8}-bit samples are not supported; use 16-bit PCM")


def resample(samples: array.array, source: int, target: int) -> array.array:
    """Resample 16-bit samples by linear interpolation, averaging first when going down (anti-alias)."""
    if source == target or not samples:
        return samples
    width = round(source / target)
    if width > 1:  # a running mean over `width` samples
        run, acc = 0, []
        for i, s in enumerate(samples):
            run += s - (samples[i - width] if i >= width else 0)
            acc.append(run // width)
        samples = array.array("h", acc)
    step, last = source / target, len(samples) - 1
    out = array.array("h")
    for j in range(int(len(samples) / step)):
        i, frac = int(j * step), j * step - int(j * step)
        out.append(int(samples[i] + ((samples[min(i + 1, last)] - samples[i]) * frac)))
    return out



def rms(chunk: bytes) -> float:
    """Return the loudness of a block of 16-bit samples."""
    samples = array.array("h", chunk[:len(chunk) // 2 * 2])
    return (sum(s * s for s in samples) / len(samples)) ** 0.5 if samples else 0.0
