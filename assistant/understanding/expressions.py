"""Read one time expression at a place in a question's tokens: "in 3 days", "tomorrow evening", "last week",
"the weekend after next", "first thing Monday", a weekday or a calendar date (understanding.dates).

    expression(tokens, i, now, day_first, vocab)  # (stop, Span or (Span, Span), "past" | "future" | "either")
    part_first(tokens, i, now, day_first, vocab)  # a part of the day said before its day, or None
understanding.moments decides what each time read is: the treatment's, the moment asked about or a last use.
"""
from __future__ import annotations

import re
from datetime import datetime, timedelta

from assistant.timeline.bounds import TREATED_SPAN, number
from assistant.timeline.clock import MONTH_NAMES, MONTHS, WEEKDAYS
from assistant.understanding import dates
from assistant.understanding.dates import Span

UNITS = {"minute": 1 / 60, "minutes": 1 / 60, "min": 1 / 60, "mins": 1 / 60, "hour": 1, "hours": 1, "hr": 1,
         "hrs": 1, "day": 24, "days": 24, "week": 168, "weeks": 168, "fortnight": 336, "fortnights": 336,
         "month": 730.5, "months": 730.5, "year": 8766, "years": 8766}
HOUR = timedelta(hours=1)
LIMIT = TREATED_SPAN  # a treatment or a moment asked about further away than this is no reading


# Every word a time expression here or in understanding.dates can begin with, beside numbers, month and weekday
# names and the day parts' first words: moments.read passes over the rest without trying each reading.
OPENERS = frozenset({"in", "a", "an", "one", "tomorrow", "today", "day", "at", "this", "tonight", "later", "the",
                     "coming", "yesterday", "last", "next", "on", "by", "during", "until", "till", "til"})


def may_start(token: str, vocab) -> bool:
    """Say whether a time expression may begin at this word ("next", "3", "nov", "friday", "evening")."""
    return token in OPENERS or token[:1].isdigit() or token[:3] in MONTHS or token in WEEKDAYS or \
        token in vocab.numbers or token in vocab.day_parts.firsts or vocab.holidays.starts(token)


def duration(n: float | None, unit: str) -> timedelta:
    """Return n units as a timedelta; past the limit (or unreadable), just past it, so it is refused."""
    hours = n * UNITS[unit] if n is not None else float("inf")
    return timedelta(hours=hours) if hours <= LIMIT.total_seconds() / 3600 else 2 * LIMIT


def count(token: str, counts: dict) -> float | None:
    """Read how many: "3", "a", "two" (the number words of intents/language.toml)."""
    if re.fullmatch(r"\d+(\.\d+)?", token):
        return number(token)
    return 1.0 if token in ("a", "an") else counts.get(token)


def part_first(tokens: list[str], i: int, now: datetime, day_first: bool, vocab):
    """Read a part of the day said before its day ("first thing Monday", "at noon on Sunday", "in the
    morning tomorrow") as that part of that day, or None."""
    part = vocab.day_parts.read(tokens, i)
    if part and tokens[part[0]:part[0] + 1] == ["today"]:  # "at noon today": past or ahead, as it falls
        span = dates.whole(dates.midnight(now), f"{part[1]} today", part[2])
        return part[0] + 1, span, "past" if span.hi <= now else "future"
    inner = part and part[0] < len(tokens) and expression(tokens, part[0], now, day_first, vocab)
    if not inner:
        return None
    stop, span, direction = inner
    if isinstance(span, Span) and span.lo.date() == span.hi.date() and span.lo != span.hi \
            and span.hi - span.lo != dates.WHOLE_DAY:
        # a part of a part of one day ("first thing tomorrow morning"): the hours both hold
        day, (lo, hi) = dates.midnight(span.lo), part[2]
        both = Span(max(span.lo, day + timedelta(hours=lo)), min(span.hi, day + timedelta(hours=hi, minutes=-1)),
                    f"{part[1]} {span.words}")
        return (stop, both, direction) if both.lo <= both.hi else None
    spans = [dates.whole(dates.midnight(s.lo), f"{part[1]} {s.words}", part[2]) for s in
             (span if isinstance(span, tuple) else (span,)) if s.hi - s.lo == dates.WHOLE_DAY]
    if len(spans) != (2 if isinstance(span, tuple) else 1):
        return None  # not a whole day ("at noon in 3 days"): read as said
    return stop, tuple(spans) if isinstance(span, tuple) else spans[0], direction


def expression(tokens: list[str], i: int, now: datetime, day_first: bool, vocab):
    """Return (stop, span, "past" | "future" | "either") for a time expression starting at i, or None."""
    counts, parts = vocab.numbers, vocab.day_parts
    t = tokens[i]
    nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
    today = dates.midnight(now)
    if t == "in" and (after := count(nxt, counts)) is not None and i + 2 < len(tokens) and tokens[i + 2] in UNITS:
        stop = i + 3 + 3 * (tokens[i + 3:i + 6] == ["and", "a", "half"])  # "in an hour and a half"
        moment = now + duration(after + 0.5 * (stop > i + 3), tokens[i + 2])  # "in two weeks"
        return stop, Span(moment, moment, " ".join(tokens[i:stop])), "future"
    if t == "in" and tokens[i + 1:i + 4] in (["half", "an", "hour"], ["half", "a", "day"]):
        moment = now + duration(0.5, tokens[i + 3])
        return i + 4, Span(moment, moment, " ".join(tokens[i:i + 4])), "future"
    if vague := _some(tokens, i, now, counts):
        return vague
    many = count(t, counts)
    if many is not None and nxt in UNITS and tokens[i + 2:i + 4] in (["from", "now"], ["from", "today"]):
        moment = now + duration(many, nxt)  # "two weeks from now"
        return i + 4, Span(moment, moment, " ".join(tokens[i:i + 4])), "future"
    if t in ("a", "one") and nxt == "week" and tokens[i + 2:i + 3] in (["today"], ["tomorrow"]):
        day = today + timedelta(days=7 + (tokens[i + 2] == "tomorrow"))  # "a week today": that day next week
        stop, span = dates.with_time(day, tokens, i + 3, " ".join(tokens[i:i + 3]), parts)
        return stop, span, "future"
    if t in ("in", "during", "by", "until", "till", "til") and nxt in MONTH_NAMES and \
            dates.calendar_date(tokens, i + 1, now, day_first, parts) is None:
        return dates.month(tokens, i, now)  # "in February", "on it until September"; "in February 3rd" is a date
    if many is not None and t not in ("a", "an") and nxt in UNITS and tokens[i + 2:i + 3] == ["ago"]:
        moment = now - duration(many, nxt)
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
    at, hm = dates.clock(tokens, i)  # "at 9 this morning": the hour said first
    if t == "today" and not hm:
        at, hm = dates.clock(tokens, i + 1)  # "today at 3"
    if hm and (t == "today" or tokens[at:at + 1] == ["today"]):  # "at 3 today": past or ahead, as it falls
        moment = today + timedelta(hours=hm[0], minutes=hm[1])
        stop = at + (t != "today")
        return stop, Span(moment, moment, " ".join(tokens[i:stop])), "past" if moment <= now else "future"
    part = tokens[at:at + 1] if tokens[at:at + 1] == ["tonight"] else tokens[at + 1:at + 2]
    if hm and tokens[at:at + 1] in (["this"], ["tonight"]) and tuple(part) in parts.hours:
        found = expression(tokens, at, now, day_first, vocab)
        return found and (_at_hour(found, hm, tokens[i:at], now, parts.hours[tuple(part)]) or found)
    if hm and (found := _day_after_hour(tokens, i, at, hm, now, day_first, vocab)):
        return found  # "at 2 tomorrow", "at 10am on Friday": the hour said before its day
    if hm and t == "at" and tokens[at - 1] in ("am", "pm"):  # "at 2am" with no day: the last such hour, or the
        # next ("it's about 4pm now" tells the clock, and asks of no moment)
        last = today + timedelta(hours=hm[0], minutes=hm[1])
        last -= timedelta(days=last > now)
        said = " ".join(tokens[i:at])
        return at, (Span(last, last, said), Span(last + timedelta(days=1), last + timedelta(days=1), said)), "either"
    if hm and t == "at" and (at >= len(tokens) or expression(tokens, at, now, day_first, vocab) is None):
        # "at 11" with no am or pm and no day after it ("at 3 next week"): the next such hour on the clock
        # face, when it is still today (one said within the hour is this one: "my call at 4", asked at 4:10)
        faces = {hm[0]} | ({hm[0] + 12} if hm[0] < 12 else set())  # 11 is 11:00 or 23:00
        ahead = min((today + timedelta(hours=h, minutes=hm[1]) for h in faces), key=lambda m: (m < now - HOUR, m))
        if ahead >= now - HOUR:
            return at, Span(ahead, ahead, " ".join(tokens[i:at])), "future"
    hours = parts.hours.get((nxt,))
    if t in ("tonight",) or (t == "this" and nxt in ("evening", "afternoon") and now.hour < hours[0]):
        part = ("tonight",) if t == "tonight" else (nxt,)
        stop = i + (1 if t == "tonight" else 2)
        found = stop, dates.whole(today, t if t == "tonight" else f"this {nxt}", parts.hours[part]), "future"
        return _hour_after(found, tokens, now, parts.hours[part])  # "this evening at 7"
    if t == "this" and hours and nxt in ("morning", "afternoon", "evening", "night"):
        lo, hi = hours
        found = i + 2, Span(today + timedelta(hours=lo), min(now, today + timedelta(hours=hi)), f"this {nxt}"), "past"
        return _hour_after(found, tokens, now, hours)  # "this morning at 9"
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
    if found := _the_nth(tokens, i, now, parts):
        return found  # "on the 30th": this month's, or the next
    if t == "yesterday":
        stop, span = dates.with_time(today - timedelta(days=1), tokens, i + 1, "yesterday", parts)
        return stop, span, "past"
    if t == "last" and nxt in ("month", "year"):  # the calendar month or year before this one, whole
        lo = today.replace(day=1) if nxt == "month" else today.replace(month=1, day=1)
        start = (lo - timedelta(days=1)).replace(day=1) if nxt == "month" else lo.replace(year=lo.year - 1)
        return i + 2, Span(start, lo - timedelta(minutes=1), f"last {nxt}"), "past"
    if t == "last" and nxt == "night":  # the evening before, to its midnight; an hour said after it narrows it
        found = i + 2, Span(today - timedelta(hours=6), today - timedelta(minutes=1), "last night"), "past"
        return _hour_after(found, tokens, now, (18, 24))  # "last night at 6pm"
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
        # said on a Sunday, the first day of an American week, "the end of the week" is the coming one
        weeks = 1 if tokens[i + 3] == "next" or today.weekday() == 6 else 0
        friday = today - timedelta(days=today.weekday()) + timedelta(days=4 + 7 * weeks)
        span = Span(max(friday, now), friday + timedelta(days=3) - timedelta(minutes=1), " ".join(tokens[i:i + 5]))
        return i + 5, span, "future"  # "by the end of the week": Friday to Sunday, what is left of it
    if t == "this" and nxt == "coming":  # "this coming Friday" is "coming Friday", said back whole
        found = expression(tokens, i + 1, now, day_first, vocab)
        if found and isinstance(found[1], Span):
            found = (found[0], found[1].replace(words=f"this {found[1].words}"), found[2])
        return found
    if found := dates.holiday(tokens, i, now, parts, vocab.holidays):
        return found
    found = dates.weekday(tokens, i, today, parts)
    if found:  # "Monday the 30th", "Monday, Nov 30": the date said after the day is the day meant
        return _dated(tokens, found[0], now, day_first, parts) or found
    return dates.calendar_date(tokens, i, now, day_first, parts)


def _dated(tokens: list[str], k: int, now: datetime, day_first: bool, parts):
    """Read a date said just after a day of the week, from k, or None."""
    k += tokens[k:k + 1] == [","]
    if k >= len(tokens):
        return None
    return _the_nth(tokens, k, now, parts) or dates.calendar_date(tokens, k, now, day_first, parts)


def _the_nth(tokens: list[str], i: int, now: datetime, parts):
    """Read a day of the month said alone from i ("the 30th"), or None."""
    nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
    if tokens[i] == "the" and nxt.isdecimal() and len(nxt) <= 2 and \
            tokens[i + 2:i + 3] in (["st"], ["nd"], ["rd"], ["th"]):
        return dates.day_of_month(tokens, i, now, int(nxt), parts)
    return None


def _day_after_hour(tokens: list[str], i: int, at: int, hm: tuple[int, int], now: datetime, day_first: bool, vocab):
    """Read a day or a part of one said right after the clock time `hm` at i..at ("at 2 | tomorrow", "at
    10am | on Friday", "at 8 | tomorrow morning") and place the time in it, said back day first ("tomorrow
    at 2"); None when none follows, or the part holds no reading of the hour."""
    found = expression(tokens, at, now, day_first, vocab) if at < len(tokens) else None
    days = found and (found[1] if isinstance(found[1], tuple) else (found[1],))
    if not days or any(s.lo.date() != s.hi.date() for s in days):
        return None  # no day follows, or a span of several: no one moment to place the hour in
    said = " ".join(tokens[i:at])
    spans = []
    for s in days:  # "at 8" in a morning is 8:00, in an evening 20:00; a whole day takes it as read
        hour = hm[0] if s.hi - s.lo == dates.WHOLE_DAY else _hour_in(hm[0], s.lo.hour, max(s.hi.hour, s.lo.hour))
        if hour is None:
            return None
        moment = s.lo.replace(hour=hour, minute=hm[1])
        spans.append(Span(moment, moment, f"{s.words} {said}"))
    return found[0], spans[0] if len(spans) == 1 else tuple(spans), found[2]


def _hour_after(found, tokens: list[str], now: datetime, hours: tuple[int, int]):
    """Narrow a part of today that `found` reads to an hour said right after it ("this morning at 9"), where
    the part holds it; else return `found` as it is."""
    after, hm = dates.clock(tokens, found[0])
    return _at_hour((after, *found[1:]), hm, tokens[found[0]:after], now, hours) or found


def _at_hour(found, hm: tuple[int, int] | None, said: list[str], now: datetime, hours: tuple[int, int]):
    """Place a clock time in the part of today that `found` reads, as a moment ("this evening at 7" is
    19:00), or return None when there is none or no reading of it falls in the part ("this morning at 3pm")."""
    if hm is None:
        return None
    stop, span, _direction = found
    hour = _hour_in(hm[0], *hours)
    if hour is None:
        return None
    moment = dates.midnight(span.lo) + timedelta(hours=hour, minutes=hm[1])
    return stop, Span(moment, moment, f"{span.words} {' '.join(said)}"), "past" if moment <= now else "future"


def _hour_in(hour: int, lo: int, hi: int) -> int | None:
    """Return the reading of an hour said with no am or pm ("at 7") that a part of a day from lo to hi holds:
    as said, twelve hours on, or twelve back; None when none does ("this morning at 3pm")."""
    return next((h for h in (hour, hour + 12, hour - 12) if lo <= h <= min(hi, 23)), None)


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
    span = Span(now + duration(lo, tokens[k]), now + duration(hi, tokens[k]), " ".join(tokens[i:k + 1]))
    return k + 1, span, "future"


