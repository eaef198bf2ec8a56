"""Answer whether the treatment can go ahead, given something taken: "I'm on Accutane, can I still get
microneedling next week?", "I had Botox 5 days ago, is that ok for my treatment?".

    rule(protocol, "isotretinoin", label, utt, vocab, stated, times, treated, now)   # Ruling or None
Asked before the treatment about a topic with a gap rule, the answer comes from clinic.preparation,
the same rules and dates as `aftercare prepare`: never "not until after your treatment". The last use
is a stated time ("stopped it 3 months ago"), a day or month said beside stopping ("I quit it in March",
its latest moment), or now for something still taken ("I'm on"), or the moment asked about before a known
appointment ("can I wax tonight?"); the treatment is the moment asked about ("next week"), else the
appointment, else the answer is the earliest date.
"""
from __future__ import annotations

from datetime import datetime, timedelta

from assistant.clinic import preparation
from assistant.clinic.protocol import Protocol
from assistant.clinic.ruling import Ruling
from assistant.understanding.quantity import Elapsed
from assistant.understanding.utterance import Utterance
from assistant.understanding.vocabulary import Vocabulary


def inside(position: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= position < stop for start, stop in spans)


def rule(protocol: Protocol, topic: str, label: str, utt: Utterance, vocab: Vocabulary, stated: Elapsed | None,
         times, treated: datetime | None, now: datetime, spans: list[tuple[int, int]]) -> Ruling | None:
    """Rule on the treatment going ahead after `topic`; None when this is not that question."""
    if treated is not None and treated <= now:
        return None
    if times.asked and treated is not None and times.asked.hi < treated and not (stated and stated.hours >= 0) \
            and times.used is None:
        # "can I wax my chin tonight?" before a known appointment: tonight is the use, not the treatment
        day = times.treated is not None and not times.treated.exact and treated == times.treated.hi
        return preparation.planned_use(protocol, topic, label, now, times.asked.hi,
                                       times.treated.lo if day else treated, utt.text, day_only=day)
    # a time ago, before a treatment still ahead (or asked about), is when the thing was last had
    since_use = stated is not None and stated.hours >= 0 and \
        (stated.anchor == "last_use" or bool(spans) or treated is not None)
    # a day another procedure was had ("a peel last week") is its last use where the treatment is ahead
    used = times.used is not None and (times.stopped or bool(spans) or treated is not None)
    if not (spans or since_use or used):
        return None
    if not preparation.gaps(protocol, topic, utt.text):
        return None
    ongoing = any(True for _ in vocab.ongoing.find(utt.tokens))
    last = now - timedelta(hours=stated.hours) if since_use else (now if ongoing else None)
    last_from = None
    if last is None and used:  # "I stopped it last year": its latest moment, and its earliest
        last, last_from = min(times.used.hi, now), times.used.lo
    appointment = treated if treated is not None and treated > now else None
    if times.asked and not (appointment and times.asked.lo <= appointment <= times.asked.hi + timedelta(minutes=1)):
        appointment = times.asked.hi  # a day asked about that holds the known appointment is that appointment
    day = times.treated is not None and not times.treated.exact and appointment == times.treated.hi
    turned = next((words for _s, _e, words in vocab.too_soon.find(utt.tokens)), "")  # "is that too close?"
    return preparation.eligibility(protocol, topic, label, now, last, times.treated.lo if day else appointment,
                                   utt.text, ongoing=ongoing and not since_use, day_only=day, last_from=last_from,
                                   turned=turned)
