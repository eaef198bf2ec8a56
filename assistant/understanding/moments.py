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

from datetime import datetime, timedelta

from assistant.core.record import Record
from assistant.understanding import dates
from assistant.understanding.counted import after_treatment, arriving
from assistant.understanding.dates import Span
from assistant.understanding.expressions import LIMIT, expression, may_start, part_first
from assistant.understanding.phrases import around, sentence_end
from assistant.understanding.things import another_procedure, houses


class Times(Record):
    treated: Span | None = None
    asked: Span | None = None
    used: Span | None = None  # when something was last taken or had ("I stopped Accutane last year")
    stopped: bool = False  # ... said with a word of stopping, not only beside another procedure ("a peel last week")
    refused: str = ""  # words that read as a time too far away to use


def read(tokens: list[str], vocab, now: datetime, day_first: bool = False,
         treated: datetime | None = None) -> Times:
    """Find the treatment time and the moment asked about in a question's tokens; `treated`, when known
    from outside the question (the profile, the desk), lets a moment be counted from it ("on day 3")."""
    out = Times()
    # words of the treatment behind: not another procedure's ("a laser treatment", "I got Botox"), nor the
    # one ahead ("my microneedling is tomorrow")
    said = list(vocab.elapsed_treatment.find(tokens))
    upcoming = _ahead(tokens, vocab) if said else None  # else found at the first time read: most hold none
    treatment_words = {i for s, e, _v in said for i in (s, e) if not any(a <= s < b for a, b in upcoming)
                       and not another_procedure(tokens, s, e, vocab, overlap=True)}
    # ... though a learner's present tense asks nothing ahead right beside a time gone by: "I do microneedling
    # yesterday", "yesterday I do microneedling" were had ("can I do microneedling | next week", "… | after I
    # stopped Accutane" are ahead)
    present = [(a, e) for s, e, _v in said for a, b in upcoming if a <= s < b
               and not another_procedure(tokens, s, e, vocab, overlap=True)]
    use_words = {i for s, e, _v in vocab.stopped.find(tokens) for i in (s, e)}
    i, last, taken, asked_at, days, hours = 0, None, [], -1, set(), []
    named_houses = houses(tokens, vocab)  # "Sunday Riley" is no Sunday
    while i < len(tokens):
        if not may_start(tokens[i], vocab) or any(s <= i < e for s, e in named_houses):
            i += 1
            continue
        found = part_first(tokens, i, now, day_first, vocab) or expression(tokens, i, now, day_first, vocab)
        if found is None and tokens[i] == "today" and _near(treatment_words, i, i + 1, tokens, vocab):
            # "I had the procedure today": some time since midnight ("can I swim today?" asks of now, as it was)
            found = i + 1, Span(dates.midnight(now), now, "today"), "past"
        if found is None:
            i += 1
            continue
        stop, span, direction = found
        taken.append((i, stop))
        if tokens[i - 1:i] == ["now"]:  # "done Friday, now Sunday 6pm": the present said, not asked of
            i = stop
            continue
        options = span if isinstance(span, tuple) else (span,)
        if _said_again(last, i, options):
            i = stop  # "my treatment is tomorrow (Friday)": the same day said again, not a second moment
            continue
        last = stop, options
        if upcoming is None:
            upcoming = _ahead(tokens, vocab)
        # the treatment's own time: "tomorrow's procedure", "(my) appointment tomorrow", never "a Botox
        # appointment on Tuesday" or "a steam room session Monday", another's
        k = i - 1 if tokens[i - 1:i] in (["on"], ["for"]) else i  # "my appointment | on | the 30th"
        # ... "my (microneedling) appointment | on Monday", one word of its kind allowed between
        beside = tokens[stop:stop + 1] + (tokens[k - 1:k] if k < 2 or tokens[k - 2] in ("my", "the") or
                                          tokens[k - 3:k - 2] in (["my"], ["the"]) or
                                          not tokens[k - 2].isalnum() else [])
        treatment = _near(treatment_words, i, stop, tokens, vocab) or (  # "I had it done on Friday"
            direction == "past" and any(e == i or a == stop or (a == stop + 1 and tokens[stop] in vocab.join_openers)
                                        for a, e in present))
        # a time ahead said to be this treatment's: "my appointment is on Friday", "appointment tomorrow";
        # never another procedure's ("I'm booked for | a laser treatment | next week"), nor one behind ("I
        # had my treatment Tuesday")
        ours = {s for s, e in upcoming if not (e <= i and another_procedure(tokens, e, i, vocab))
                and not another_procedure(tokens, s - 2, s, vocab)}  # nor "my Botox | appointment is on"
        ahead = _near(ours, i, stop, tokens, vocab) or (
            direction != "past" and not vocab.beside.isdisjoint(beside)
            and not another_procedure(tokens, i - 3, i, vocab)
            and (k < 2 or tokens[k - 2] not in vocab.other_visits)  # nor "my derm | appointment on Monday"
            and not (treatment and _near({s for s, _e, _v in vocab.behind.find(tokens)}, i, stop, tokens, vocab)))
        if direction == "either" and "after" in tokens[stop:stop + 4]:  # "the Tuesday after", "on Saturday night
            span, direction, treatment = _after(span[1], treated), "future", False  # after my treatment"
        used = not treatment and _near(use_words, i, stop, tokens, vocab)  # "I quit Accutane in March"
        if direction == "either":
            span, direction = (span[0], "past") if (treatment or used) and not ahead else (span[1], "future")
        if vocab.clock_words.issuperset(w for w in tokens[i:stop] if not w.isdigit()):
            hours.append((i, stop))  # "… at 5 pm": an hour alone, of whatever day is named ("On Monday I have
        else:  # the gym at 5 pm"), no day of its own
            days.add((span.lo.date(), span.hi.date()))
        if span.lo < now < span.hi and (direction == "past" or ahead or not treatment):
            # "can I swim this week", under way: what is left of it; "I had it done this week" asks about no time
            span = span.replace(lo=now) if direction == "future" else span.replace(hi=now)
        if abs(span.lo - now) > LIMIT:
            out.refused = span.words
        elif direction == "past" and treatment and out.treated is None:
            out.treated = span
        elif direction == "past" and out.used is None and (used or (not treatment and not ahead and another_procedure(
                tokens, *around(tokens, i, stop, ".!?;,"), vocab))):  # or had another procedure: "a peel last week"
            out.used, out.stopped = span, used
        elif direction == "future" and ahead and out.treated is None:
            out.treated = span
        elif direction == "future" and span.lo > now - timedelta(hours=1) and not _waited(tokens, i, vocab) \
                and (out.asked is None or out.asked.lo <= span.lo <= span.hi <= out.asked.hi
                     or (_in_a_question(tokens, i) and not _in_a_question(tokens, asked_at))):
            # the first moment, or a narrower one inside it ("this weekend … Sunday night"), or the one the
            # question itself names ("My reunion is next Saturday. | Can I go back on my tretinoin tonight?")
            if tokens[i - 1:i] and tokens[i - 1] in vocab.through and not (treated and treated > now) and not any(
                    True for _ in vocab.waiting.find(tokens, max(0, i - 4), i - 1)):
                # "every day through Monday", "til Wednesday": every moment from now to its end ("if I wait until
                # Tuesday, can I swim then?" asks of Tuesday)
                span = span.replace(lo=now, words=f"from now through {span.words}")
            out.asked, asked_at = span, i
        i = stop
    if out.asked is not None and out.asked.hi - out.asked.lo == dates.WHOLE_DAY and \
            days == {(out.asked.lo.date(), out.asked.lo.date())}:
        # a day, however often named ("my sunday shift tomorow"), narrowed by an hour or a part of the day said
        # apart from it ("the wedding is tomorrow … the makeup artist comes at noon", "my 7am spin class tmrw")
        out.asked = dates.narrowed(out.asked, tokens, vocab.day_parts, [t for t in taken if t not in hours]) or \
            out.asked
    known = treated if treated is not None else out.treated and out.treated.lo  # the profile's, else the one said
    if out.asked is None and known is not None:  # "can I wear makeup on day 3?", "… the day after?"
        out.asked = after_treatment(tokens, known, vocab, ahead=known > now)
    alone = next((f for f in vocab.parts_alone.find(tokens) if tokens[f[1]:f[1] + 1] != ["of"]), None) \
        if out.asked is None else None  # "in the morning | of same day" is that day's
    # "the day of treatment, can I shave in the morning?": that day's morning, not tomorrow's (`now` stands in
    # for the unknown treatment time: only whether such a day is named counts here)
    if alone and known is None and (after_treatment(tokens, now, vocab) is not None or
                                    arriving(tokens, now, vocab, before=True) is not None):
        alone = None  # ... and so is "before the procedure, can I put cream on in the morning?"
    if alone:  # "when I wake up": the next one, and before a treatment that morning, up to it
        s, e, (lo, hi) = alone
        day = dates.midnight(now) + timedelta(days=now.hour >= hi)
        words = " ".join("you" if w == "i" else w for w in tokens[s:e])  # said back: "when you wake up"
        span = Span(day + timedelta(hours=lo), day + timedelta(hours=hi), words)
        if treated is not None and span.lo < treated <= span.hi:
            span = span.replace(hi=treated - timedelta(minutes=1))
        out.asked = span
    # ... up to the treatment's earliest reading ("tomorrow morning": before 6:00), or on a day said whole ("to
    # my appointment tomorrow"), up to its end
    whole = treated is None and out.treated is not None and out.treated.lo == dates.midnight(out.treated.lo)
    span = arriving(tokens, out.treated.hi if whole else known, vocab) if known is not None and known > now else None
    if span is not None:  # "can I put on moisturizer before I come in (tomorrow)?"
        span = span.replace(lo=max(now, span.lo))
        if out.asked is None or out.asked.lo <= span.lo <= span.hi <= out.asked.hi:
            out.asked = span
    return out


def _said_again(last, i: int, options) -> bool:
    """Say whether a time read at i, right after the last one read, names a day that one names too."""
    return last is not None and last[0] == i and any(
        o.lo.date() <= p.hi.date() and p.lo.date() <= o.hi.date() for o in options for p in last[1])


def _ahead(tokens: list[str], vocab) -> list[tuple[int, int]]:
    """Return where a treatment ahead is spoken of: "my appointment is on Friday", and asking whether it can
    go ahead ("can I still get microneedling on Friday?"), which speaks of one ahead as much."""
    return [(s, e) for index in (vocab.upcoming, vocab.eligibility) for s, e, _v in index.find(tokens)
            if not (s and tokens[s - 1] in vocab.other_visits)]  # "my dermatology | appointment is": another's


def _waited(tokens: list[str], i: int, vocab) -> bool:
    """Say whether the time at i is one waited for as the other choice ("… or should I wait until tomorrow?",
    "… or hold off till Monday?"), not the one asked about; waited for on a condition ("if I wait until Tuesday,
    can I swim then?") it is."""
    lo = max(0, i - 5)
    at = next((s for s, e, _ in vocab.waiting.find(tokens, lo, i) if i - e <= 2), None)
    return at is not None and "if" not in tokens[max(0, at - 3):at]


def _after(coming: Span, treated: datetime | None) -> Span:
    """Return a day of the week said as after the treatment: the first such day after it, when it is known."""
    weeks = 0
    while treated is not None and coming.lo + timedelta(days=7 * weeks) <= treated:
        weeks += 1
    return coming.replace(lo=coming.lo + timedelta(days=7 * weeks), hi=coming.hi + timedelta(days=7 * weeks))


def _in_a_question(tokens: list[str], i: int) -> bool:
    """Say whether the word at i (none when negative) stands in a sentence ending in a question mark."""
    return i >= 0 and sentence_end(tokens, i) == "?"


def _near(marks: set[int], start: int, stop: int, tokens: list[str], vocab) -> bool:
    """Say whether a treatment word stands in the same clause as the time: a join before a new subject
    begins one ("I stopped it in March | and my appointment is …", language.toml [elapsed.clauses])."""
    lo, hi = around(tokens, start, stop, ".!?;,")
    for k in range(lo, hi - 1):
        if tokens[k] in vocab.joins and tokens[k + 1] in vocab.join_openers:
            lo, hi = (k + 1, hi) if k < start else (lo, min(hi, k))
    return any(lo <= m <= hi for m in marks)


