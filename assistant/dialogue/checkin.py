"""The daily check-in: ask once a day, read the answer, say back what was kept.

    read("fine thanks")      -> Reading("good")
    read("yes a little")     -> Reading("some")             # then: which one, in your own words?
    read("38.2")             -> Reading("number", temperature_f=100.8)
    read("6/10"), read("6")  -> Reading("number", pain=6)
    read("my cheek is hot")  -> Reading("words")            # answered and triaged like any message
The words it knows for "all good" and "yes" are data (intents/language.toml [checkin]). A number
alone is pain when 0-10 and a temperature when it reads as one; a temperature is triaged against
the clinic's own fever line, and pain of 7 or more, or 2 points up on the last score, is the red
flag "pain that is severe or getting worse".
"""
from __future__ import annotations

from assistant.clinic.protocol import Protocol
from assistant.core.levels import Level
from assistant.core.record import Record
from assistant.understanding import quantity
from assistant.understanding.utterance import Utterance
from assistant.understanding.vocabulary import Vocabulary

SEVERE_PAIN = 7   # on 0-10, "severe" in the usual pain scales
RISE = 2          # points up on the last score: "getting worse", not a bad minute
_PAIN_WORDS = {"pain", "hurts", "hurt", "hurting", "sore", "soreness", "ache", "aching", "painful", "score"}
_NUMBER_WORDS = {"out", "of", "is", "my", "a", "about", "around", "it", "at", "temp", "temperature", "degrees",
                 "degree", "f", "c", "fahrenheit", "celsius", "level", "maybe", "roughly", "like", "the"}


class Reading(Record):
    kind: str                           # good, some, number, words
    temperature_f: float | None = None
    pain: int | None = None

    @property
    def whole(self) -> bool:
        """Say whether the check-in answers this itself; a temperature or words go through triage."""
        return self.kind in ("good", "some") or (self.kind == "number" and self.pain is not None)


def question(day: int) -> str:
    """Ask today's check-in."""
    return (f"Quick check-in for day {day}: any fever, pus, or redness that is spreading? Say \"all good\", "
            "give your temperature or your pain from 0 to 10, or tell me in your own words.")


def read(text: str, vocab: Vocabulary) -> Reading:
    """Read a check-in answer; anything it cannot read whole is "words"."""
    tokens = [t for t in Utterance.of(text, vocab).tokens if t not in ".!?;,:"]
    pain = _pain(tokens, vocab)
    temps = quantity.temperatures(tokens, vocab)
    temperature = temps[0][1] if temps else None
    words = [t for t in tokens if t.isalpha()]
    for said in (tuple(tokens), tuple(t for t in tokens if t not in vocab.checkin_filler)):
        if said and said in vocab.checkin:
            return Reading(vocab.checkin[said])
    if (pain is not None or temperature is not None) and \
            all(w in _NUMBER_WORDS or w in _PAIN_WORDS or w in vocab.checkin_filler for w in words):
        return Reading("number", temperature if pain is None else None, pain)
    return Reading("words", temperature, pain)


def _pain(tokens: list[str], vocab: Vocabulary) -> int | None:
    """Find a pain score: "6/10", "6 out of 10", "pain 6", or a lone number from 0 to 10."""
    for t in tokens:
        if "/" in t:
            top, _, bottom = t.partition("/")
            if top.isdigit() and bottom == "10" and int(top) <= 10:
                return int(top)
    nums = quantity.numbers(tokens, vocab)
    if len(nums) == 2 and nums[1][2] == 10 and tokens[nums[0][1]:nums[0][1] + 2] == ["out", "of"]:
        value = nums[0][2]
    elif len(nums) == 1 and (set(tokens) & _PAIN_WORDS or len(tokens) == nums[0][1] - nums[0][0]):
        value = nums[0][2]
    else:
        return None
    return int(value) if value == int(value) and 0 <= value <= 10 else None


def respond(reading: Reading, protocol: Protocol, day: int, last_pain: int | None,
            sign_say: str = "") -> tuple[list[tuple[str, str]], Level, list[str]]:
    """Say back a good, some or number reading; return the lines, the level it raises and why."""
    reach = protocol.how_to_reach()
    if reading.kind == "good":
        return [("info", f"Good, thank you: noted for day {day}. If anything changes, tell me, or call your clinic "
                         f"{reach}.")], Level.NONE, []
    if reading.kind == "some":
        return [("info", "Tell me a little more: is it a fever, pus, or redness that is spreading? Describe it in "
                         "your own words, or give your temperature or your pain from 0 to 10.")], Level.NONE, []
    lines: list[tuple[str, str]] = []
    if reading.pain is not None:
        rose = last_pain is not None and reading.pain - last_pain >= RISE
        if reading.pain >= SEVERE_PAIN or rose:
            why = f"pain of {reading.pain} out of 10" + (f", up from {last_pain}" if rose else "")
            return [(str(Level.URGENT), f"Call your clinic now, {reach}, about {why}. {sign_say} If you cannot "
                                        f"reach the clinic, go to urgent care, or call {protocol.emergency} if it gets "
                                        "worse quickly.".replace("  ", " "))], Level.URGENT, [why]
        trend = "" if last_pain is None else \
            (f", down from {last_pain}" if reading.pain < last_pain else f", {last_pain} last time")
        lines.append(("info", f"Noted for day {day}: pain {reading.pain} out of 10{trend}. If it gets worse "
                              f"instead of better, call your clinic {reach}."))
    return lines, Level.NONE, []


def temperature_note(temperature_f: float, protocol: Protocol, day: int) -> str:
    """Say back a temperature that raised nothing."""
    line = min(protocol.fever_f, 100.4)
    return (f"Noted for day {day}: {temperature_f:g} °F, not a fever. If it reaches {line:g} °F, call your clinic "
            f"{protocol.how_to_reach()}.")
