"""Read a day or a stretch of one from words: "nov 20", "11/24", "the 30th", "in February", "at 2pm", "next Saturday".

These are the calendar's parts of understanding/moments.py, which decides what each time means for the
question; a day without an hour is the whole day, and the words read are kept to be said back.
"""
from __future__ import annotations

import re
from datetime import datetime, timedelta

from assistant.core.record import Record
from assistant.timeline.clock import MONTH_NAMES, MONTHS, WEEKDAYS

# A date with no year this far before today may be next year's ("can I lay out on the beach on February 1st?"
# asked in November); one nearer is the last one ("I had it Nov 12").
FAR_BACK = timedelta(days=60)


class DayParts(Record):
    """The parts of a day of intents/language.toml: word tuples to (from hour, to hour), longest first."""

    glue: tuple[tuple[str, ...], ...]
    hours: dict[tuple[str, ...], tuple[int, int]]
    firsts: frozenset[str]  # the words a part or its glue starts with

    @classmethod
    def of(cls, glue: list[str], hours: dict[str, list[int]]) -> DayParts:
        """Build the parts from their table: glue and parts longest first, the bare part (no glue) last."""
        longest = sorted(hours.items(), key=lambda kv: -len(kv[0].split()))
        return cls(glue=(*sorted((tuple(g.split()) for g in glue), key=len, reverse=True), ()),
                   hours={tuple(k.split()): tuple(v) for k, v in longest},
                   firsts=frozenset(p.split()[0] for p in [*glue, *hours]))

    def read(self, tokens: list[str], k: int) -> tuple[int, str, tuple[int, int]] | None:
        """Read a part of the day at k, past its glue: "evening", "at noon", "in the morning", "after work"."""
        if k >= len(tokens) or tokens[k] not in self.firsts:
            return None  # most words start no part
        for glue in self.glue:
            j = k + len(glue)
            if tuple(tokens[k:j]) != glue:
                continue
            for words, hours in self.hours.items():
                if tuple(tokens[j:j + len(words)]) == words:
                    return j + len(words), " ".join(tokens[k:j + len(words)]), hours
        return None


class Span(Record):
    """A moment or a stretch of time read from words; `lo == hi` when it is exact."""

    lo: datetime
    hi: datetime
    words: str

    @property
    def exact(self) -> bool:
        return self.lo == self.hi


WHOLE_DAY = timedelta(days=1) - timedelta(minutes=1)  # a day's span, as whole() makes it


def midnight(d: datetime) -> datetime:
    """Return the start of d's day."""
    return datetime(d.year, d.month, d.day)


def whole(day: datetime, words: str, hours: tuple[int, int] = (0, 24)) -> Span:
    """Return a day, or a part of it (6 to 12 for "morning"; 12 to 12 for "noon", a moment), as one span."""
    lo, hi = hours
    if lo == hi:
        return Span(day + timedelta(hours=lo), day + timedelta(hours=lo), words)
    return Span(day + timedelta(hours=lo), day + timedelta(hours=hi) - timedelta(minutes=1), words)


def clock(tokens: list[str], i: int) -> tuple[int, tuple[int, int] | None]:
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
    elif 1 <= hour <= 6 and minute < 60:
        hour += 12  # "at 2" with no am or pm: a plan or a clinic's hour is the afternoon's, not the night's
    return (k, (hour, minute)) if hour < 24 and minute < 60 else (i, None)


def with_time(day: datetime, tokens: list[str], k: int, words: str, parts: DayParts) -> tuple[int, Span]:
    """Finish a day with a part of the day or a clock time that may follow it: "Monday morning at 8" is 8:00,
    "Sunday evening at 7" 19:00, "Sunday after 6pm" from 18:00 to the day's end."""
    if part := parts.read(tokens, k):
        stop, said, hours = part
        span = whole(day, f"{words} {said}", hours)
        at, hm = clock(tokens, stop)
        hours_said = () if hm is None else (hm[0], hm[0] + 12) if hm[0] < 12 else (hm[0],)  # "evening at 7": 19
        for hour in hours_said:
            exact = day + timedelta(hours=hour, minutes=hm[1])
            if span.lo <= exact <= span.hi:  # an hour inside the part narrows it; one outside is no reading
                return at, Span(exact, exact, " ".join([span.words, *tokens[stop:at]]))
        return stop, span
    after = tokens[k:k + 1] == ["after"]
    stop, hm = clock(tokens, k + after)
    if hm:
        exact = day.replace(hour=hm[0], minute=hm[1])
        end = whole(day, words).hi if after else exact
        return stop, Span(exact, end, " ".join([words, *tokens[k:stop]]))
    return k, whole(day, words)


def narrowed(day: Span, tokens: list[str], parts: DayParts, taken: list[tuple[int, int]]) -> Span | None:
    """Return a whole day asked about narrowed to the one hour ("at noon", "7am") or part of the day ("in the
    afternoon") the message says apart from it, outside the times already read (`taken`); None when it says
    none, or more than one that disagree (an hour inside the part said with it agrees: "like 7am b4 work")."""
    found = []
    for k in range(len(tokens)):
        if any(s <= k < e for s, e in taken) or (found and k < found[-1][0]):
            continue
        if part := parts.read(tokens, k):
            found.append((part[0], whole(day.lo, f"{day.words} {part[1]}", part[2])))
            continue
        at, hm = clock(tokens, k)  # an hour only after "at" or before "am" or "pm", as clock() reads one
        if hm:
            exact = day.lo + timedelta(hours=hm[0], minutes=hm[1])
            said = [day.words, *([] if tokens[k] == "at" else ["at"]), *tokens[k:at]]  # "tomorrow at 7 am"
            found.append((at, Span(exact, exact, " ".join(said))))
    spans = [span for _k, span in found]
    exact = [s for s in spans if s.lo == s.hi]
    if len(exact) == 1 and all(s.lo <= exact[0].lo <= s.hi for s in spans):
        return exact[0]
    return spans[0] if len(spans) == 1 else None


def day_of_month(tokens: list[str], i: int, now: datetime, dom: int, parts: DayParts):
    """Read "the 30th" as the coming one for a question and the last one for a treatment."""
    today = midnight(now)
    days = []
    for back in (1, 0, -1, -2):  # months from last to the one after next: the 31st is not in every month
        year, index = divmod(now.year * 12 + now.month - 1 - back, 12)
        try:
            days.append(datetime(year, index + 1, dom))
        except ValueError:
            continue
    past = [d for d in days if d <= today]
    coming = [d for d in days if d >= today]
    if not past or not coming:
        return None
    words = f"the {dom}{tokens[i + 2]}"
    stop, before = with_time(past[-1], tokens, i + 3, words, parts)
    _, after = with_time(coming[0], tokens, i + 3, words, parts)
    return stop, (before, after), "either"


def month(tokens: list[str], i: int, now: datetime):
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


def calendar_date(tokens: list[str], i: int, now: datetime, day_first: bool, parts: DayParts):
    """Read "nov 20", "20 november", "11/24" (month first unless the locale puts the day first)."""
    t = tokens[i]
    nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
    month = dom = None
    stop = i
    if t in MONTH_NAMES and nxt.rstrip("stndrh").isdecimal() and len(nxt) <= 4:  # not "maybe 3"
        month, dom, stop = MONTHS[t[:3]], int(nxt.rstrip("stndrh")), i + 2
    elif t.rstrip("stndrh").isdecimal() and nxt in MONTH_NAMES and len(t) <= 4:
        month, dom, stop = MONTHS[nxt[:3]], int(t.rstrip("stndrh")), i + 2
    elif re.fullmatch(r"\d{1,2}/\d{1,2}(/\d{2,4})?", t):
        a, b = (int(x) for x in t.split("/")[:2])
        month, dom = (b, a) if day_first else (a, b)
        stop = i + 1
    if month is None:
        return None
    return on_day(month, dom, tokens, i, stop, now, parts, scored="/" in t)


def holiday(tokens: list[str], i: int, now: datetime, parts: DayParts, holidays):
    """Read a day of the year said by name from i ("Christmas", "New Year's Eve") as its date, or None."""
    start, stop, (month, dom) = next(holidays.find(tokens, i, min(len(tokens), i + 4)), (-1, 0, (0, 0)))
    return on_day(month, dom, tokens, i, stop, now, parts) if start == i else None


def on_day(month: int, dom: int, tokens: list[str], i: int, stop: int, now: datetime, parts: DayParts,
           scored: bool = False):
    """Read a day of a month said with no year, its words tokens[i:stop]: a day ahead this year is the coming
    one; one gone by is the last, or next year's too when it is months ago; `scored` ("9/10") never next year's."""
    try:
        day = datetime(now.year, month, dom)
    except ValueError:
        return None
    words = " ".join(tokens[i:stop])
    k, span = with_time(day, tokens, stop, words, parts)
    if day > midnight(now):
        return k, span, "future"
    # "Nov 12", days ago, is a treatment's or a last use's; the 29th of February has no next year
    if day >= midnight(now) - FAR_BACK or scored or (month, dom) == (2, 29):
        return k, span, "past"
    # "on February 1st", asked in November: next year's for a question, this year's for a treatment
    return k, (span, with_time(day.replace(year=now.year + 1), tokens, stop, words, parts)[1]), "either"


def weekday(tokens: list[str], i: int, today: datetime, parts: DayParts):
    """Read a day of the week from i, as (stop, span, "past" | "future" | "either"), or None: "last Tuesday",
    "next Saturday" (said the day before, a week on), "coming Friday", "Friday after next", "a week from
    Sunday", "Monday evening"; alone, the past and the coming one both, for the question to choose."""
    t = tokens[i]
    nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
    if tokens[i:i + 3] == ["a", "week", "from"] and i + 3 < len(tokens) and tokens[i + 3] in WEEKDAYS:
        ahead = (WEEKDAYS.index(tokens[i + 3]) - today.weekday()) % 7 or 7  # "a week from Sunday"
        words = " ".join(tokens[i:i + 4])
        stop, span = with_time(today + timedelta(days=ahead + 7), tokens, i + 4, words, parts)
        return stop, span, "future"
    lead = t in ("last", "next", "on", "this", "by", "coming")
    day_word = nxt if lead else t
    if day_word in WEEKDAYS:
        k = i + (2 if lead else 1)
        words = " ".join(tokens[i:k])
        back = (today.weekday() - WEEKDAYS.index(day_word)) % 7
        ahead = (WEEKDAYS.index(day_word) - today.weekday()) % 7
        if tokens[k:k + 2] == ["after", "next"]:  # "Friday after next": the one after the next one
            words = " ".join(tokens[i:k + 2])
            stop, span = with_time(today + timedelta(days=(ahead or 7) + 7), tokens, k + 2, words, parts)
            return stop, span, "future"
        if t == "coming":  # "this coming Friday", said on a Friday, is the one a week on
            stop, span = with_time(today + timedelta(days=ahead or 7), tokens, k, words, parts)
            return stop, span, "future"
        if t == "last":
            stop, span = with_time(today - timedelta(days=back or 7), tokens, k, words, parts)
            return stop, span, "past"
        if t == "next":  # tomorrow is "tomorrow": "next Saturday" said on a Friday is the one a week on
            stop, span = with_time(today + timedelta(days=ahead + 7 if ahead <= 1 else ahead), tokens, k, words,
                                   parts)
            return stop, span, "future"
        # alone: the past one if it is about the treatment, the coming one if it is a question
        stop, past = with_time(today - timedelta(days=back), tokens, k, words, parts)
        _, coming = with_time(today + timedelta(days=ahead), tokens, k, words, parts)
        return stop, (past, coming), "either"
    return None
