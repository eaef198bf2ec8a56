"""Read numbers, temperatures and stated elapsed times out of utterance tokens.

    temperatures(["fever", "a", "hundred", "and", "one"], vocab) -> [(1, 101.0)]  (position, °F)
    elapsed(["i", "had", "it", "done", "3", "days", "ago"], vocab) -> Elapsed(72.0, "treatment")
"""
from __future__ import annotations

from assistant.core.record import Record
from assistant.timeline.bounds import number
from assistant.understanding.phrases import around, sentence_end
from assistant.understanding.things import another_procedure
from assistant.understanding.vocabulary import DECIMAL_POINT, Vocabulary

_BREAK = {".", "!", "?", ";"}


def numbers(tokens: list[str], vocab: Vocabulary) -> list[tuple[int, int, float]]:
    """Return (start, stop, value) for each number, in digits or words ("a hundred and one")."""
    out, i = [], 0
    while i < len(tokens):
        t = tokens[i]
        if t[0].isdigit():
            value = number(t)  # None for "11/24" (a date, or "9/10" a score) and past 12 digits: no quantity
            if value is not None:
                out.append((i, i + 1, value))
            i += 1
            continue
        stop, value = _spelled(tokens, i, vocab.numbers)
        if stop == i and t in ("a", "an", "couple", "few", "half"):
            j = i + 1 + (tokens[i + 1:i + 2] == ["couple"]) + (tokens[i + 2:i + 3] == ["of"])
            j += tokens[j:j + 1] == ["of"]
            if j < len(tokens) and tokens[j] in vocab.units:
                stop, value = j, vocab.numbers["couple" if "couple" in tokens[i:j] else t]
        if stop > i:
            out.append((i, stop, value))
            i = stop
        else:
            i += 1
    return out


def _spelled(tokens, i, table) -> tuple[int, float]:
    """Parse a spelled number from i; return (stop, value), stop == i when there is none."""
    total, current, j, seen, words = 0.0, 0.0, i, False, 0
    while j < len(tokens):
        t = tokens[j]
        if t in ("a", "an") and j + 1 < len(tokens) and tokens[j + 1] == "hundred":
            current, j, seen = 1.0, j + 1, True
            continue
        if (t == "hundred" and seen) or (t == "hundred" and current):
            current = (current or 1) * 100
        elif t == "and" and seen and j + 1 < len(tokens) and tokens[j + 1] in table \
                and tokens[j + 1] not in ("a", "an", "half", "couple", "few"):
            pass
        elif t == DECIMAL_POINT and seen and j + 1 < len(tokens) and (tokens[j + 1] in table or _short(tokens[j + 1])):
            nxt = tokens[j + 1]
            digit = float(nxt) if _short(nxt) else table[nxt]
            return j + 2, total + current + digit / (10 ** len(str(int(digit))))
        elif t in table and t not in ("a", "an", "half", "couple", "few", "hundred"):
            current += table[t]
            seen = True
            words += 1
        else:
            break
        j += 1
    return (j, total + current) if seen else (i, 0.0)


def _short(token: str) -> bool:
    """Say whether a token is a whole number of at most three digits, as decimals after "point" are."""
    return token.isdecimal() and len(token) <= 3


def temperatures(tokens: list[str], vocab: Vocabulary) -> list[tuple[int, float]]:
    """Return (position, °F) for every temperature mentioned, judged by unit, nearby words or standing alone."""
    found = []
    nums = numbers(tokens, vocab)
    content = [t for t in tokens if t not in _BREAK and t != ","]
    for start, stop, value in nums:
        unit = None
        nxt = tokens[stop:stop + 3]
        if nxt and nxt[0] in vocab.temp_not_before:
            continue
        if tuple(nxt[:2]) in vocab.temp_threshold and "a" in tokens[max(0, start - 4):start]:
            continue  # "a fever of 101.5 or more": the clinic's line, said back
        if nxt and nxt[0] in ("degrees", "degree"):
            nxt = nxt[1:]
        for s, _e, u in vocab.temp_units.find(nxt[:2]):
            if s == 0:
                unit = u
        sentence = _sentence(tokens, start)
        alone = len(content) == stop - start
        decimal = "." in tokens[start] and stop - start == 1  # "I'm 101.8" is no age
        if unit is None and not alone and not decimal and not _a_reading(tokens, start, stop, vocab) \
                and not (set(sentence) & vocab.temp_context):
            continue
        kinds = {kind for _s, _e, kind in vocab.temp_of_things.find(sentence)}
        if kinds == {"thing"}:
            continue  # "our hot tub reads 102 degrees": the water's heat, said of no body
        fahrenheit = _to_f(value, unit)
        if fahrenheit is not None:
            found.append((start, fahrenheit))
    return found


def _a_reading(tokens: list[str], start: int, stop: int, vocab: Vocabulary) -> bool:
    """Say whether the number at start:stop is a reading someone is at ("she's at 102 now")."""
    before, then = vocab.temp_reading
    return tuple(tokens[max(0, start - 2):start]) in before and (
        stop == len(tokens) or not tokens[stop].isalpha() or tokens[stop] in then)


def _to_f(value: float, unit: str | None) -> float | None:
    if unit == "c" or (unit is None and 34 <= value <= 43.5):
        value = value * 9 / 5 + 32
    return round(value, 1) if 90 <= value <= 113 else None


def _sentence(tokens, at) -> list[str]:
    start, stop = around(tokens, at, at, _BREAK)
    return tokens[start:stop]


class Elapsed(Record):
    hours: float
    anchor: str  # "treatment", "last_use" (time since the patient last took or had something), or "unsaid"
    # (no word ties it to either: the treatment, unless the message asks whether a treatment can go ahead)
    day: bool = False  # a day of recovery ("I'm on day 3"): any hour of that calendar day


def asked_to_have(tokens: list[str], vocab: Vocabulary, joined: bool = False) -> list[tuple[int, int]]:
    """Return where the message asks about having the treatment ("can I still get microneedling"): never a
    learner's "I have the treatment since 3 weeks", which says it is behind, nor one told in a sentence
    ending in a full stop beside a question ("Tomorrow I do microneedling. Can I wax today?"), nor, unless
    `joined`, "go ahead and do it", which asks about doing the thing named."""
    asked = "?" in tokens
    return [(s, e) for s, e, _v in vocab.eligibility.find(tokens) if (joined or tokens[e:e + 1] != ["and"])
            and not (tokens[e:e + 1] and tokens[e] in vocab.time_own and numbers(tokens[e + 1:e + 3], vocab))
            and not (asked and sentence_end(tokens, s) == ".")]


def length_of_use(tokens: list[str], start: int, vocab: Vocabulary) -> bool:
    """Say whether the number at `start` tells how long a thing was used: "for" (a hedge aside) before it,
    a use a word or two before that ("I was on Accutane for about eight months")."""
    at = start - 1
    while at >= 0 and tokens[at] in vocab.hedges:
        at -= 1
    return at >= 0 and tokens[at] == "for" and any(at - 3 <= e for _s, e, _v in vocab.used_for.find(tokens[:at]))


def elapsed(tokens: list[str], vocab: Vocabulary) -> Elapsed | None:
    """Find a time since treatment stated in the question ("3 days ago", "day 2", "yesterday")."""
    treat = {s for s, e, _v in vocab.elapsed_treatment.all_at(tokens)
             if not another_procedure(tokens, s, e, vocab, overlap=True)}  # "a laser treatment", "got Botox"
    if treat:  # "can I still get microneedling", "my microneedling is tomorrow": a treatment to come, never the
        # one a stated time is counted from
        ahead = asked_to_have(tokens, vocab, joined=True) + [(s, e) for s, e, _v in vocab.upcoming.find(tokens)]
        # ... nor one a word or two after it ("still go ahead | with | microneedling"), or right before it ("my
        # microneedling | appointment is")
        treat = {s for s in treat if not any(a - 1 <= s <= b + 2 for a, b in ahead)}
    last = {s for s, _e, _v in vocab.elapsed_last_use.all_at(tokens)}
    cues = sorted([(i, "treatment") for i in treat] + [(i, "last_use") for i in last])

    def anchor_at(at: int) -> str:
        """The cue nearest before the stated time wins, not the time's own word ("since 8 month"); else the
        first after it."""
        near = [(i, kind) for i, kind in cues if not (i == at - 1 and tokens[i] in vocab.time_own)]
        before = [kind for i, kind in near if i < at]
        return before[-1] if before else (near[0][1] if near else "unsaid")
    for i, t in enumerate(tokens):
        if t == "day" and i + 1 < len(tokens) and _short(tokens[i + 1]):
            return Elapsed(float(tokens[i + 1]) * 24, "treatment", day=True)
    for start, stop, value in numbers(tokens, vocab):
        if tokens[stop:stop + 3] == ["and", "a", "half"]:  # "two and a half days"
            value, stop = value + 0.5, stop + 3
        if stop >= len(tokens) or tokens[stop] not in vocab.units:
            continue
        hours = value * vocab.units[tokens[stop]]
        if tokens[stop + 1:stop + 4] == ["and", "a", "half"]:  # "a day and a half ago"
            hours, stop = hours + vocab.units[tokens[stop]] / 2, stop + 3
        elif tokens[stop + 1:stop + 2] == ["and"]:  # "two months and one week after my microneedling"
            more = numbers(tokens[stop + 2:stop + 4], vocab)
            if more and more[0][:2] == (0, 1) and tokens[stop + 3:stop + 4] and tokens[stop + 3] in vocab.units:
                hours, stop = hours + more[0][2] * vocab.units[tokens[stop + 3]], stop + 3
        after = tokens[stop + 1:stop + 3]
        # "after just one day", "for about 3 days": a hedge before the number counts for nothing here
        before = [t for t in tokens[max(0, start - 4):start] if t not in vocab.hedges][-3:]
        # "3 weeks before." ending its clause is "3 weeks ago" (before now), as many learners say it
        ended = after == ["before"] or (after[:1] == ["before"] and not after[1].isalnum())
        # "two weeks later and still puffy", "still swollen 10 days later", "three weeks on and still red": how
        # long it has been, told by what is still there
        told = after[:1] in (["later"], ["on"]) and "still" in _sentence(tokens, start)
        # "two weeks have passed since", a learner's "pass 2 weeks from the treatment": time gone by
        # ("passed 2 hours in the sun" is time spent)
        gone = after[:1] in (["passed"], ["gone"]) or after[:2] in (["have", "passed"], ["has", "passed"]) or (
            before[-1:] in (["pass"], ["passed"]) and (not after or after[0] in ("from", "since", "after", "already")
                                                      or not after[0].isalnum()))
        if length_of_use(tokens, start, vocab):
            continue  # "I was on Accutane for eight months": how long it was used, not how long ago
        if after[:1] == ["after"] and after[1:2] and after[1].endswith("ing") and stop + 2 not in treat:
            continue  # "a month after finishing hers": the gap between two other things
        if after[:1] == ["ago"] or ended or after[:1] in (["since"], ["post"], ["out"], ["after"]) or told or gone or \
                {"been", "since"} & set(before) or before[-1:] in (["after"], ["for"]):
            return Elapsed(hours, anchor_at(start))
        if before[-1:] == ["in"] and ({"appointment", "treatment", "procedure", "microneedling"} & set(tokens)):
            return Elapsed(-hours, "treatment")
        if after[:2] in (["before", "my"], ["until", "my"], ["till", "my"], ["away"]):
            return Elapsed(-hours, "treatment")
    if "tomorrow" in tokens and {"appointment", "treatment", "procedure", "microneedling"} & set(tokens) \
            and not ({"had", "did", "done", "was"} & set(tokens)):
        return Elapsed(-24.0, "treatment")
    return None
