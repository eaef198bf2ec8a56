"""Decide what to do with a hearing: answer it, put a red flag back to the patient, or say sorry.

    verdict = decide(heard, protocol, treated, now)
    verdict.kind        # "answer", "confirm" or "sorry"
    verdict.question    # what to answer: the words heard, or the red flag's words to confirm
What is not surely heard gets SORRY, never a guess: a hearing is answered only when its meaning
was surely heard (the words that carry it have a posterior of at least SURE, or AGREE of the
decoder's alternatives mean the same), few of its words lie outside what patients say here, and
the sentence reads like something patients say (FLUENT) or all NBEST alternatives mean one thing.
A red flag is never dropped: heard unsure, or only in one of the decoder's alternatives (however
far down, however sure the rest), it is asked back with its call-now line ("Did you say: my
throat is swelling? If so, call 911 now"); a question surely heard is answered after it. Where
nothing was surely heard, the alternatives further down (voice.hearing's FURTHER) are read for
a red flag too, and the most serious found is asked back instead of sorry.
"""
from __future__ import annotations

from assistant.core.levels import SERIOUS, Level
from assistant.core.record import Record
from assistant.dialogue.conversation import COMMANDS
from assistant.dialogue.reply import answer
from assistant.dialogue.response import Reply, asked_back
from assistant.voice.hearing import FLUENT, NBEST, Heard

SORRY = "Sorry, I didn't catch that \u2014 please say it again or type it."
# Thresholds set on benchmarks/hearing.py's spoken questions and tuning household recordings.
SURE = 0.3      # the lowest posterior a word that carries the meaning may have
FOREIGN = 0.15  # the largest share of everyday words outside the grammar a question may hold
# A word's posterior is split between the times the lattice places it, so a question heard right
# may have 0.25; when the alternatives agree on what it means, the meaning is sure all the same.
AGREE = 0.8     # the least share of NBEST alternatives (voice.hearing's) that must mean what the best one means
# FLUENT (voice.hearing's) is the least fluency an answered hearing has. A hearing this likely under the
# model, with no word from outside the grammar, is how patients say a question word for word: sure
# however the lattice split its words' posteriors ("can i touch my face", 0.07). Questions heard so
# scored -2.2 to -2.7; no household recording, tuning or held out, above -3.2.
CERTAIN = -3.0
# In one or two words ("slower", "advil") the odds of starting and ending a sentence there outweigh
# the words' order, so a hearing that short is judged by how surely it was heard alone.
FLUENT_WORDS = 3
QUESTION_WORDS = set("can could may is are am when what how should do does will why which who where".split())
_NOTHING = (Level.NONE, ())  # the meaning of a hearing with no triage level and no topic
_SHOWN = {"i": "I", "i'm": "I'm", "i've": "I've", "i'd": "I'd", "i'll": "I'll"}


class Verdict(Record):
    kind: str             # "answer", "confirm" or "sorry"
    question: str = ""    # the words to answer (for "confirm", the red flag's words)
    heard: str = ""       # what the patient is shown as heard
    confidence: float = 0.0
    level: Level = Level.NONE
    flag: str = ""        # with an answer: an alternative hearing's red flag, put back before it
    reply: Reply | None = None    # the reply to `question`, and to `flag`, as decide() found them
    flagged: Reply | None = None

    @property
    def text(self) -> str:
        """The line to print for a verdict that is not an answer."""
        return SORRY if self.kind == "sorry" else asked_back(self.heard)

    @property
    def said(self) -> str:
        """The words a conversation answers: the question, after the red flag put back with it."""
        return f"{self.flag}. {self.question}" if self.flag else self.question


def shown(text: str) -> str:
    """A hearing as a person would write it: "can I take advil"."""
    return " ".join(_SHOWN.get(w, w) for w in text.split())


def decide(heard: Heard, protocol, treated, now, vocab=None) -> Verdict:
    """Answer what was surely heard, confirm a red flag it may hold, or say sorry; never guess."""
    if not heard.text:
        return Verdict("sorry")
    said = heard.alternatives or [heard.text]
    replies = [answer(alt, protocol, treated, now, vocab) for alt in said]
    meanings = [(r.triage.level, tuple(sorted(a.topic for a in r.answers))) for r in replies]
    best = meanings[0]
    agree = sum(m == best for m in meanings) / max(len(meanings), NBEST)
    # Every alternative meaning the same is as good as fluent: other words for a topic ("my cheeks are
    # puffy") are unlike the sentences the model was built from, while household speech heard as
    # aftercare words seldom keeps one meaning through all NBEST (the tuning household set: 3 -> 3).
    fluent = heard.fluency >= FLUENT or len(heard.text.split()) < FLUENT_WORDS or agree >= 1.0
    certain = heard.fluency >= CERTAIN and not heard.foreign
    sure = certain or ((heard.confidence >= SURE or agree >= AGREE) and heard.foreign <= FOREIGN and fluent)
    # Counting only the first few alternatives of a sure hearing answered one more question of 136
    # and dropped an emergency said in a British voice: every alternative counts.
    worst = _most_serious([m[0] for m in meanings])
    level = meanings[worst][0]
    if level in SERIOUS and sure and level > best[0] and best[1]:
        # a question surely heard, and a red flag only further down ("is redness normal" beside "is
        # breathless normal"): answer it, with the red flag put back first, its call-now line kept
        return Verdict("answer", heard.text, shown(heard.text), heard.confidence, level, shown(said[worst]),
                       replies[0], replies[worst])
    if level in SERIOUS and (level > best[0] or not sure):
        return Verdict("confirm", said[worst], shown(said[worst]), heard.confidence, level, reply=replies[worst])
    if (best != _NOTHING or heard.text in COMMANDS) and sure:  # a question, or the chat's "repeat", "slower"
        return Verdict("answer", heard.text, shown(heard.text), heard.confidence, best[0], reply=replies[0])
    # nothing surely heard: the most serious red flag further down is asked back, not lost
    further = [answer(alt, protocol, treated, now, vocab) for alt in heard.further]
    k = _most_serious([r.triage.level for r in further]) if further else None
    if k is not None and further[k].triage.level in SERIOUS:
        return Verdict("confirm", heard.further[k], shown(heard.further[k]), heard.confidence,
                       further[k].triage.level, reply=further[k])
    return Verdict("sorry", "", shown(heard.text), heard.confidence)


def _most_serious(levels: list[Level]) -> int:
    """Return where the most serious level is, the first of equals."""
    return max(range(len(levels)), key=lambda i: (levels[i].rank, -i))


def heard_line(verdict: Verdict) -> str:
    """Say what was heard: "I heard: can I take advil?"."""
    first = verdict.heard.split()[:1]
    return f"I heard: {verdict.heard}{'?' if first and first[0].lower() in QUESTION_WORDS else ''}"
