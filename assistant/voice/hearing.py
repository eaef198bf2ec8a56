"""Hear a spoken question offline with pocketsphinx, against a language model built from intents/.

    heard = recogniser().hear(pcm)          # 16 kHz mono 16-bit PCM -> Heard("can i take advil", [...])
    decide(heard, protocol, treated, now)   # -> Verdict("answer", "can i take advil", ...)
What is not understood gets SORRY, never a guess; an unsure hearing that holds a red flag is
confirmed with its call-now line ("Did you say: I can't breathe? If so, call 911 now.") rather than
dropped. The decoder costs about a second to set up, so it is built once per process.
"""
from __future__ import annotations

import io
import itertools
import os
import tempfile
from dataclasses import dataclass, field

from assistant.core.context import Env
from assistant.core.levels import SERIOUS, Level
from assistant.dialogue.alert import alert_for
from assistant.dialogue.reply import answer
from assistant.understanding import vocabulary
from assistant.voice import grammar
from assistant.voice.audio import condition, has_speech
from assistant.voice.microphone import HearingUnavailable, microphone, record

SORRY = "Sorry, I didn't catch that \u2014 please say it again or type it."
NBEST = 10          # alternatives read from the decoder's lattice (they cost under a millisecond)
SURE = 0.3          # share of them that must mean what the best one means (benchmarks/hearing.py)
QUESTION_WORDS = set("can could may is are am when what how should do does will why which who where".split())
_NOTHING = (Level.NONE, ())  # the meaning of a hearing with no triage level and no topic
_SHOWN = {"i": "I", "i'm": "I'm", "i've": "I've", "i'd": "I'd", "i'll": "I'll"}


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
        try:  # pocketsphinx loads its acoustic model's code: only for voice input
            import pocketsphinx
        except ImportError as exc:
            raise HearingUnavailable("voice input needs pocketsphinx (pip install 'aftercare[voice]')") from exc
        # lm=None: the stock 30 MB model is never loaded; loglevel FATAL keeps C logging off the screen;
        # fwdflat off: its second pass took a third of the time and heard no more on the benchmark
        self.decoder = pocketsphinx.Decoder(pocketsphinx.Config(loglevel="FATAL", lm=None, fwdflat=False))
        g = grammar.build(vocab or vocabulary.load(), self.decoder.lookup_word)
        for word, phones in g.spelled.items():
            self.decoder.add_word(word, phones, False)
        _load_model(self.decoder, arpa(g.training_lines()))
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


def arpa(lines: list[str]) -> str:
    """Return sentences as an ARPA trigram model, built by pocketsphinx's own builder."""
    from pocketsphinx.lm import ArpaBoLM  # part of pocketsphinx, imported with it above
    model = ArpaBoLM(text="\n".join(lines), add_start=True, case="lower")
    model.compute()
    out = io.StringIO()
    model.write(out)
    return out.getvalue()


def _load_model(decoder, model: str) -> None:
    """Hand the model to the decoder, which reads only files; the file goes as soon as it is read."""
    fd, path = tempfile.mkstemp(prefix="aftercare-", suffix=".arpa")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(model)
        decoder.add_lm_file("aftercare", path)
    finally:
        os.unlink(path)


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


def _hear_microphone(env: Env) -> Heard:
    """Check the microphone, build the decoder, then record: the answer then follows the pause at once."""
    mic = microphone()  # first, so no one waits a second for a device that is not there
    return recogniser().hear(record(env, mic))
