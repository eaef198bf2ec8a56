"""Read a moment counted from a known treatment: "on day 3", "the day after", "3 days after my treatment", "that
morning", "the night before"; and coming in for it: "before I come in", "to my appointment", "until my appointment".

    after_treatment(["can", "i", "swim", "on", "day", "3"], treated, vocab) -> Span(day 3, "on day 3")
    arriving(["can", "i", "wear", "makeup", "to", "my", "appointment"], treated, vocab) -> Span(that day, up to it)
moments.read asks these once the treatment time is known; the dialogue asks them of an undated treatment at a
morning and an afternoon hour (clinic.spans.rule_relative).
"""
from __future__ import annotations

from datetime import datetime, timedelta

from assistant.understanding import dates
from assistant.understanding.dates import Span
from assistant.understanding.expressions import LIMIT, UNITS, count, duration
from assistant.understanding.quantity import length_of_use


def arriving(tokens: list[str], treated: datetime, vocab, before: bool = False) -> Span | None:
    """Read a moment of coming in for the treatment ("before I come in", "to my appointment"): the day of it, up
    to it; for "until my appointment" every moment up to it; None when the question speaks of none. `before`:
    "before my appointment" says it too (leave asked with no treatment time known; with one, it asks of now,
    days ahead, or of what to do beforehand)."""
    kinds = {kind for _s, _e, kind in vocab.arriving.find(tokens)}
    if "until" in kinds:  # "can I keep using it until my appointment?": every moment up to it (the caller's
        # reading starts it now)
        return Span(treated - LIMIT, treated - timedelta(minutes=1), "the days up to your treatment")
    if not (before and kinds) and "arriving" not in kinds:
        return None
    return Span(dates.midnight(treated), treated - timedelta(minutes=1), "before you come in for your treatment")


def after_treatment(tokens: list[str], treated: datetime, vocab, ahead: bool = False) -> Span | None:
    """Read a moment counted from a known treatment time: "on day 3" (its calendar day, day 0 the treatment
    day), "the day after", "3 days after my treatment", and before it "the morning of my appointment", "the
    night before" (the part before the treatment); never a statement of where the patient is ("I'm on day 3",
    "it's day 6"), which asks about no other moment; `ahead`, the treatment still to come, "afterwards" too."""
    # "after my treatment" ahead is right after it, unless it ends a count ("3 days | after my treatment")
    ends_count = {k + 1 for k, w in enumerate(tokens) if w in UNITS or w == "day"}
    counted = [*vocab.counted.find(tokens),
               *(c for c in (vocab.counted_ahead.find(tokens) if ahead else ()) if c[0] not in ends_count)]
    for s, e, (days, part, *said) in counted:  # "right after", "that night", "the next day"; "afterwards", `ahead`
        day, words = dates.midnight(treated) + timedelta(days=days), " ".join(said or tokens[s:e])
        words = words.replace("my ", "your ") if "treatment" in words else \
            f"{words} your treatment" if words.endswith(" after") else f"{words} after your treatment"
        if part == "after":  # "right after", "afterwards": said back as the first hours after it
            words = words if "treatment" in tokens[s:e] else "right after your treatment"
            return Span(treated, treated + timedelta(hours=2), words)
        span = dates.whole(day, words, vocab.day_parts.hours[(part,)] if part else (0, 24))
        if days == 0 and not part and _before_it(tokens, vocab):  # "before the treatment, can I shave the same day?"
            return span.replace(hi=treated - timedelta(minutes=1), words=words.replace("after", "before"))
        if part and span.lo < treated and (ahead or span.hi <= treated):
            # a part of its day begun before it, asked while it is ahead ("my appointment is Friday, can I shave
            # that morning?"), or over before it: up to it, as "the morning of my appointment" is
            return span.replace(hi=min(span.hi, treated - timedelta(minutes=1)), words=f"the {part} of your treatment")
        return span.replace(lo=max(span.lo, treated))
    if "day" not in tokens and "after" not in tokens and "of" not in tokens and "before" not in tokens:
        return None  # most questions: neither "on day 3" nor "… after" nor "the night before" to read
    # where "… after" may stop: at its clause's end, or at the treatment ("after my treatment")
    named = {s for s, _e, _ in vocab.after_what.find(tokens)}
    ends = named | {len(tokens)} | {k for k, t in enumerate(tokens) if not t.isalnum()}

    def stating(k: int) -> bool:  # "I'm on day 3", "it's been 2 days after": where the patient is
        return not vocab.stating.isdisjoint(tokens[max(0, k - 3):k])
    for i, t in enumerate(tokens):
        nxt, ahead = tokens[i + 1:i + 2], tokens[i + 2:i + 3]
        if t == "day" and nxt and nxt[0].isdecimal() and len(nxt[0]) <= 2 and tokens[i - 1:i] in (["on"], ["by"]) \
                and not stating(i - 1):
            return dates.whole(dates.midnight(treated) + timedelta(days=int(nxt[0])), f"on day {nxt[0]}")
        if t == "the" and nxt == ["day"] and ahead == ["after"] and i + 3 in ends:
            return dates.whole(dates.midnight(treated) + timedelta(days=1), "the day after your treatment")
        # "the morning of my appointment", and typed without "the" ("shave morning of my appt"; "this morning
        # before my appointment" is this morning)
        k = i + 1 if t == "the" else i if tokens[i - 1:i] != ["the"] else -1
        part, link = tokens[k:k + 1], tokens[k + 1:k + 2]
        linked = link == ["of"] or (t == "the" and link == ["before"])
        if k >= 0 and linked and k + 2 in ends and k + 2 < len(tokens) and \
                (part == ["day"] or (part and (part[0],) in vocab.day_parts.hours)):
            day = dates.midnight(treated) - timedelta(days=link == ["before"])
            span = dates.whole(day, f"the {part[0]} {link[0]} your treatment",
                               (0, 24) if part == ["day"] else vocab.day_parts.hours[(part[0],)])
            # the part before the treatment ("the morning of my appointment"), or all of it after ("the evening
            # of my treatment"); "the night before" ends the day before
            return span.replace(hi=min(span.hi, treated)) if span.lo < treated else span
        many = count(t, vocab.numbers)
        if many is None or not nxt or nxt[0] not in UNITS or stating(i) or length_of_use(tokens, i, vocab):
            continue  # ... nor how long a thing was used ("using it for ten days before my appointment")
        length, k = duration(many, nxt[0]), i + 2
        more = count(tokens[k + 1], vocab.numbers) if tokens[k:k + 1] == ["and"] and k + 2 < len(tokens) else None
        if more is not None and tokens[k + 2] in UNITS:  # "two months and one week after my microneedling"
            length, k = length + duration(more, tokens[k + 2]), k + 3
        if (tokens[k:k + 1] == ["after"] and k + 1 in ends) or (tokens[k:k + 1] == ["before"] and k + 1 in named):
            # "3 days after my treatment", "start it two days before the appointment"; "4 days before." ending
            # its clause is a learner's "4 days ago" (quantity.elapsed), no moment ahead of the treatment
            moment = treated + length * (1 if tokens[k] == "after" else -1)
            return Span(moment, moment, f"{' '.join(tokens[i:k + 1])} your treatment")
        if tokens[i - 1:i] == ["after"] and (k in ends or i == 1 or not tokens[i - 2].isalnum()):
            # a learner's "after 3 days I can wax?", "can I swim after 2 weeks?": counted from the treatment
            return Span(treated + length, treated + length, f"{' '.join(tokens[i:k])} after your treatment")
    return None


def _before_it(tokens: list[str], vocab) -> bool:
    """Say whether "before" is said of the treatment ("before the procedure"), not of bed ("before sleep")."""
    return any(tokens[s - 1:s] == ["before"] for s, _e, _v in vocab.after_what.find(tokens))
