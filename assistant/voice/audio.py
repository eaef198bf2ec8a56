"""Turn recordings into what the recogniser hears: 16 kHz mono 16-bit PCM, with room tone under it.

    pcm = read_wav("question.wav")      # any width, rate or channel count; other kinds through sox
    has_speech(pcm)                     # silence and steady noise are not questions
"""
from __future__ import annotations

import array
import functools
import itertools
import math
import operator
import os
import shutil
import stat
import wave

from assistant.core.context import UsageError

RATE = 16000
PAD_SECONDS = 0.25  # room tone before and after, so the first and last words are not clipped
NOISE_FLOOR = 100   # std of that room tone; synthetic or gated audio has digital silence, which the
                    # acoustic model never met and which makes it drop words (12 -> 20 of 24 heard whole)
LONGEST = 30        # seconds: a question, not a recording of a visit
SOX_TIMEOUT = 10.0  # seconds for sox to convert a question's length of any other kind of file
CHUNK = 4096       # output samples resampled at a time
MAX_PHASES = 1000   # distinct output positions a rate pair may repeat over to be resampled by phase
LOUD = 300.0        # RMS that room tone stays under: speech must pass it, and 3x the room's floor
BLOCK = 0.03        # seconds of audio a loudness is measured over
MARGIN = 0.15       # seconds of the recording's own quiet kept around the speech


def condition(pcm: bytes, tone: list[int] | None = None) -> bytes:
    """Pad with faint room tone and lay it under the speech, so digital silence never reaches the model.

    `tone`: room_tone() made earlier (voice.hearing keeps it with its compiled model: 7 ms a process).
    """
    tone = tone or room_tone()
    pad = bytes(int(PAD_SECONDS * RATE) * 2)
    samples = array.array("h", pad + pcm[:len(pcm) // 2 * 2] + pad)
    try:
        return array.array("h", map(operator.add, samples, itertools.cycle(tone))).tobytes()
    except OverflowError:  # a clipped recording: clamp (slower, so only when needed)
        return array.array("h", (max(-32768, min(32767, s + t))
                                 for s, t in zip(samples, itertools.cycle(tone)))).tobytes()


@functools.lru_cache(maxsize=1)
def room_tone() -> list[int]:
    """Return the faint noise laid under every recording: the same every time."""
    import random  # only when no compiled model brought the tone along (random and subprocess: 5 ms)
    rnd = random.Random(7)  # fixed, so the same recording is always heard the same
    return [int(rnd.gauss(0, NOISE_FLOOR)) for _ in range(8192)]


def has_speech(pcm: bytes, block: float = BLOCK) -> bool:
    """Tell speech from silence and steady noise: some 0.2 s must stand well above the quietest blocks."""
    return bool(_loud(pcm, block))


def trim(pcm: bytes, margin: float = MARGIN) -> bytes:
    """Cut the recording's own silence to `margin` seconds before the first loud block and after the last.

    Every frame costs the decoder the same whether it holds speech or not (about 50 ms a second of
    audio), and a recording often ends with half a second of nothing. b"" when there is no speech.
    """
    loud = _loud(pcm, BLOCK)  # positional, as has_speech passes it: the same cache key
    if not loud:
        return b""
    step, keep = int(RATE * BLOCK) * 2, int(RATE * margin) * 2
    return pcm[max(0, loud[0] * step - keep):(loud[-1] + 1) * step + keep]


@functools.lru_cache(maxsize=1)  # `ask --from-wav` asks has_speech, then the recogniser trims: one measuring
def _loud(pcm: bytes, block: float = BLOCK) -> tuple[int, ...]:
    """Return the blocks well above the quietest tenth of them and above room tone; () under 0.2 s of them."""
    levels = _levels(pcm, block)
    if len(levels) < 5:
        return ()
    bar = max(3.0 * sorted(levels)[len(levels) // 10], LOUD)
    loud = tuple(i for i, v in enumerate(levels) if v > bar)
    return loud if len(loud) * block >= 0.2 else ()


def _levels(pcm: bytes, block: float = BLOCK) -> list[float]:
    step = int(RATE * block) * 2
    return [rms(pcm[i:i + step]) for i in range(0, len(pcm) - step + 1, step)]


def read_wav(path: str) -> bytes:
    """Return a recording's audio as 16 kHz mono 16-bit PCM, or raise UsageError in one line.

    Only a regular file is opened (a FIFO would block, a directory cannot be read), and only a
    question's length of it is read: a 10-minute file is refused from its header, not decoded for a minute.
    """
    fd = _open_regular(path)
    with os.fdopen(fd, "rb") as f:
        try:
            w = wave.open(f, "rb")
            channels, width, rate, frames = w.getnchannels(), w.getsampwidth(), w.getframerate(), w.getnframes()
            if not rate:
                raise wave.Error("a sample rate of 0")
            _check_length(path, frames / rate)
            data = w.readframes(frames)
        except (wave.Error, EOFError) as exc:
            converted = _via_sox(path)
            if converted is None:
                raise UsageError(f"--from-wav: {path} is not a WAV file I can read ({exc})") from None
            _check_length(path, len(converted) / 2 / RATE)
            return converted
    if len(data) < width * channels:
        raise UsageError(f"--from-wav: {path} holds no audio (its header promises more than the file has)")
    return to_pcm16k(data, channels, width, rate)


def _open_regular(path: str) -> int:
    try:  # O_NONBLOCK: opening a FIFO must not wait for a writer
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        raise UsageError(f"--from-wav: {path}: no such file") from None
    except OSError as exc:
        raise UsageError(f"--from-wav: {path}: {exc.strerror.lower()}") from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise UsageError(f"--from-wav: {path} is not a recording (a directory, a pipe or a device)")
    os.set_blocking(fd, True)
    return fd


def _check_length(path: str, seconds: float) -> None:
    if seconds > LONGEST:
        raise UsageError(f"--from-wav: {path} is {seconds:.0f} s long; ask one question of at most {LONGEST} s")


def _via_sox(path: str) -> bytes | None:
    if shutil.which("sox") is None:
        return None
    cmd = ["sox", "-V1", str(path), "-t", "raw", "-r", str(RATE), "-c", "1", "-b", "16", "-e", "signed-integer",
           "-L", "-", "trim", "0", str(LONGEST + 1)]  # never more than a question's length
    import subprocess  # only for a file `wave` cannot read
    try:
        done = subprocess.run(cmd, capture_output=True, timeout=SOX_TIMEOUT, stdin=subprocess.DEVNULL)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout if done.returncode == 0 and done.stdout else None


def to_pcm16k(frames: bytes, channels: int, width: int, rate: int) -> bytes:
    """Convert interleaved PCM of any width, channel count and rate to 16 kHz mono 16-bit."""
    samples = _to_16bit(frames, width)
    samples = samples[:len(samples) // channels * channels]
    if channels > 1:  # the mean of the channels, a channel at a time: C-speed maps, not a loop per sample
        total = [0] * (len(samples) // channels)
        for c in range(channels):
            total = list(map(operator.add, total, samples[c::channels]))
        samples = array.array("h", (t // channels for t in total))
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
    if width > 1:  # a mean over `width` samples, as sums of shifted copies (each a C-speed map)
        run = list(samples)
        for k in range(1, width):
            run = list(map(operator.add, run, itertools.chain(samples[k:], itertools.repeat(samples[-1], k))))
        samples = array.array("h", (r // width for r in run))
    step = source / target
    n = int(len(samples) / step)
    padded = samples + samples[-1:]  # the sample after the last is the last
    whole = math.gcd(source, target)
    if target // whole <= MAX_PHASES:
        return _by_phase(padded, n, source // whole, target // whole)
    out = array.array("h")
    for first in range(0, n, CHUNK):  # a chunk at a time: the lists below would be 5 MB for 2 s of audio
        at = [j * step for j in range(first, min(n, first + CHUNK))]
        left = [int(x) for x in at]
        a = list(map(samples.__getitem__, left))
        b = list(map(padded.__getitem__, map(operator.add, left, itertools.repeat(1))))
        out.extend(map(lambda x, y, t, i: int(x + (y - x) * (t - i)), a, b, at, left))
    return out


def _by_phase(padded: array.array, n: int, down: int, up: int) -> array.array:
    """Interpolate as resample does, one phase at a time: 22,050 -> 16,000 Hz repeats every 320 outputs.

    Output j = p + up*k falls at input p*down/up + down*k, so each phase p is a strided slice
    with one fixed weight: C-speed slices instead of a position worked out per sample (50 -> 10 ms
    for 2 s of audio).
    """
    out = array.array("h", bytes(2 * n))
    for p in range(min(up, n)):
        at = p * down / up
        left, weight = int(at), at - int(at)
        count = len(range(p, n, up))
        a = padded[left:left + down * (count - 1) + 1:down]
        b = padded[left + 1:left + down * (count - 1) + 2:down]
        # x + (y - x) * weight, truncated as int() does, in C-level maps rather than a lambda per sample
        out[p::up] = array.array("h", map(int, map(operator.add, a, map(operator.mul, map(
            operator.sub, b, a), itertools.repeat(weight)))))
    return out


def rms(chunk: bytes) -> float:
    """Return the loudness of a block of 16-bit samples."""
    samples = array.array("h", chunk[:len(chunk) // 2 * 2])
    return (sum(s * s for s in samples) / len(samples)) ** 0.5 if samples else 0.0
