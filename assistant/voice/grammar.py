"""Build what the recogniser may hear from intents/, so a new keyword or synonym is heard as soon as it is added.

    g = build(vocabulary.load(), lookup)  # lookup(word) -> phones, or None when the dictionary lacks it
    g.sentences  # ["can i take advil", "is advil ok", "there is pus", "i have a fever of one hundred two", ...]
    g.training_lines()  # what voice.hearing builds its trigram model from
    g.spelled    # {"spf": "EH S P IY EH F"}: short acronyms the dictionary lacks, said letter by letter
Sentences are the topics' example questions, every keyword and synonym in the question frames
patients use ("can i take ...", "is ... ok", "when can i ..."), every red-flag phrase in the ways
symptoms are reported ("i have ...", "there is ...", "my ..."), and spoken temperatures. A phrase
with a word the dictionary lacks is left out, so the decoder never meets an unknown word.

Why a trigram model of these sentences rather than a JSGF grammar of the same frames: measured on
espeak-ng speech, a grammar over all ~1,100 keywords took 0.2-50 s an utterance (grammar search
has no shared lexicon tree, so each keyword is its own path at every position) and heard fewer
questions right; the model takes about 0.15 s. The stock model heard "can i wear makeup" as
"we're late". The model still only knows these words, so what it hears is always something the
assistant understands, or nothing.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from assistant.dialogue.conversation import COMMANDS
from assistant.understanding.vocabulary import Vocabulary
from assistant.voice.wording import Lookup, Phrase, Wording, contains

# Speech glue intents/ has no list for: how spoken questions open and symptoms are reported.
# {k} is a keyword or red-flag phrase (and each synonym of it), {v} a verb from the topic's examples.
ASK = ["can i {v} {k}", "can i {v} the {k}", "can i {v} my {k}", "can i {v} a {k}", "when can i {v} {k}",
       "is it ok to {v} {k}", "is it okay to {v} {k}", "should i {v} {k}", "is {k} ok", "is the {k} ok",
       "is a {k} ok", "is {k} okay", "what about {k}", "{k}"]
TELL = ["is {k} normal", "what about {k}", "how long does {k} last", "i have {k}", "my {k}", "{k}",
        "is it normal to have {k}"]
REPORT = ["{k}", "i {k}", "i have {k}", "i have a {k}", "there is {k}", "my {k}"]
FEEL = ["{k}", "my face is {k}", "i am {k}", "is it normal to be {k}"]
# Product lines by brand ("cicaplast", "supergoop") are heard in these frames only: in all of ASK they
# made the model so broad that other speech was bent onto a topic twice as often. A topic's instances
# (intents/instances.toml: "kickboxing", "night balm") are not heard at all: even in these frames their
# 1,300 phrases had household speech answered on a topic 8 times in 120 (3 without) and took the
# recogniser past 50 MiB.
BRAND = ["can i {v} {k}", "can i {v} my {k}", "is {k} ok", "{k}"]
COMBO = ["my {a} is {b}", "my {a} is getting {b}", "i have {a} and i feel {b}", "{a} and {b}"]
VERBS = ["use", "take", "wear", "put on", "go", "go to", "go in", "get", "have", "do", "start", "apply"]
FEVER = ["i have a fever of {t}", "my temperature is {t}", "fever of {t}", "i have a temperature of {t}",
         "my temperature is {t} degrees"]
# When a patient says it happened or will happen: {n} a number word, {u} a unit, both from intents/.
WHEN = ["today", "tonight", "tomorrow", "this morning", "this evening", "this weekend", "next week", "now",
        "again", "yet", "after my treatment", "in {n} {u}"]
SINCE = ["yesterday", "today", "this morning", "last night", "{n} {u} ago"]
DONE = ("had", "got", "was", "did")  # the treatment phrases of intents/ said as "i had it done yesterday"
EXAMPLE_WEIGHT = 5
MAX_SPELLED = 3  # "spf", "ipl", "bha": short acronyms said as letters; longer unknown words are left out


@dataclass
class Grammar:
    sentences: list[str]
    spelled: dict[str, str] = field(default_factory=dict)
    examples: list[str] = field(default_factory=list)  # the topics' example questions, also in sentences

    @property
    def words(self) -> frozenset[str]:
        return frozenset(w for s in self.sentences for w in s.split())

    def training_lines(self) -> list[str]:
        """Return the lines to build the language model from.

        Examples count EXAMPLE_WEIGHT times: they are how people really ask, where the frames are
        only coverage (measured on two American voices: 100 -> 106 of 114 questions on the right topic).
        """
        return self.sentences + self.examples * (EXAMPLE_WEIGHT - 1)


def build(vocab: Vocabulary, lookup: Lookup) -> Grammar:
    """Return every sentence the recogniser should expect, in words the dictionary can say."""
    spelled: dict[str, str] = {}
    spoken = Wording(vocab, lookup)
    out: dict[str, None] = {}  # ordered and unique

    def add(phrases: Iterable[Phrase], spell: bool = False):
        for p in phrases:
            if p and all(_sayable(w, lookup, spelled, spell) for w in p):
                out.setdefault(" ".join(p))

    for topic in vocab.topics.values():
        add(v for e in topic.examples for v in spoken.forms(tokens(e)))
    add(tokens(c) for c in COMMANDS if c[:1].isalpha())  # "repeat", "slower", "stop": the chat by voice
    examples = list(out)
    for topic in vocab.topics.values():
        examples_of = [tokens(e) for e in topic.examples]
        verbs = [v for v in VERBS if any(contains(e, tokens(v)) for e in examples_of)] or ["use"]
        frames = ASK if topic.kind == "activity" else TELL
        things = [f for k in topic.keywords for f in spoken.forms(k)]
        add((_fill(f, k, v) for k in things for f in frames for v in (verbs if "{v}" in f else [""])),
            spell=True)
        brands = [b for k in topic.keywords for b in spoken.brand_forms(k)]
        add(_fill(f, k, v) for k in brands for f in BRAND for v in (verbs if "{v}" in f else [""]))
    for sign in vocab.signs:
        add(_fill(f, p) for s in sign.phrases for p in spoken.forms(s) for f in REPORT)
    for combo in vocab.combos:  # "my throat is closing", "i have hives and i feel dizzy"
        pairs = [(w, n) for a in combo.words for w in spoken.forms(a) for b in combo.near for n in spoken.forms(b)]
        add(tokens(f.format(a=" ".join(a), b=" ".join(b))) for a, b in pairs for f in COMBO)
    for reaction in vocab.reactions:
        add(_fill(f, p) for w in reaction.words for p in spoken.forms(w) for f in FEEL)
    add(tokens(f.format(t=t)) for t in temperatures(vocab) for f in FEVER)
    add(v for kind in (spoken.synonyms, spoken.brands) for variants in kind.values() for v in variants)  # each alone
    add(_timed(vocab, examples, spoken))
    return Grammar(list(out), spelled, examples)


def _timed(vocab: Vocabulary, examples: list[str], spoken: Wording) -> Iterable[Phrase]:
    """Questions with a time in them: "can i wear makeup tomorrow", "i had it done yesterday can i swim"."""
    when, since = times(vocab, WHEN), times(vocab, SINCE)
    done = [p for p, _ in vocab.elapsed_treatment.entries() if p[0] in DONE]
    for e in examples:
        yield from (tokens(f"{e} {w}") for w in when)
        yield from (tokens(f"i {' '.join(p)} {s} {e}") for p in done for s in since[:4])
    yield from (tokens(f"i {' '.join(p)} {s}") for p in done for s in since)
    for topic in vocab.topics.values():
        if topic.kind == "activity":
            things = [f for k in topic.keywords for f in spoken.forms(k)]
            yield from (_fill("{k} " + w, k) for k in things for w in when[:6])


def times(vocab: Vocabulary, frames: list[str]) -> list[str]:
    """Fill the time frames with the number words one to ten and the units of intents/ ("in three days")."""
    name = {int(v): w for w, v in vocab.numbers.items() if v == int(v) and w not in ("a", "an", "couple", "few")}
    units = [u for u in vocab.units if len(u) > 2 and u not in vocab.written]  # "days", "hours": not "hrs", "h"
    out = []
    for f in frames:
        if "{n}" in f:
            out += [f.format(n=name[n], u=u) for n in range(1, 11) for u in units
                    if (n == 1) == (not u.endswith("s"))]
        else:
            out.append(f)
    return out


def tokens(text: str) -> Phrase:
    """Split text into spoken words, apostrophes kept ("can't" is one word in the dictionary)."""
    return tuple(re.findall(r"[a-z0-9]+(?:'[a-z]+)?", text.casefold().replace("\u2019", "'")))


def temperatures(vocab: Vocabulary) -> list[str]:
    """Spoken temperatures from 99 to 105 °F and 37 to 41 °C: "one hundred two", "thirty nine point five"."""
    name = {int(v): w for w, v in vocab.numbers.items() if v == int(v) and w not in ("a", "an", "couple", "few")}
    said = []
    for f in range(99, 106):
        rest = f - 100
        if rest < 0:
            said.append(f"{name[90]} {name[9]}")
            continue
        tail = f" {name[rest]}" if rest else ""
        said += [f"one hundred{tail}", f"a hundred and{tail}" if rest else "a hundred", f"one hundred and{tail}"]
        said.append(f"one hundred{tail} point five")
    for c in range(37, 42):
        said += [f"{name[30]} {name[c - 30]}", f"{name[30]} {name[c - 30]} point five"]
    return said


def _fill(frame: str, phrase: Phrase, verb: str = "") -> Phrase:
    """Put a phrase (and a verb) into a frame: ("can i {v} {k}", advil, take) -> can i take advil."""
    return tokens(frame.format(k=" ".join(phrase), v=verb))


def _sayable(word: str, lookup: Lookup, spelled: dict[str, str], may_spell: bool) -> bool:
    """Tell whether the decoder can say a word, spelling a short acronym letter by letter if allowed."""
    if lookup(word) or word in spelled:
        return True
    if may_spell and word.isalpha() and len(word) <= MAX_SPELLED:
        letters = [lookup(c) for c in word]
        if all(letters):
            spelled[word] = " ".join(letters)
            return True
    return False


def candidates(vocab: Vocabulary) -> set[str]:
    """Every word a sentence may be made of, so their pronunciations can be found in one go."""
    phrases = [k for t in vocab.topics.values() for k in t.keywords] + \
              [tokens(e) for t in vocab.topics.values() for e in t.examples] + \
              [p for p, _ in vocab.synonyms.entries()] + \
              [p for s in vocab.signs for p in s.phrases] + [p for r in vocab.reactions for p in r.words] + \
              [p for c in vocab.combos for p in c.words + c.near] + \
              [p for p, _ in vocab.elapsed_treatment.entries()]
    frames = ASK + TELL + REPORT + FEEL + COMBO + VERBS + FEVER + WHEN + SINCE
    return {w for p in phrases for w in p} | {w for f in frames for w in tokens(f)} | set(vocab.numbers) | \
        set(vocab.units)


def glue() -> frozenset[str]:
    """The words of the frames around keywords ("can i", "is it ok", "tomorrow"): they carry no meaning."""
    frames = ASK + TELL + REPORT + FEEL + COMBO + VERBS + WHEN + SINCE
    return frozenset(w for f in frames for w in tokens(f.replace("{", " {").replace("}", "} "))
                     if w not in ("k", "v", "a", "b", "n", "u") or w == "a")
