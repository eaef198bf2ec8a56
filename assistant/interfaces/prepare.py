"""`aftercare prepare`: what to stop and start before a treatment, with dates, and when it may be had.

    aftercare prepare --protocol pre-post --appointment "Nov 27 10am"
    aftercare prepare --protocol pre-post --took "accutane until 2026-06-01" --took "botox 2026-11-10"
Dates come from the clinic's own before-treatment rules through clinic.preparation, the same rules
and dates `ask` gives before a treatment. Every date read from words is said back.
"""
from __future__ import annotations

from datetime import datetime

from assistant.clinic import preparation
from assistant.clinic.protocol import Protocol
from assistant.core.context import Env, Exit, UsageError
from assistant.core.record import Record
from assistant.core.text import CleanWriter, json_line
from assistant.interfaces.context import now_of, protocol_of, saved_profile
from assistant.timeline.bounds import OFFSET_SPAN
from assistant.timeline.clock import DateError, parse_when, say_date, say_relative, say_short
from assistant.understanding import matcher
from assistant.understanding.utterance import Utterance
from assistant.understanding.vocabulary import load as load_vocabulary

KIND_WORDS = {"stop": "", "start": "", "day": "On the day: "}
_JOINERS = {"until", "till", "til", "on", "at", "since", "stopped", "last", "from", "-", "—", ":", ","}


class Taken(Record):
    """Something the patient took or had, and when they last did."""

    words: str          # as typed: "accutane"
    topics: list[str]
    said: str           # the words as the vocabulary reads them, to tell Botox from fillers
    last: datetime
    date_words: str     # as typed: "2026-06-01", said back


def prepare(args, env: Env) -> int:
    """Print the dated list, and the earliest treatment after what was taken."""
    now = now_of(args, env)
    saved = saved_profile(env)
    protocol = protocol_of(args.protocol or (saved.protocol if saved else "alexander"))
    appointment = _appointment(args, saved, now)
    taken = [_taken(text, now) for text in args.took or []]
    if appointment is None and not taken:
        raise UsageError("prepare needs --appointment WHEN (or --took 'THING DATE' for the earliest date)")
    steps = preparation.steps(protocol, appointment) if appointment else []
    earliest, found = preparation.earliest(protocol, [(x.topics, x.said, x.last) for x in taken], now)
    if args.json:
        env.stdout.write(json_line(_as_json(protocol, appointment, steps, taken, found, earliest)) + "\n")
        return Exit.OK
    _write(CleanWriter(env.stdout), protocol, appointment, args.appointment, steps, taken, found, earliest, now)
    return Exit.OK


def _appointment(args, saved, now: datetime) -> datetime | None:
    if args.appointment:
        try:
            return parse_when(args.appointment, now, default_hour=9)
        except DateError as exc:
            raise UsageError(f"--appointment: {exc}") from None
    if saved and saved.treated_at and saved.treated_at > now and not args.protocol:
        return saved.treated_at
    return None


def _taken(text: str, now: datetime) -> Taken:
    """Read "accutane until 2026-06-01", "botox 2026-11-10", "retinol yesterday": a thing, then when.

    Every split of the words into a thing and a time is tried, shortest thing first, and the first
    whose thing the assistant knows wins: "vitamin c 3 days ago" is vitamin C, not "c 3 days ago"."""
    words, vocab, readable = text.split(), load_vocabulary(), None
    for i in range(1, len(words) + 1):
        thing = [w for w in words[:i] if w.lower() not in _JOINERS]
        when = " ".join(w for w in words[i:] if w.lower() not in _JOINERS)
        try:
            # the last dose may be as far back as the longest gap a sheet asks for: five years
            last = parse_when(when, now, default_hour=12, within=OFFSET_SPAN) if when else None
        except DateError:
            continue
        if last is None or not thing:
            continue
        utt = Utterance.of(" ".join(thing), vocab)
        topics = [a.topic for a in matcher.topics(utt, vocab)]
        if topics:
            return Taken(" ".join(thing), topics, utt.text, last, when)
        readable = readable or thing
    if readable is None:
        raise UsageError(f"--took: couldn't read '{text}': give the thing, then when you last had it "
                         "('accutane until 2026-06-01', 'botox 2026-11-10', 'retinol yesterday')")
    raise UsageError(f"--took: I don't know '{' '.join(readable)}': name the medicine, product or treatment")


def _write(out, protocol: Protocol, appointment, typed: str | None, steps, taken, found, earliest, now) -> None:
    out.write(f"Getting ready — {protocol.clinic} ({protocol.id})\n")
    if appointment is not None:
        said = f" (from “{typed}”)" if typed else " (your saved appointment)"
        out.write(f"Appointment: {say_date(appointment, now)}, {say_relative(appointment, now)}{said}\n")
    if appointment is not None and not steps:
        out.write(f"\nYour clinic's sheet says nothing about getting ready; ask them {protocol.how_to_reach()}.\n")
    elif steps:
        out.write("\nFrom each date (✓: already in force), in your clinic's words:\n")
    for s in steps:
        mark = "✓ " if s.at <= now and s.kind != "day" else "  "
        out.write(f"{mark}{say_short(s.at):<17} {KIND_WORDS[s.kind]}{s.rule.text}\n")
    if not taken:
        return
    out.write("\nWhat you took:\n")
    for t, hit in zip(taken, found):
        last = f"last {say_date(t.last, now)} (from “{t.date_words}”)"
        if hit is None:
            out.write(f"  {t.words}: {last}; your clinic's sheet asks for no time between it and treatment\n")
            continue
        at, rule = hit
        fits = "" if appointment is None else " — in time" if at <= appointment else " — after your appointment"
        out.write(f"  {t.words}: {last}; {preparation.gap_words(rule)} needed, so from {say_date(at, now)}{fits}\n")
    if appointment is None:
        out.write(f"\nThe earliest treatment your clinic's sheet allows: {say_date(earliest, now)}.\n")
    elif earliest <= appointment:
        out.write(f"\nYour appointment on {say_date(appointment, now)} is late enough for everything you took.\n")
    else:
        out.write(f"\nYour appointment on {say_date(appointment, now)} is too soon: the earliest your clinic's sheet "
                  f"allows is {say_date(earliest, now)}. Please call your clinic {protocol.how_to_reach()}.\n")


def _as_json(protocol: Protocol, appointment, steps, taken, found, earliest) -> dict:
    return {"protocol": protocol.id,
            "appointment": appointment.isoformat(timespec="minutes") if appointment else None,
            "steps": [{"at": s.at.isoformat(timespec="minutes"), "kind": s.kind, "topic": s.rule.topic,
                       "text": s.rule.text, "sources": [x.as_json() for x in s.rule.sources]} for s in steps],
            "took": [{"said": t.words, "topics": t.topics, "last": t.last.isoformat(timespec="minutes"),
                      "ready": hit[0].isoformat(timespec="minutes") if hit else None} for t, hit in zip(taken, found)],
            "earliest": earliest.isoformat(timespec="minutes"),
            "in_time": None if appointment is None else earliest <= appointment}
