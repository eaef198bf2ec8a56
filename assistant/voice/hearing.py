"""Hear a spoken question offline with pocketsphinx, against a language model built from intents/.

    heard = recogniser().hear(pcm)          # 16 kHz mono 16-bit PCM -> Heard("can i take advil", [...])
    decide(heard, protocol, treated, now)   # -> Verdict("answer", "can i take advil", ...)
What is not understood gets SORRY, never a guess; an unsure hearing that holds a red flag is
confirmed with its call-now line ("Did you say: I can't breathe? If so, call 911 now.") rather than
dropped. The decoder costs about a second to set up, so it is built once per process.
"""
from __future__ import annotations

import array
import functools
import itertools
import operator
import random
import wave
from dataclasses import dataclass, field

from assistant.core.context import Env, UsageError
from assistant.core.levels import SERIOUS, Level
from assistant.dialogue.reply import alert_for, answer
from assistant.understanding import vocabulary
from assistant.voice import grammar

RATE = 16000
SORRY = "Sorry, I didn't catch that \u2014 please say it again or type it."
NBEST = 10          # alternatives read from the decoder's lattice (they cost under a millisecond)
SURE = 0.3          # share of them that must mean what the best one means (benchmarks/hearing.py)
PAD_SECONDS = 0.25  # room tone before and after, so the first and last words are not clipped
NOISE_FLOOR = 100   # std of that room tone; synthetic or gated audio has digital silence, which the
                    # acoustic model never met and which makes it drop words (12 -> 20 of 24 heard whole)
LOUD = 300.0        # RMS that room tone stays under: speech must pass it, and 3x the room's floor
QUESTION_WORDS = set("can could may is are am when what how should do does will why which who where".split())
_NOTHING = (Level.NONE, ())  # the meaning of a hearing with no triage level and no topic
_SHOWN = {"i": "I", "i'm": "I'm", "i've": "I've", "i'd": "I'd", "i'll": "I'll"}


class HearingUnavailable(Exception):
    """No microphone, no sound library, or no recogniser: the message says which, in one line."""


@dataclass
class Heard:
    text: str                                      # the best hypothesis; "" when nothing was heard
    alternatives: list[str] = field(default_factory=list)  # distinct n-best, best first


@dataclass
class Verdict:
    kind: str          # "answer" (text is the question), "confirm" or "sorry" (text is the message)
    text: str
    heard: str = ""    # what the patient is shown as heard
    confidence: float = 0.0
    level: Level = Level.NONE


def shown(text: str) -> str:
    """A hearing as a person would write it: "can I take advil"."""
    return " ".join(_SHOWN.get(w, w) for w in text.split())


class Recogniser:
    """pocketsphinx with the en-us model it ships, and a trigram model of what patients say."""

    def __init__(self, vocab=None):
        try:
            import pocketsphinx
        except ImportError as exc:
            raise HearingUnavailable("voice input needs pocketsphinx (pip install 'aftercare[voice]')") from exc
        # lm=None: the stock 30 MB model is never loaded; loglevel FATAL keeps C logging off the screen;
        # fwdflat off: its second pass took a third of the time and heard no more on the benchmark
        self.decoder = pocketsphinx.Decoder(pocketsphinx.Config(loglevel="FATAL", lm=None, fwdflat=False))
        g = grammar.build(vocab or vocabulary.load(), self.decoder.lookup_word)
        for word, phones in g.spelled.items():
            self.decoder.add_word(word, phones, False)
        _load_model(self.decoder, g.arpa())
        self.decoder.activate_search("aftercare")

    def hear(self, pcm: bytes) -> Heard:
        """Recognise one utterance of 16 kHz mono 16-bit PCM."""
        if not has_speech(pcm):
            return Heard("")
        d = self.decoder
        d.start_utt()
        d.process_raw(condition(pcm), full_utt=True)
        d.end_utt()
        hyp = d.hyp()
        text = hyp.hypstr.strip() if hyp is not None else ""
        if not text:
            return Heard("")
        alternatives = [text]
        for alt in itertools.islice(d.nbest(), NBEST):
            said = alt.hypstr.strip()
            if said and said not in alternatives:
                alternatives.append(said)
        return Heard(text, alternatives)


_RECOGNISER: Recogniser | None = None


def recogniser() -> Recogniser:
    """Return the process's recogniser, built on first use (about a second)."""
    global _RECOGNISER
    if _RECOGNISER is None:
        _RECOGNISER = Recogniser()
    return _RECOGNISER


def _load_model(decoder, arpa: str) -> None:
    """Hand the model to the decoder, which reads only files; the file goes as soon as it is read."""
    import os
    import tempfile
    fd, path = tempfile.mkstemp(prefix="aftercare-", suffix=".arpa")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(arpa)
        decoder.add_lm_file("aftercare", path)
    finally:
        os.unlink(path)


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
    levels = sorted(_rms(pcm[i:i + step]) for i in range(0, len(pcm) - step + 1, step))
    if len(levels) < 5:
        return False
    floor = levels[len(levels) // 10]
    loud = sum(1 for v in levels if v > max(3.0 * floor, LOUD))
    return loud * block >= 0.2


# ---- audio files -------------------------------------------------------------------------------

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
    import shutil
    import subprocess
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


# ---- what to do with a hearing -----------------------------------------------------------------

def decide(heard: Heard, protocol, treated, now, vocab=None) -> Verdict:
    """Answer what was heard, confirm a red flag it may hold, or say sorry; never guess.

    Confidence is agreement in meaning: of the decoder's alternatives that mean anything at all
    (a triage level or a topic), the share that mean what the best one means. A red flag in any
    alternative that the best one does not raise, or an unsure best one that raises it, is put to
    the patient to confirm: a missed emergency costs more than a question back.
    """
    if not heard.text:
        return Verdict("sorry", SORRY)
    said = heard.alternatives or [heard.text]
    replies = [answer(alt, protocol, treated, now, vocab) for alt in said]
    meanings = [(r.triage.level, tuple(sorted(a.topic for a in r.answers))) for r in replies]
    best = meanings[0]
    meaningful = [m for m in meanings if m != _NOTHING]
    confidence = sum(m == best for m in meaningful) / len(meaningful) if best != _NOTHING else 0.0
    worst = max(range(len(meanings)), key=lambda i: (meanings[i][0].rank, -i))
    level = meanings[worst][0]
    if level in SERIOUS and (level > best[0] or confidence < SURE):
        line = alert_for(replies[worst].triage, protocol).line
        return Verdict("confirm", f"Did you say: {shown(said[worst])}? If so, {line[:1].lower()}{line[1:]}",
                       shown(said[worst]), confidence, level)
    if best != _NOTHING and confidence >= SURE:
        return Verdict("answer", heard.text, shown(heard.text), confidence, best[0])
    return Verdict("sorry", SORRY, shown(heard.text), confidence)


def heard_line(verdict: Verdict) -> str:
    """Say what was heard: "I heard: can I take advil?"."""
    first = verdict.text.split()[:1]
    return f"I heard: {verdict.heard}{'?' if first and first[0] in QUESTION_WORDS else ''}"


# ---- microphone --------------------------------------------------------------------------------


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
        level = _rms(chunk)
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


def _rms(chunk: bytes) -> float:
    samples = array.array("h", chunk[:len(chunk) // 2 * 2])
    return (sum(s * s for s in samples) / len(samples)) ** 0.5 if samples else 0.0


def microphone():
    """Find the sound library and an input device: (sounddevice, the rate to record at), or raise."""
    try:
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


def _hear_microphone(env: Env) -> Heard:
    """Check the microphone, build the decoder, then record: the answer then follows the pause at once."""
    mic = microphone()  # first, so no one waits a second for a device that is not there
    return recogniser().hear(record(env, mic))
