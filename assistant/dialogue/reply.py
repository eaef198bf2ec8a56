"""Build the one structured reply to a question (dialogue.response.Reply); text, speech, the desk script and
JSON render its parts.

    r = answer("can I wear makeup tomorrow?", protocol, treated, now)
    for part in r.parts(): ...     # Part("alert" | "condition" | "answer" | "fallback" | "note", text, ruling)
    r.as_json()                    # the object of `ask --json` (docs/json.md)
Order of work: triage first (its alert leads), then topics, each ruled on by the protocol.
"""
from __future__ import annotations

from datetime import datetime, timedelta

from assistant.clinic.protocol import Protocol
from assistant.clinic.ruling import Ruling, uncovered
from assistant.clinic.spans import rule_over, rule_relative
from assistant.dialogue import readiness
from assistant.dialogue.alert import alert_for, conditions_for, without_reassurance
from assistant.dialogue.response import Reply, at_moment
from assistant.safety.triage import Triage, assess_message
from assistant.timeline.clock import MONTH_NAMES, MONTHS, WEEKDAYS, say_date, say_day, say_relative
from assistant.timeline.phases import phase_at
from assistant.timeline.window import hours_between
from assistant.understanding import counted, matcher, moments, quantity
from assistant.understanding.phrases import around, sentence_end
from assistant.understanding.question import asking, conditions_told, leave_or_advice, named_words, unlisted_thing
from assistant.understanding.utterance import MAX_CHARS, Utterance
from assistant.understanding.vocabulary import Vocabulary, load

EMPTY = "Ask me anything about your aftercare: makeup, sun, exercise, medicines, washing, or what is normal " \
        "while you heal."


# day and month names, capitalised when the moment a question named is said back ("for Friday")
_NAMES = frozenset(WEEKDAYS) | MONTH_NAMES


def answer(question: str, protocol: Protocol, treated: datetime | None, now: datetime,
           vocab: Vocabulary | None = None, previous: list[str] | None = None, desk: bool = False,
           day_first: bool = False) -> Reply:
    """Answer one utterance; `previous` holds the topics of the last question; `desk`: staff for the patient."""
    vocab = vocab or load()
    utt = Utterance.of(question, vocab)
    stated = quantity.elapsed(utt.tokens, vocab)
    times = moments.read(utt.tokens, vocab, now, day_first, treated)  # treated: from the profile or the desk
    if stated is not None and not abs(stated.hours) <= moments.LIMIT.total_seconds() / 3600:
        stated, times.refused = None, times.refused or "that time"  # "3000000 days ago": no date at all
    notes, span = [], None
    if treated is not None and treated > now:  # question a future date rather than use it silently
        notes.append(f"(You told me your treatment is on {say_date(treated, now)}, {say_relative(treated, now)}; "
                     "these answers are for before it. If you have already been treated, check that date.)")
    spans = quantity.asked_to_have(utt.tokens, vocab)  # where the message asks about having the treatment
    coming = times.treated is not None and times.treated.lo > now  # "… and my appointment is on Friday"
    if coming and stated is not None and stated.hours < 0 and not (
            times.treated.lo <= now - timedelta(hours=stated.hours) <= times.treated.hi):
        stated = None  # the appointment's own day, read in full ("my appointment on Friday, can I wax tomorrow?")
    if treated is None and stated is not None and (stated.anchor == "treatment" or (
            stated.anchor == "unsaid" and not spans and not coming)):  # "laser 3 weeks ago, can I still come in?"
        treated = now - timedelta(hours=stated.hours)
        if stated.day:  # "I'm on day 3": treated on that calendar day, at an hour not said
            day = datetime(treated.year, treated.month, treated.day)
            treated = day + timedelta(hours=23, minutes=59)
            span = (day, treated)
    elif treated is None and times.treated is not None:  # "I had it done last Tuesday": said back
        span = (times.treated.lo, times.treated.hi)
        treated = times.treated.hi
        notes.append(f"(I took “{times.treated.words}” as {_said(times.treated, now)}.)")
    if times.refused:
        notes.append(f"(I did not use “{times.refused}”: a time more than two years away is not one I "
                     "can answer for. Tell me the date of your treatment.)")
    at = (times.asked.lo, times.asked.hi) if times.asked else (now, now)
    when = _when(times.asked, now) if times.asked else ""
    elapsed = hours_between(treated, now) if treated is not None else None
    found = assess_message(question, utt, vocab, protocol, treated, now, elapsed, desk)
    asks = matcher.topics(utt, vocab)
    if not asks and previous and _is_follow_up(utt, vocab):
        asks = [matcher.Ask(t, 0, True) for t in previous]
    # "yellow goo is coming out of a few spots": after the call-now line, the clinic's signs of infection
    asks += [matcher.Ask(t, 0, False) for t in _spoken_of(found, vocab, protocol) if t not in {a.topic for a in asks}]
    if treated is not None and at[1] < treated:
        asks = _before_treatment(asks, protocol, vocab, utt.tokens)
    ready = {a.topic: readiness.rule(protocol, a.topic, vocab.topics[a.topic].called, utt, vocab, stated, times,
                                     treated, now, spans) for a in asks}
    if any(ready.values()):  # "can I still get microneedling" asked the question above, not who may be treated
        asks = [a for a in asks if not (a.topic == "contraindications" and readiness.inside(a.start, spans))]
        if times.used is not None and stated is None:  # "I stopped it last year": said back like any date
            notes.append(f"(I took “{times.used.words}” as {_said(times.used, now)}, when you last had it.)")
    # with no treatment time, a question is asked once treated unless it speaks of before it ("before I come
    # in", "my appointment is Friday", what to stop beforehand)
    after = treated is None and not any(a.topic == "pre_treatment_skincare" for a in asks) and not any(
        True for index in (vocab.arriving, vocab.upcoming, vocab.eligibility) for _ in index.find(utt.tokens))
    answers = []
    # "can I …" alone asks for the way in before an undated treatment; "should I …" alone leaves the patient a
    # choice the sheet leaves them
    permission, advice = leave_or_advice(utt.tokens, vocab)
    said_of = {}  # what the question says of the clinic's open conditions: not yet beats met, when it says both
    for _s, _e, (name, met) in conditions_told(utt.tokens, vocab):
        said_of[name] = said_of.get(name, True) and met
    protocol = protocol.as_stated(said_of)
    said = named_words(utt.tokens, vocab)
    own = _own_moments(asks, utt.tokens, vocab, now, day_first, treated)
    for n, ask in enumerate(asks):
        label = vocab.topics[ask.topic].label
        ruled = ready.get(ask.topic)
        if ask.topic == "pre_treatment_skincare" and (thing := unlisted_thing(utt.tokens, ask.start, vocab)):
            answers.append(uncovered(protocol, ask.topic, thing))  # "coffee the morning of my appointment?"
            continue
        if ruled and not ask.verdict:
            ruled = ruled.replace(allowed=None)  # "how long must I stop Accutane?": the date, asked as information
        if not ruled and treated is None and ask.verdict and times.asked is None:  # "the morning of my appointment"
            # ... and coming in for it, for what is done or put on ("can I wear makeup to my appointment?"), when
            # no other time is said ("a peel last week, a problem for my appointment?" hangs on its date)
            coming = vocab.topics[ask.topic].kind != "information" and times.used is None
            leave = not ask.avoid and permission  # not "should I stop it before"
            ruled = rule_relative(protocol, ask.topic, lambda t, coming=coming, leave=leave: counted.after_treatment(
                utt.tokens, t, vocab) or (counted.arriving(utt.tokens, t, vocab, leave) if coming else None), now,
                label=label, said=said, avoid=ask.avoid, advice=advice)
        moment = own.get(n)
        ruled = ruled or rule_over(
            protocol, ask.topic, span or ((treated, treated) if treated else None),
            (moment.lo, moment.hi) if moment else at, now, asks_verdict=ask.verdict, label=label, said=said,
            avoid=ask.avoid, after=after, advice=advice)
        this = (_when(moment, now) if moment else when) if own else ""
        if this:  # each question its own moment, said in its own answer
            lead = at_moment(ruled.lead, this) or f"{this[:1].upper()}{this[1:]}: {ruled.lead}".strip()
            ruled = ruled.replace(lead=lead)
        answers.append(ruled)
    when = "" if own else when
    answers = [without_reassurance(a, found, protocol) for a in answers]
    also = [a for a, ask in zip(answers, asks) if ask.also and _already_cited(a, answers)]
    answers = [a for a in answers if a not in also]
    answers = [a for n, a in enumerate(answers) if a.text not in {b.text for b in answers[:n]}]  # said once
    reply = Reply(question, protocol, elapsed, phase_at(protocol.phases, treated, now), found,
                  alert_for(found, protocol), conditions_for(found, protocol), answers, notes=notes,
                  when=when if answers else "", also=also)
    if not answers and reply.alert is None and not reply.conditions:
        reply.fallback = _fallback(utt, found, protocol)
    if utt.truncated:
        reply.notes.append(f"(Your message was long: I checked all of it for warning signs, and answered the "
                           f"questions in its first {MAX_CHARS:,} characters.)")
    return reply


def _before_treatment(asks: list[matcher.Ask], protocol: Protocol, vocab: Vocabulary,
                      tokens: list[str]) -> list[matcher.Ask]:
    """Add, after a product asked about before treatment (retinol, a moisturizer, makeup), what to stop or
    start before the appointment, where the clinic's instructions say: the question is about both. Asked in
    a sentence of its own whether the treatment can go ahead ("I've got a cold sore. | Can I still go
    ahead?"), the leave asked is the treatment's, answered first; what is named is only the reason."""
    asked = {a.topic for a in asks}
    going = [around(tokens, s, e, ".!?;") for s, e, _v in vocab.eligibility.find(tokens)]
    out = []
    for a in asks:
        out.append(a)
        ahead = a.verdict and any(not lo <= a.start < hi for lo, hi in going)
        also = (ahead and vocab.ahead.get(a.topic)) or vocab.before.get(a.topic)
        if also and also not in asked and protocol.rules_for(also):
            asked.add(also)
            if ahead:
                out[-1:] = [a.replace(topic=also), a.replace(verdict=False)]
            else:
                out.append(a.replace(topic=also, also=True))
    return out


def _spoken_of(found, vocab: Vocabulary, protocol: Protocol) -> list[str]:
    """Return the topics the present red flags speak of (redflags.toml's `about`), each once; and those of the
    signs only asked about ("what if I get a fever?") where the clinic's sheet says something of them."""
    asked = {f.sign for f in found.asked if f.status != "other"}  # not those seen in someone untreated
    signs = [vocab.sign_by_id.get(f.sign) for f in found.present] + [vocab.sign_by_id.get(s) for s in asked]
    return list(dict.fromkeys(s.about for s in signs if s is not None and s.about and (
        s.id not in asked or protocol.rules_for(s.about) or protocol.expectations_for(s.about))))


def _already_cited(ruling: Ruling, answers: list[Ruling]) -> bool:
    """Say whether every line a ruling quotes is quoted by another answer: it would say the same again."""
    cited = {(s.document, s.line) for a in answers if a is not ruling for s in a.sources}
    return bool(ruling.sources) and all((s.document, s.line) in cited for s in ruling.sources)


def _own_moments(asks: list[matcher.Ask], tokens: list[str], vocab: Vocabulary, now: datetime, day_first: bool,
                 treated: datetime | None) -> dict[int, moments.Span]:
    """Return, where asks in different questions name different moments ("Is a hot shower okay tonight? And can
    I go to spin class Sunday evening?"), the moment each one's own question names, by the ask's place."""
    bounds = [around(tokens, a.start, a.start, ".!?;") for a in asks]
    if len(set(bounds)) < 2 or sum(moments.may_start(t, vocab) for t in tokens) < 2:
        return {}  # most messages: one question, one moment at most
    # questions only: a statement's time is what it tells ("I have brow lamination tomorrow")
    asked = {(lo, hi) for lo, hi in set(bounds) if sentence_end(tokens, lo) == "?" or asking(tokens[lo:hi], vocab)}
    read = {(lo, hi): moments.read(tokens[lo:hi], vocab, now, day_first, treated).asked for lo, hi in asked}
    if len({(s.lo, s.hi) for s in read.values() if s is not None}) < 2:
        return {}
    return {n: read[b] for n, b in enumerate(bounds) if read.get(b) is not None}


def _when(span: moments.Span, now: datetime) -> str:
    """Say the moment asked about as an answer opens with it: "for tomorrow (Saturday 21 November)"."""
    words = " ".join(w.capitalize() if w in _NAMES else w for w in span.words.split())
    lead = "" if words.split()[0] in ("in", "by", "during", "on", "at", "before", "when", "as", "right", "just", "from",
                                      "straight", "immediately") else "for "  # "in 2 hours", "on Friday"
    return f"{lead}{words} ({_said(span, now)})"


def _said(span: moments.Span, now: datetime) -> str:
    """Say a time read from words back: "Tuesday 24 November", "Tuesday 24 November, 06:00-12:00"."""
    if span.exact:
        return say_date(span.lo, now)
    day = say_day(span.lo, now)
    if span.lo.date() != span.hi.date():
        return f"{day} to {say_day(span.hi, now)}"
    if (span.lo.hour, span.hi.hour) == (0, 23):
        return day
    return f"{day}, {span.lo:%H:%M}-{span.hi:%H:%M}"


def _is_follow_up(utt: Utterance, vocab: Vocabulary) -> bool:
    """Say whether a message with no topic goes on with the last one: "and tomorrow?", never "what's the weather?"."""
    t = [w for w in utt.tokens if w.isalpha()]
    if not t or not (t[0] in vocab.follow_starts or "tomorrow" in t or "now" in t):
        return False
    return all(w in vocab.follow_words or w in vocab.units or w in vocab.numbers or w in WEEKDAYS
               or w[:3] in MONTHS for w in t)


def _fallback(utt: Utterance, found: Triage, protocol: Protocol) -> str:
    if not utt.tokens:
        return EMPTY
    statuses = {f.status for f in found.findings}
    if "expected" in statuses:
        return ("That sounds like a normal part of healing. If anything gets worse or worries you, call your "
                f"clinic {protocol.how_to_reach()}.")
    if "negated" in statuses:
        return f"Good. If that changes, or anything worries you, call your clinic {protocol.how_to_reach()}."
    if "past" in statuses:
        return ("That was before this treatment, so it is not a warning sign now. If it happens again, call "
                f"your clinic {protocol.how_to_reach()}.")
    return ("I can only help with your microneedling aftercare instructions. For anything else about your "
            f"treatment, call your clinic {protocol.how_to_reach()}.")
