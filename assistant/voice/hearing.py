"""Hear a spoken question offline with pocketsphinx: the one module that imports it.

    heard = recogniser().hear(pcm)   # 16 kHz mono 16-bit PCM -> Heard("can i take advil", [...], 0.97, 0.0, -2.2)
The language model is built from intents/ (voice.grammar) with everyday English words beside it,
so speech about something else is heard as everyday words, not bent onto a topic; each word's
posterior from the decoder's lattice says how surely it was heard, and the model itself how like
what patients say the sentence is (fluency). voice.verdict decides what to do.
Decoding costs about 50 ms of CPU a second of audio whatever the audio holds (on the benchmark's
2 s question: 125 ms of about 270 ms in all), so only the speech and a little quiet around it is decoded.
"""
from __future__ import annotations

import contextlib
import io
import itertools
import os
import shutil

from assistant.core import data
from assistant.core.cache import cached
from assistant.core.context import Env
from assistant.core.record import Default, Record
from assistant.voice.audio import condition, room_tone, trim
from assistant.voice.microphone import HearingUnavailable, microphone, record

# Everyday words the model may hear instead of bending speech onto a topic, and their share of the
# unigram mass. On the tuning household questions, before any verdict: with none, 92 of 160
# recordings held a topic or red-flag word; with these, 71, and questions heard right stayed 167 of
# 182. 5,000 words at half the mass took 71 -> 57 but decoded three times slower.
EVERYDAY = 3000
BACKGROUND = 0.15
NBEST = 10  # alternatives read from the decoder's lattice: voice.verdict's agreement is a share of them
# Alternatives read further down, only for a red flag when nothing was surely heard: "i have hives" in
# the Klatt voice came 26th. At 30, household speech asked back as a red flag went 9 -> 13 of 120; at
# 60, 21, with no more red flags found.
FURTHER = 30
# Household speech comes out as words from all over the model in an order no patient uses: on the
# tuning recordings, questions heard right had a median of -2.6 a word and household ones -5.8.
FLUENT = -4.5  # the lowest mean log-probability a word (`fluency`) of a hearing voice.verdict answers


class Heard(Record):  # core.record, not dataclasses: those load `inspect` (10 ms of `ask --from-wav`)
    text: str                                      # the best hypothesis; "" when nothing was heard
    alternatives: list[str] = Default(list)        # distinct n-best, best first
    confidence: float = 0.0                        # posterior of the least sure word that carries meaning
    foreign: float = 0.0                           # share of its words from outside the grammar
    fluency: float = FLUENT                        # mean log-probability a word under the model (0: certain);
                                                   # unmeasured, just fluent enough
    further: list[str] = Default(list)             # distinct alternatives after those, up to FURTHER in all


class Model(Record):
    """What the decoder is given: a dictionary of only the words it may hear, and a binary trigram model."""

    dictionary: str   # "advil AE D V IH L\n...", CMUdict's pronunciations and espeak-ng's for the rest
    lm: bytes         # the trigram model in pocketsphinx's binary format: read in a millisecond, not 200
    grammar: frozenset[str]  # the words of what patients say here (the rest are everyday words)
    glue: frozenset[str]     # the words of its frames ("can i", "is it ok"), which carry no meaning
    tone: list[int]          # audio.room_tone(), kept here since making it costs 7 ms a process


class Recogniser:
    """pocketsphinx with the en-us acoustic model it ships, and a trigram model of what patients say.

    The model is compiled once (about 2 s) and kept in the compiled-data cache, keyed by intents/,
    the decoder's dictionary and the code of the rooms that build it; after that a recogniser is
    ready in about 20 ms, since its dictionary holds only the ~4,000 words it may hear (the whole
    CMUdict took 200 ms to read and the search over it 300 ms to set up).
    """

    def __init__(self, vocab=None):
        try:  # pocketsphinx loads its acoustic model's code: only for voice input
            import pocketsphinx
        except ImportError as exc:
            raise HearingUnavailable("voice input needs pocketsphinx (pip install 'aftercare[voice]')") from exc
        self._ps = pocketsphinx
        dictionary = os.path.join(pocketsphinx.get_model_path(), "en-us", "cmudict-en-us.dict")
        espeak = [p for p in [shutil.which("espeak-ng")] if p]  # installing it changes the model
        if vocab is None:
            # the intents files by name, not through the vocabulary: importing it cost the worker 8 ms
            model = cached("recogniser", data.intents() + [dictionary] + espeak, self._compiled, rooms=("voice",))
        else:
            model = self.compile(vocab)
        self.grammar, self.glue, self._dictionary, self._tone = model.grammar, model.glue, model.dictionary, model.tone
        with _handed(model.dictionary.encode()) as dict_path, _handed(model.lm) as lm_path:
            # loglevel FATAL keeps C logging off the screen; fwdflat off: its second pass took a
            # third of the time and heard no more on the benchmark. At most 1,500 sounds followed
            # a frame (30,000 by default): 10 % less CPU, the same hearings right; at 700 a red flag
            # was lost. (Fewer Gaussians a frame, topn 2 or 3, lost red flags too; so did every second
            # frame, ds 2, and narrower beams.) At most 20 words ending a frame: 3 more of 136 questions
            # heard right, none fewer, as fast.
            self.decoder = pocketsphinx.Decoder(pocketsphinx.Config(
                loglevel="FATAL", dict=dict_path, lm=lm_path, fwdflat=False, maxhmmpf=1500, maxwpf=20))
        self._lm = self.decoder.get_lm(self.decoder.current_search())

    @property
    def words(self) -> frozenset[str]:
        """Every word the decoder can hear: the grammar's and the everyday ones."""
        return frozenset(line.split(" ", 1)[0] for line in self._dictionary.splitlines())

    def _compiled(self) -> Model:
        from assistant.understanding import vocabulary  # only on a cache miss
        return self.compile(vocabulary.load())

    def compile(self, vocab) -> Model:
        """Build the dictionary and the model from intents/ (a cache miss: about 2 s)."""
        import tempfile  # only on a cache miss: a cached model needs none of these

        from assistant.voice import grammar
        from assistant.voice.lexicon import Lexicon
        ps = self._ps
        full = ps.Decoder(ps.Config(loglevel="FATAL", lm=None))  # the whole CMUdict, for lookups only
        lexicon = Lexicon(full.lookup_word, grammar.candidates(vocab))
        g = grammar.build(vocab, lexicon)
        everyday = _everyday(ps, full, EVERYDAY) if EVERYDAY else {}
        said = {**{w: full.lookup_word(w) for w in everyday}, **g.spelled,
                **{w: lexicon(w) for w in g.words if w not in g.spelled}}
        with tempfile.TemporaryDirectory(prefix="aftercare-") as folder:
            text, binary = os.path.join(folder, "lm.arpa"), os.path.join(folder, "lm.bin")
            with open(text, "w", encoding="utf-8") as f:
                f.write(arpa(g.training_lines(), everyday))
            ps.NGramModel(full.config, full.logmath, text).write(binary, ps.NGramModel.str_to_type("bin"))
            with open(binary, "rb") as f:
                lm = f.read()
        return Model("".join(f"{w} {said[w]}\n" for w in sorted(said)), lm, g.words, grammar.glue(), room_tone())

    def hear(self, pcm: bytes) -> Heard:
        """Recognise one utterance of 16 kHz mono 16-bit PCM."""
        speech = trim(pcm)
        if not speech:
            return Heard("")
        d = self.decoder
        d.start_utt()
        d.process_raw(condition(speech, self._tone), full_utt=True)
        d.end_utt()
        hyp = d.hyp()
        text = hyp.hypstr.strip() if hyp is not None else ""
        if not text:
            return Heard("")
        alternatives, further = [text], []
        for rank, alt in enumerate(itertools.islice(d.nbest(), FURTHER * 3)):  # from the lattice: a millisecond
            said = alt.hypstr.strip()
            if said and said not in alternatives and said not in further:
                (alternatives if rank < NBEST else further).append(said)
            if len(alternatives) + len(further) >= FURTHER:
                break
        # Word posteriors from the lattice: how much of the decoder's belief went through each word.
        words = [(seg.word, seg.prob) for seg in d.seg() if seg.word[:1] not in "<[+"]
        meaning = [p for w, p in words if w in self.grammar and w not in self.glue] or [p for _, p in words]
        foreign = sum(w not in self.grammar for w, _ in words) / max(1, len(words))
        return Heard(text, alternatives, min(meaning, default=0.0), foreign, self.fluency(text), further)

    def fluency(self, text: str) -> float:
        """Return how like what patients say here a sentence is: its mean log-probability a word under the model.

        Speech about something else comes out as words from all over the model in an order no
        patient uses ("is the bank open on Saturday" heard as "is the back open sad today", -6.2);
        questions heard right score about -2.6.
        """
        words = ["<s>", *text.split(), "</s>"]
        ln = self.decoder.logmath.log_to_ln
        # prob() takes the word first, then the words before it, nearest first
        return sum(ln(self._lm.prob(words[i - 2:i + 1][::-1] if i > 1 else words[i::-1]))
                   for i in range(1, len(words))) / (len(words) - 1)


_RECOGNISER: Recogniser | None = None


def recogniser() -> Recogniser:
    """Return the process's recogniser, built on first use (about 20 ms, 2 s when the cache is cold)."""
    global _RECOGNISER
    if _RECOGNISER is None:
        _RECOGNISER = Recogniser()
    return _RECOGNISER


def arpa(lines: list[str], background: dict[str, float] | None = None) -> str:
    """Return sentences as an ARPA trigram model, built by pocketsphinx's own builder.

    `background` words (with their shares of everyday English) get BACKGROUND of the unigram mass.
    """
    from pocketsphinx.lm import ArpaBoLM  # part of pocketsphinx, imported with it above
    model = ArpaBoLM(text="\n".join(lines), add_start=True, case="lower")
    if background:
        total = sum(model.grams_1.values()) * BACKGROUND / (1 - BACKGROUND) / sum(background.values())
        for word, share in background.items():
            model.grams_1[word] += share * total
    model.compute()
    out = io.StringIO()
    model.write(out)
    return out.getvalue()


def _everyday(ps, decoder, n: int) -> dict[str, float]:
    """Return the n commonest words of everyday English with their shares, from the stock model's unigrams."""
    folder = os.path.join(ps.get_model_path(), "en-us")
    stock = ps.NGramModel(decoder.config, decoder.logmath, os.path.join(folder, "en-us.lm.bin"))
    with open(os.path.join(folder, "cmudict-en-us.dict"), encoding="utf-8") as f:
        words = {line.split(" ", 1)[0] for line in f if "(" not in line.split(" ", 1)[0]}
    ranked = sorted(((stock.prob([w]), w) for w in words if w.isalpha() or "'" in w), reverse=True)[:n]
    return {w: decoder.logmath.exp(p) for p, w in ranked}


@contextlib.contextmanager
def _handed(body: bytes):
    """Give the decoder, which reads only files, bytes as a path: an in-memory file where Linux has one."""
    if hasattr(os, "memfd_create"):
        fd = os.memfd_create("aftercare")
        try:
            os.write(fd, body)
            yield f"/proc/self/fd/{fd}"
        finally:
            os.close(fd)
        return
    import tempfile  # where there is no memfd_create: not on Linux
    fd, path = tempfile.mkstemp(prefix="aftercare-")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(body)
        yield path
    finally:
        os.unlink(path)


def _hear_microphone(env: Env) -> Heard:
    """Check the microphone, build the decoder, then record: the answer then follows the pause at once."""
    mic = microphone()  # first, so no one waits a second for a device that is not there
    return recogniser().hear(record(env, mic))
