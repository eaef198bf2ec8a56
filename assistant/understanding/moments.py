"""Read the times in a question: when the treatment was, and which moment the question asks about.

    read(["i", "had", "it", "done", "last", "tuesday", ",", "can", "i", "swim", "tomorrow"], vocab, now)
      -> Times(treated=Span(Tue 00:00, Wed 00:00, "last tuesday"), asked=Span(tomorrow, ..., "tomorrow"))
A vague time stays vague: a day without an hour is the whole day, "this morning" is 06:00-12:00,
"next week" is Monday to Sunday; the answer is given only where every reading agrees. Past times
count as the treatment only beside words about it ("had it done", "my treatment"); future times are
the moment asked about. Forms this grammar does not know go to dateparser, and every time read from
words is said back. Times more than two years away from now are not used.
"""
from __future__ import annotations

import re
from datetime import datetime, timedelta

from assistant.core.record import Record
from assistant.timeline.bounds import TREATED_SPAN, number
from assistant.timeline.clock import MONTH_NAMES, MONTHS, WEEKDAYS
from assistant.understanding.phrases import around

UNITS = {"minute": 1 / 60, "minutes": 1 / 60, "min": 1 / 60, "mins": 1 / 60, "hour": 1, "hours": 1, "hr": 1,
         "hrs": 1, "day": 24, "days": 24, "week": 168, "weeks": 168, "month": 730.5, "months": 730.5}
PARTS = {"morning": (6, 12), "afternoon": (12, 17), "evening": (17, 22), "night": (18, 24), "tonight": (18, 24)}
LIMIT = TREATED_SPAN  # a treatment or a moment asked about further away than this is no reading


class Span(Record):
    """A moment or a stretch of time read from words; `lo == hi` when it is exact."""

    lo: datetime
    hi: datetime
    words: str

    @property
    def exact(self) -> bool:
        return self.lo == self.hi


class Times(Record):
    treated: Span | None = None
    asked: Span | None = None
    refused: str = ""  # words that read as a time too far away to use


def read(tokens: list[str], vocab, now: datetime, day_first: bool = False) -> Times:
    """Find the treatment time and the moment asked about in a question's tokens."""
    out = Times()
    treatment_words = {s for s, _e, _v in vocab.elapsed_treatment.find(tokens)} | \
                      {e for _s, e, _v in vocab.elapsed_treatment.find(tokens)}
    i = 0
    while i < len(tokens):
        found = _expression(tokens, i, now, day_first, vocab.numbers)
        if found is None:
            i += 1
            continue
        stop, span, direction = found
        if direction == "either":
            treatment = _near(treatment_words, i, stop, tokens)
            span, direction = (span[0], "past") if treatment else (span[1], "future")
        if abs(span.lo - now) > LIMIT:
            out.refused = span.words
        elif direction == "past" and _near(treatment_words, i, stop, tokens) and out.treated is None:
            out.treated = span
        elif direction == "future" and out.asked is None and span.lo > now - timedelta(hours=1):
            out.asked = span
        i = stop
    return out


def _near(marks: set[int], start: int, stop: int, tokens: list[str]) -> bool:
    """Say whether a treatment word stands in the same clause as the time."""
    lo, hi = around(tokens, start, stop, ".!?;,")
    return any(lo <= m <= hi for m in marks)


def _day(d: datetime) -> datetime:
    return datetime(d.year, d.month, d.day)


def _whole(day: datetime, words: str, part: str | None = None) -> Span:
    lo, hi = PARTS.get(part, (0, 24)) if part else (0, 24)
    return Span(day + timedelta(hours=lo), day + timedelta(hours=hi) - timedelta(minutes=1), words)


def _clock(tokens: list[str], i: int) -> tuple[int, tuple[int, int] | None]:
    """Read "at 2pm", "14:30", "2 pm" from i; return (stop, (hour, minute)) or (i, None)."""
    j = i + (tokens[i:i + 1] == ["at"])
    if j >= len(tokens) or not tokens[j][0].isdigit():
        return i, None
    m = re.fullmatch(r"(\d{1,2})(?:\.(\d{2}))?", tokens[j])
    if not m:
        return i, None
    hour, minute, k = int(m[1]), int(m[2] or 0), j + 1
    if k < len(tokens) and tokens[k] in ("am", "pm"):
        hour += 12 if tokens[k] == "pm" and hour < 12 else 0
        hour -= 12 if tokens[k] == "am" and hour == 12 else 0
        k += 1
    elif tokens[i:i + 1] != ["at"]:
        return i, None  # a bare number is no time: "I'm 35", "SPF 50"
    return (k, (hour, minute)) if hour < 24 and minute < 60 else (i, None)


def _with_time(day: datetime, tokens: list[str], k: int, words: str) -> tuple[int, Span]:
    """Finish a day with a part of the day or a clock time that may follow it."""
    if k < len(tokens) and tokens[k] in PARTS:
        return k + 1, _whole(day, f"{words} {tokens[k]}", tokens[k])
    stop, hm = _clock(tokens, k)
    if hm:
        exact = day.replace(hour=hm[0], minute=hm[1])
        return stop, Span(exact, exact, " ".join([words, *tokens[k:stop]]))
    return k, _whole(day, words)


def _hours(n: float | None, unit: str) -> timedelta:
    """Return n units as a timedelta; past the limit (or unreadable), just past it, so it is refused."""
    hours = n * UNITS[unit] if n is not None else float("inf")
    return timedelta(hours=hours) if hours <= LIMIT.total_seconds() / 3600 else 2 * LIMIT


def _count(token: str, counts: dict) -> float | None:
    """Read how many: "3", "a", "two" (the number words of intents/language.toml)."""
    if re.fullmatch(r"\d+(\.\d+)?", token):
        return number(token)
    return 1.0 if token in ("a", "an") else counts.get(token)


def _expression(tokens: list[str], i: int, now: datetime, day_first: bool, counts: dict):
    """Return (stop, span, "past" | "future" | "either") for a time expression starting at i, or None."""
    t = tokens[i]
    nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
    today = _day(now)
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
    if t in ("in", "during", "by") and nxt in MONTH_NAMES and _calendar_date(tokens, i + 1, now, day_first) is None:
        return _month(tokens, i, now)  # "in February"; "in February 3rd" is a date
    if many is not None and t not in ("a", "an") and nxt in UNITS and tokens[i + 2:i + 3] == ["ago"]:
        moment = now - _hours(many, nxt)
        stop, hm = _clock(tokens, i + 3)
        if hm and UNITS[nxt] >= 24:
            moment = moment.replace(hour=hm[0], minute=hm[1])
        return stop, Span(moment, moment, " ".join(tokens[i:stop])), "past"
    if t == "tomorrow":
        stop, span = _with_time(today + timedelta(days=1), tokens, i + 1, "tomorrow")
        return stop, span, "future"
    if t == "day" and tokens[i + 1:i + 3] in (["after", "tomorrow"], ["before", "yesterday"]):
        later = tokens[i + 2] == "tomorrow"
        words = " ".join(["the", *tokens[i:i + 3]])  # said back as "for the day after tomorrow"
        stop, span = _with_time(today + timedelta(days=2 if later else -2), tokens, i + 3, words)
        return stop, span, "future" if later else "past"
    if t in ("tonight",) or (t == "this" and nxt in ("evening", "afternoon") and now.hour < PARTS[nxt][0]):
        part = "tonight" if t == "tonight" else nxt
        return i + (1 if t == "tonight" else 2), _whole(today, t if t == "tonight" else f"this {nxt}", part), \
            "future"
    if t == "this" and nxt in PARTS:
        lo, hi = PARTS[nxt]
        span = Span(today + timedelta(hours=lo), min(now, today + timedelta(hours=hi)), f"this {nxt}")
        return i + 2, span, "past"
    if t == "later" and nxt == "today":
        return i + 2, Span(now, today + timedelta(days=1) - timedelta(minutes=1), "later today"), "future"
    if t in ("the", "coming") and nxt == "weekend":  # "on the weekend", "this coming weekend"
        saturday = today - timedelta(days=today.weekday()) + timedelta(days=5)
        last = saturday - timedelta(days=7) if today < saturday else saturday

        def weekend(sat: datetime) -> Span:
            return Span(sat, sat + timedelta(days=2) - timedelta(minutes=1), f"{t} weekend")
        return i + 2, (weekend(last), weekend(saturday)), "either"
    if t == "the" and nxt.isdecimal() and len(nxt) <= 2 and tokens[i + 2:i + 3] in (["st"], ["nd"], ["rd"], ["th"]):
        return _day_of_month(tokens, i, now, int(nxt))  # "on the 30th": this month's, or the next
    if t == "yesterday":
        stop, span = _with_time(today - timedelta(days=1), tokens, i + 1, "yesterday")
        return stop, span, "past"
    if t == "last" and nxt == "night":
        return i + 2, Span(today - timedelta(hours=6), today, "last night"), "past"
    if t in ("last", "next", "this") and nxt in ("week", "weekend"):
        monday = today - timedelta(days=today.weekday())
        if nxt == "weekend":
            sat = monday + timedelta(days=5 if t != "last" else -2)
            return i + 2, Span(sat, sat + timedelta(days=2) - timedelta(minutes=1), f"{t} weekend"), \
                "past" if t == "last" else "future"
        start = monday + timedelta(days=7 if t == "next" else -7 if t == "last" else 0)
        direction = "past" if t == "last" else "future"
        return i + 2, Span(start, start + timedelta(days=7) - timedelta(minutes=1), f"{t} week"), direction
    lead = t in ("last", "next", "on", "this", "by")
    day_word = nxt if lead else t
    if day_word in WEEKDAYS:
        k = i + (2 if lead else 1)
        words = " ".join(tokens[i:k])
        back = (today.weekday() - WEEKDAYS.index(day_word)) % 7
        ahead = (WEEKDAYS.index(day_word) - today.weekday()) % 7
        if t == "last":
            stop, span = _with_time(today - timedelta(days=back or 7), tokens, k, words)
            return stop, span, "past"
        if t == "next":
            stop, span = _with_time(today + timedelta(days=ahead or 7), tokens, k, words)
            return stop, span, "future"
        # alone: the past one if it is about the treatment, the coming one if it is a question
        stop, past = _with_time(today - timedelta(days=back), tokens, k, words)
        _, coming = _with_time(today + timedelta(days=ahead), tokens, k, words)
        return stop, (past, coming), "either"
    return _calendar_date(tokens, i, now, day_first)


def _some(tokens: list[str], i: int, now: datetime, counts: dict):
    """Read "in a few days" (two to four: a few stays vague) and "in a couple of weeks" from i, or None."""
    j = i + 1 + (tokens[i + 1:i + 2] == ["a"])
    many = tokens[j] if j < len(tokens) else ""
    k = j + 1 + (tokens[j + 1:j + 2] == ["of"])
    if tokens[i] != "in" or many not in ("few", "couple") or k >= len(tokens) or tokens[k] not in UNITS:
        return None
    lo, hi = (2, 4) if many == "few" else (counts[many], counts[many])
    return k + 1, Span(now + _hours(lo, tokens[k]), now + _hours(hi, tokens[k]), " ".join(tokens[i:k + 1])), "future"


def _day_of_month(tokens: list[str], i: int, now: datetime, dom: int):
    """Read "the 30th" as the coming one for a question and the last one for a treatment."""
    today = _day(now)
    days = []
    for back in (1, 0, -1, -2):  # months from last to the one after next: the 31st is not in every month
        year, month = divmod(now.year * 12 + now.month - 1 - back, 12)
        try:
            days.append(datetime(year, month + 1, dom))
        except ValueError:
            continue
    past = [d for d in days if d <= today]
    coming = [d for d in days if d >= today]
    if not past or not coming:
        return None
    words = f"the {dom}{tokens[i + 2]}"
    stop, before = _with_time(past[-1], tokens, i + 3, words)
    _, after = _with_time(coming[0], tokens, i + 3, words)
    return stop, (before, after), "either"


def _month(tokens: list[str], i: int, now: datetime):
    """Read "in February" as the whole month: the coming one for a question, the last one for a treatment."""
    month = MONTHS[tokens[i + 1][:3]]

    def whole(year: int) -> Span:
        first = datetime(year, month, 1)
        after = datetime(year + (month == 12), month % 12 + 1, 1)
        return Span(first, after - timedelta(minutes=1), " ".join(tokens[i:i + 2]))
    coming = whole(now.year if month >= now.month else now.year + 1)
    past = whole(now.year if month <= now.month else now.year - 1)
    if coming.lo <= now <= coming.hi:  # this month: from now on, or the part gone by
        coming, past = coming.replace(lo=now), past.replace(hi=now)
    return i + 2, (past, coming), "either"


def _calendar_date(tokens: list[str], i: int, now: datetime, day_first: bool):
    """Read "nov 20", "20 november", "11/24" (month first unless the locale puts the day first)."""
    t = tokens[i]
    nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
    month = dom = None
    stop = i
    if t[:3] in MONTHS and nxt.rstrip("stndrh").isdecimal() and len(nxt) <= 4:
        month, dom, stop = MONTHS[t[:3]], int(nxt.rstrip("stndrh")), i + 2
    elif t.rstrip("stndrh").isdecimal() and nxt[:3] in MONTHS and len(t) <= 4:
        month, dom, stop = MONTHS[nxt[:3]], int(t.rstrip("stndrh")), i + 2
    elif re.fullmatch(r"\d{1,2}/\d{1,2}(/\d{2,4})?", t):
        a, b = (int(x) for x in t.split("/")[:2])
        month, dom = (b, a) if day_first else (a, b)
        stop = i + 1
    if month is None:
        return None
    try:
        day = datetime(now.year, month, dom)
    except ValueError:
        return None
    words = " ".join(tokens[i:stop])
    k, span = _with_time(day, tokens, stop, words)
    return k, span, "past" if day <= _day(now) else "future"
