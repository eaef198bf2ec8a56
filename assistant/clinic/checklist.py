"""Say what one moment holds for a patient: what they may do, what to avoid and until when, what is normal.

    day = checklist(protocol, treated, now)     # Checklist(may=[Item], avoid=[Item], normal=[Item])
Built from the same rulings as `ask` (state_at, allowed_from, in_force), so `today` cannot disagree
with an answer. Said once each: rules that rest on the very same words of the sheet are one item
in the sheet's own words, and a rule whose every quote is already shown is left out. After the
treatment, the rules about getting ready for it (Rule.prepares) are not today's business.
"""
from __future__ import annotations

import re
from datetime import datetime

from assistant.clinic.protocol import Protocol, Rule, Source
from assistant.clinic.state import allowed_from, in_force, state_at
from assistant.core.record import Default, Record


class Item(Record):
    """One line of the checklist, in the clinic's words."""

    text: str
    topics: list[str] = Default(list)
    until: datetime | None = None
    sources: list[Source] = Default(list)


class Checklist(Record):
    may: list[Item] = Default(list)
    avoid: list[Item] = Default(list)
    normal: list[Item] = Default(list)


def checklist(protocol: Protocol, treated: datetime, now: datetime) -> Checklist:
    """Return what is allowed, what to avoid (soonest over first) and what is normal at `now`."""
    after = now >= treated
    may: list[tuple[Rule, datetime | None]] = []
    avoid: list[tuple[Rule, datetime | None]] = []
    for topic in dict.fromkeys(r.topic for r in protocol.rules if r.verdict != "info"):
        state = state_at(protocol, topic, treated, now)
        rules = [r for r in state.rules if not (after and r.prepares)]
        if state.allowed is False and rules:
            until = allowed_from(protocol, topic, treated, now)
            avoid += [(r, until) for r in rules]
        elif state.case == "allow":
            may += [(r, None) for r in rules]
    avoid.sort(key=lambda pair: (pair[1] is None, pair[1] or now))
    normal = [Item(e.text, [e.topic], None, list(e.sources)) for e in protocol.expectations
              if in_force(protocol, e, treated, now) is not False]
    return Checklist(_once(may), _once(avoid), _once_items(normal))


def _once(pairs: list[tuple[Rule, datetime | None]]) -> list[Item]:
    """Make one item per group of rules resting on the same quotes and ending together."""
    groups: dict[tuple, list[Rule]] = {}
    for rule, until in pairs:
        groups.setdefault((frozenset(s.quote for s in rule.sources), until), []).append(rule)
    items = []
    for (quotes, until), rules in groups.items():
        texts = list(dict.fromkeys(r.text for r in rules))
        topics = list(dict.fromkeys(r.topic for r in rules))
        sources = list(dict.fromkeys(s for r in rules for s in r.sources))
        if len(texts) > 1 and len(quotes) == 1:  # two topics from one sentence: say the sentence once
            text = _sentence(next(iter(quotes)))
        else:
            text = " ".join(texts)
        items.append(Item(text, topics, until, sources))
    return _once_items(items)


def _once_items(items: list[Item]) -> list[Item]:
    """Leave out an item whose every quote an earlier item already gave."""
    shown: set[str] = set()
    out = []
    for item in items:
        quotes = {s.quote for s in item.sources}
        if quotes and quotes <= shown:
            continue
        shown |= quotes
        out.append(item)
    return out


_DAY_MARK = re.compile(r"^days?\s+[\d\s+–-]+[-–:]\s+", re.IGNORECASE)


def _sentence(quote: str) -> str:
    text = _DAY_MARK.sub("", quote.strip())  # the sheet's "Day 1 -" heading: the window already says when
    return text[:1].upper() + text[1:] + ("" if text.endswith((".", "!", "?")) else ".")
