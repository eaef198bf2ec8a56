"""Read the times in a question: when the treatment was, and which moment the question asks about.

    read(["i", "had", "it", "done", "last", "tuesday", ",", "can", "i", "swim", "tomorrow"], vocab, now)
      -> Times(treated=Span(Tue 00:00, Wed 00:00, "last tuesday"), asked=Span(tomorrow, ..., "tomorrow"))
A vague time stays vague: a day without an hour is the whole day, "this morning" is 06:00-12:00,
"next week" is Monday to Sunday; the answer is given only where every reading agrees. Past times
count as the treatment only beside words about it ("had it done", "my treatment"), and future ones beside
words of an appointment ahead ("my appointment is on Friday"); other future times are the moment asked
about, and so, once the treatment time is known, is a moment counted from it ("on day 3", "the day
after"). Forms this grammar does not know go to dateparser, and every time read from words is said back.
Times more than two years away from now are not used.
"""
from __future__ import annotations

import re
from datetime import datetime, timedelta

from assistant.core.record import Record
from assistant.timeline.bounds import TREATED_SPAN, number
from assistant.timeline.clock import MONTH_NAMES
from assistant.understanding import dates
from assistant.understanding.dates import Span
from assistant.understanding.phrases import around

UNITS = {"minute": 1 / 60, "minutes": 1 / 60, "min": 1 / 60, "mins": 1 / 60, "hour": 1, "hours": 1, "hr": 1,
         "hrs": 1, "day": 24, "days": 24, "week": 168, "weeks": 168, "fortnight": 336, "fortnights": 336,
         "month": 730.5, "months": 730.5}
LIMIT = TREATED_SPAN  # a treatment or a moment asked about further away than this is no reading


class Times(Record):
    treated: Span | None = None
    asked: Span | None = None
    used: Span | None = None  # when something was last taken or had ("I stopped Accutane last year")
    refused: str = ""  # words that read as a time too far away to use


def read(tokens: list[str], vocab, now: datetime, day_first: bool = False,
         treated: datetime | None = None) -> Times:
    """Find the treatment time and the moment asked about in a question's tokens; `treated`, when known
    from outside the question (the profile, the desk), lets a moment be counted from it ("on day 3")."""
    out = Times()
    treatment_words = {i for s, e, _v in vocab.elapsed_treatment.find(tokens) for i in (s, e)}
    use_words = {i for s, e, _v in vocab.stopped.find(tokens) for i in (s, e)}
    upcoming = None  # found at the first time read: most questions hold none
    i = 0
    while i < len(tokens):
        found = _part_first(tokens, i, now, day_first, vocab) or _expression(tokens, i, now, day_first, vocab)
        if found is None:
            i += 1
            continue
        stop, span, direction = found
        if upcoming is None:  # asking whether the treatment can go ahead ("can I still get microneedling
            # on Friday?") speaks of one ahead as much as "my appointment is on Friday" does
            upcoming = {s for index in (vocab.upcoming, vocab.eligibility) for s, _e, _v in index.find(tokens)}
        # the treatment's own time: "tomorrow's procedure", "(my) appointment tomorrow", never "a Botox
        # appointment on Tuesday" or "a steam room session Monday", another's
        beside = tokens[stop:stop + 1] + (tokens[i - 1:i] if i < 2 or tokens[i - 2] in ("my", "the") or
                                          not tokens[i - 2].isalnum() else [])
        ahead = _near(upcoming, i, stop, tokens) or (  # "my appointment is on Friday"
            direction != "past" and not vocab.beside.isdisjoint(beside))
        treatment = _near(treatment_words, i, stop, tokens)  # "I had it done on Friday"
        if direction == "either" and "after" in tokens[stop:stop + 4]:  # "the Tuesday after", "on Saturday night
            span, direction, treatment = _after(span[1], treated), "future", False  # after my treatment"
        used = not treatment and _near(use_words, i, stop, tokens)  # "I quit Accutane in March"
        if direction == "either":
            span, direction = (span[0], "past") if (treatment or used) and not ahead else (span[1], "future")
        if span.lo < now < span.hi and (direction == "past" or ahead or not treatment):
            # "can I swim this week", under way: what is left of it; "I had it done this week" asks about no time
            span = span.replace(lo=now) if direction == "future" else span.replace(hi=now)
        if abs(span.lo - now) > LIMIT:
            out.refused = span.words
        elif direction == "past" and treatment and out.treated is None:
            out.treated = span
        elif direction == "past" and used and out.used is None:
            out.used = span
        elif direction == "future" and ahead and out.treated is None:
            out.treated = span
        elif direction == "future" and span.lo > now - timedelta(hours=1) and not _waited(tokens, i) \
                and (out.asked is None or out.asked.lo <= span.lo <= span.hi <= out.asked.hi):
            # the first moment, or a narrower one inside it ("this weekend … Sunday night")
            out.asked = span
        i = stop
    known = treated if treated is not None else out.treated and out.treated.lo  # the profile's, else the one said
    if out.asked is None and known is not None:  # "can I wear makeup on day 3?", "… the day after?"
        out.asked = after_treatment(tokens, known, vocab)
    alone = next(iter(vocab.parts_alone.find(tokens)), None) if out.asked is None else None
    if alone:  # "when I wake up": the next one, and before a treatment that morning, up to it
        s, e, (lo, hi) = alone
        day = dates.midnight(now) + timedelta(days=now.hour >= hi)
        words = " ".join("you" if w == "i" else w for w in tokens[s:e])  # said back: "when you wake up"
        span = Span(day + timedelta(hours=lo), day + timedelta(hours=hi), words)
        if treated is not None and span.lo < treated <= span.hi:
            span = span.replace(hi=treated - timedelta(minutes=1))
        out.asked = span
    if treated is not None and treated > now and any(True for _ in vocab.arriving.find(tokens)):
        # "can I put on moisturizer before I come in (tomorrow)?": the day of the treatment, up to it
        span = Span(max(now, dates.midnight(treated)), treated - timedelta(minutes=1),
                    "before you come in for your treatment")
        if out.asked is None or out.asked.lo <= span.lo <= span.hi <= out.asked.hi:
            out.asked = span
    return out


def _waited(tokens: list[str], i: int) -> bool:
    """Say whether the time at i is one waited for as the other choice ("… or should I wait until tomorrow?"),
    not the one asked about; waited for on a condition ("if I wait until Tuesday, can I swim then?") it is."""
    at = next((k for k in range(i - 1, max(-1, i - 4), -1) if tokens[k] == "wait"), None)
    return at is not None and "if" not in tokens[max(0, at - 3):at]


def _after(coming: Span, treated: datetime | None) -> Span:
    """Return a day of the week said as after the treatment: the first such day after it, when it is known."""
    weeks = 0
    while treated is not None and coming.lo + timedelta(days=7 * weeks) <= treated:
        weeks += 1
    return coming.replace(lo=coming.lo + timedelta(days=7 * weeks), hi=coming.hi + timedelta(days=7 * weeks))


def after_treatment(tokens: list[str], treated: datetime, vocab) -> Span | None:
    """Read a moment counted from a known treatment time: "on day 3" (its calendar day, day 0 the treatment
    day), "the day after", "3 days after my treatment", and before it "the morning of my appointment", "the
    night before" (the part before the treatment); never a statement of where the patient is ("I'm on day 3",
    "it's day 6"), which asks about no other moment."""
    for s, e, (days, part) in vocab.counted.find(tokens):  # "right after", "that night", "the next day"
        day, words = dates.midnight(treated) + timedelta(days=days), " ".join(tokens[s:e])
        words = words.replace("my ", "your ") if "treatment" in words else f"{words} after your treatment"
        if part == "after":
            return Span(treated, treated + timedelta(hours=2), words)
        span = dates.whole(day, words, vocab.day_parts.hours[(part,)] if part else (0, 24))
        return span.replace(lo=max(span.lo, treated))
    if "day" not in tokens and "after" not in tokens and "of" not in tokens and "before" not in tokens:
        return None  # most questions: neither "on day 3" nor "… after" nor "the night before" to read
    # where "… after" may stop: at its clause's end, or at the treatment ("after my treatment")
    ends = {s for s, _e, _ in vocab.after_what.find(tokens)} | {len(tokens)} | \
        {k for k, t in enumerate(tokens) if not t.isalnum()}

    def stating(k: int) -> bool:  # "I'm on day 3", "it's been 2 days after": where the patient is
        return not vocab.stating.isdisjoint(tokens[max(0, k - 3):k])
    for i, t in enumerate(tokens):
        nxt, ahead = tokens[i + 1:i + 2], tokens[i + 2:i + 3]
        if t == "day" and nxt and nxt[0].isdecimal() and len(nxt[0]) <= 2 and tokens[i - 1:i] in (["on"], ["by"]) \
                and not stating(i - 1):
            return dates.whole(dates.midnight(treated) + timedelta(days=int(nxt[0])), f"on day {nxt[0]}")
        if t == "the" and nxt == ["day"] and ahead == ["after"] and i + 3 in ends:
            return dates.whole(dates.midnight(treated) + timedelta(days=1), "the day after your treatment")
        if t == "the" and ahead in (["of"], ["before"]) and i + 3 in ends and i + 3 < len(tokens) and \
                (nxt == ["day"] or (nxt[0],) in vocab.day_parts.hours):  # "the morning of my appointment"
            day = dates.midnight(treated) - timedelta(days=ahead == ["before"])
            span = dates.whole(day, f"the {nxt[0]} {ahead[0]} your treatment",
                               (0, 24) if nxt == ["day"] else vocab.day_parts.hours[(nxt[0],)])
            return span.replace(hi=min(span.hi, treated)) if span.lo < treated else None
        many = _count(t, vocab.numbers)
        if many is not None and nxt and nxt[0] in UNITS and ahead in (["after"], ["before"]) and i + 3 in ends \
                and not stating(i):  # "3 days after my treatment", "start it two days before the appointment"
            moment = treated + _hours(many, nxt[0]) * (1 if ahead == ["after"] else -1)
            return Span(moment, moment, f"{t} {nxt[0]} {ahead[0]} your treatment")
    return None


def _near(marks: set[int], start: int, stop: int, tokens: list[str]) -> bool:
    """Say whether a treatment word stands in the same clause as the time."""
    lo, hi = around(tokens, start, stop, ".!?;,")
    return any(lo <= m <= hi for m in marks)


def _hours(n: float | None, unit: str) -> timedelta:
    """Return n units as a timedelta; past the limit (or unreadable), just past it, so it is refused."""
    hours = n * UNITS[unit] if n is not None else float("inf")
    return timedelta(hours=hours) if hours <= LIMIT.total_seconds() / 3600 else 2 * LIMIT


def _count(token: str, counts: dict) -> float | None:
    """Read how many: "3", "a", "two" (the number words of intents/language.toml)."""
    if re.fullmatch(r"\d+(\.\d+)?", token):
        return number(token)
    return 1.0 if token in ("a", "an") else counts.get(token)


def _part_first(tokens: list[str], i: int, now: datetime, day_first: bool, vocab):
    """Read a part of the day said before its day ("first thing Monday", "at noon on Sunday", "in the
    morning tomorrow") as that part of that day, or None."""
    part = vocab.day_parts.read(tokens, i)
    if part and tokens[part[0]:part[0] + 1] == ["today"]:  # "at noon today": past or ahead, as it falls
        span = dates.whole(dates.midnight(now), f"{part[1]} today", part[2])
        return part[0] + 1, span, "past" if span.hi <= now else "future"
    inner = part and part[0] < len(tokens) and _expression(tokens, part[0], now, day_first, vocab)
    if not inner:
        return None
    stop, span, direction = inner
    spans = [dates.whole(dates.midnight(s.lo), f"{part[1]} {s.words}", part[2]) for s in
             (span if isinstance(span, tuple) else (span,)) if s.hi - s.lo == timedelta(hours=23, minutes=59)]
    if len(spans) != (2 if isinstance(span, tuple) else 1):
        return None  # not a whole day ("at noon in 3 days"): read as said
    return stop, tuple(spans) if isinstance(span, tuple) else spans[0], direction


def _expression(tokens: list[str], i: int, now: datetime, day_first: bool, vocab):
    """Return (stop, span, "past" | "future" | "either") for a time expression starting at i, or None."""
    counts, parts = vocab.numbers, vocab.day_parts
    t = tokens[i]
    nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
    today = dates.midnight(now)
    if t == "in" and (after := _count(nxt, counts)) is not None and i + 2 < len(tokens) and tokens[i + 2] in UNITS:
        stop = i + 3 + 3 * (tokens[i + 3:i + 6] == ["and", "a", "half"])  # "in an hour and a half"
        moment = now + _hours(after + 0.5 * (stop > i + 3), tokens[i + 2])  # "in two weeks"
        return stop, Span(moment, moment, " ".join(tokens[i:stop])), "future"
    if t == "in" and tokens[i + 1:i + 4] in (["half", "an", "hour"], ["half", "a", "day"]):
        moment = now + _hours(0.5, tokens[i + 3])
        return i + 4, Span(moment, moment, " ".join(tokens[i:i + 4])), "future"
    if vague := _some(tokens, i, now, counts):
        return vague
    many = _count(t, counts)
    if many is not None and nxt in UNITS and tokens[i + 2:i + 4] in (["from", "now"], ["from", "today"]):
        moment = now + _hours(many, nxt)  # "two weeks from now"
        return i + 4, Span(moment, moment, " ".join(tokens[i:i + 4])), "future"
    if t in ("in", "during", "by") and nxt in MONTH_NAMES and \
            dates.calendar_date(tokens, i + 1, now, day_first, parts) is None:
        return dates.month(tokens, i, now)  # "in February"; "in February 3rd" is a date
    if many is not None and t not in ("a", "an") and nxt in UNITS and tokens[i + 2:i + 3] == ["ago"]:
        moment = now - _hours(many, nxt)
        stop, hm = dates.clock(tokens, i + 3)
        if hm and UNITS[nxt] >= 24:
            moment = moment.replace(hour=hm[0], minute=hm[1])
        return stop, Span(moment, moment, " ".join(tokens[i:stop])), "past"
    if t == "tomorrow":
        stop, span = dates.with_time(today + timedelta(days=1), tokens, i + 1, "tomorrow", parts)
        return stop, span, "future"
    if t == "day" and tokens[i + 1:i + 3] in (["after", "tomorrow"], ["before", "yesterday"]):
        later = tokens[i + 2] == "tomorrow"
        words = " ".join(["the", *tokens[i:i + 3]])  # said back as "for the day after tomorrow"
        stop, span = dates.with_time(today + timedelta(days=2 if later else -2), tokens, i + 3, words, parts)
        return stop, span, "future" if later else "past"
    hours = parts.hours.get((nxt,))
    if t in ("tonight",) or (t == "this" and nxt in ("evening", "afternoon") and now.hour < hours[0]):
        part = ("tonight",) if t == "tonight" else (nxt,)
        return i + (1 if t == "tonight" else 2), dates.whole(today, t if t == "tonight" else f"this {nxt}",
                                                             parts.hours[part]), "future"
    if t == "this" and hours and nxt in ("morning", "afternoon", "evening", "night"):
        lo, hi = hours
        span = Span(today + timedelta(hours=lo), min(now, today + timedelta(hours=hi)), f"this {nxt}")
        return i + 2, span, "past"
    if t == "later" and nxt == "today":
        return i + 2, Span(now, today + timedelta(days=1) - timedelta(minutes=1), "later today"), "future"
    if t == "the" and nxt in ("week", "weekend") and tokens[i + 2:i + 4] == ["after", "next"]:  # two on
        monday = today - timedelta(days=today.weekday()) + timedelta(days=14)
        span = _weekend(monday + timedelta(days=5), "the weekend after next") if nxt == "weekend" else \
            _week(monday, "the week after next")
        return i + 4, span, "future"
    if t in ("the", "coming") and nxt == "weekend":  # "on the weekend", "this coming weekend"
        saturday = today - timedelta(days=today.weekday()) + timedelta(days=5)
        last = saturday - timedelta(days=7) if today < saturday else saturday
        return i + 2, (_weekend(last, f"{t} weekend"), _weekend(saturday, f"{t} weekend")), "either"
    if t == "the" and nxt.isdecimal() and len(nxt) <= 2 and tokens[i + 2:i + 3] in (["st"], ["nd"], ["rd"], ["th"]):
        return dates.day_of_month(tokens, i, now, int(nxt), parts)  # "on the 30th": this month's, or the next
    if t == "yesterday":
        stop, span = dates.with_time(today - timedelta(days=1), tokens, i + 1, "yesterday", parts)
        return stop, span, "past"
    if t == "last" and nxt in ("month", "year"):  # the calendar month or year before this one, whole
        lo = today.replace(day=1) if nxt == "month" else today.replace(month=1, day=1)
        start = (lo - timedelta(days=1)).replace(day=1) if nxt == "month" else lo.replace(year=lo.year - 1)
        return i + 2, Span(start, lo - timedelta(minutes=1), f"last {nxt}"), "past"
    if t == "last" and nxt == "night":
        return i + 2, Span(today - timedelta(hours=6), today, "last night"), "past"
    if t in ("last", "next", "this") and nxt in ("week", "weekend"):
        monday = today - timedelta(days=today.weekday())
        if nxt == "weekend":  # said on a weekend or the Friday before it, the next one is a week on
            sat = monday + timedelta(days=-2 if t == "last" else 12 if t == "next" and today.weekday() >= 4 else 5)
            span = _weekend(sat, f"{t} weekend")
        else:
            start = monday + timedelta(days=7 if t == "next" else -7 if t == "last" else 0)
            span = _week(start, f"{t} week")
        return i + 2, span, "past" if t == "last" else "future"
    if tokens[i:i + 2] == ["the", "end"] and tokens[i + 2:i + 5] in (["of", "the", "week"], ["of", "next", "week"]):
        friday = today - timedelta(days=today.weekday()) + timedelta(days=4 + 7 * (tokens[i + 3] == "next"))
        span = Span(max(friday, now), friday + timedelta(days=3) - timedelta(minutes=1), " ".join(tokens[i:i + 5]))
        return i + 5, span, "future"  # "by the end of the week": Friday to Sunday, what is left of it
    if t == "this" and nxt == "coming":  # "this coming Friday" is "coming Friday", said back whole
        found = _expression(tokens, i + 1, now, day_first, vocab)
        if found and isinstance(found[1], Span):
            found = (found[0], found[1].replace(words=f"this {found[1].words}"), found[2])
        return found
    return dates.weekday(tokens, i, today, parts) or dates.calendar_date(tokens, i, now, day_first, parts)


def _week(monday: datetime, words: str) -> Span:
    return Span(monday, monday + timedelta(days=7) - timedelta(minutes=1), words)


def _weekend(saturday: datetime, words: str) -> Span:
    return Span(saturday, saturday + timedelta(days=2) - timedelta(minutes=1), words)


def _some(tokens: list[str], i: int, now: datetime, counts: dict):
    """Read "in a few days" (two to four: a few stays vague) and "in a couple of weeks" from i, or None."""
    j = i + 1 + (tokens[i + 1:i + 2] == ["a"])
    many = tokens[j] if j < len(tokens) else ""
    k = j + 1 + (tokens[j + 1:j + 2] == ["of"])
    if tokens[i] != "in" or many not in ("few", "couple") or k >= len(tokens) or tokens[k] not in UNITS:
        return None
    lo, hi = (2, 4) if many == "few" else (counts[many], counts[many])
    return k + 1, Span(now + _hours(lo, tokens[k]), now + _hours(hi, tokens[k]), " ".join(tokens[i:k + 1])), "future"


