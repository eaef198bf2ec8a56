"""A clinic's protocol: rules, expected reactions, phases and their sources, loaded and checked whole.

    p = load("alexander")            # a bundled id
    p = load("clinic/mine.toml")     # or a path
A file with any defect is refused whole with ProtocolError, whose lines each read
"file:line: field: what is wrong". See docs/protocols.md for the format.
"""
from __future__ import annotations

import os

from assistant.clinic.office import Office
from assistant.core import data
from assistant.core.cache import cached
from assistant.core.context import closest_choice
from assistant.core.levels import Level
from assistant.core.record import Default, Record
from assistant.timeline.phases import Phase
from assistant.timeline.window import Point, Window

# do: an instruction to follow in its window (needs `about`); choice: allowed, and offered as the patient's
# choice ("you may choose to sleep upright"): yes to "can I …?", "up to you" to "should I …?"
VERDICTS = ("avoid", "allow", "do", "info", "choice")
ALLOWING = ("allow", "choice")  # the verdicts that say yes while their window is open
DEFAULT_FEVER_F = 100.4


class ProtocolError(Exception):
    """A protocol file that cannot be used; `problems` holds every defect found."""

    def __init__(self, problems: list[str], stopped: bool = False):
        more = f"{len(problems) - 1}{' or more' if stopped else ''}"
        super().__init__(problems[0] if len(problems) == 1 else f"{problems[0]} (and {more} more problems)")
        self.problems, self.stopped = problems, stopped  # stopped: the check gave up counting


class Source(Record):
    """A line of a clinic's document an entry rests on, and where a reader finds it on the paper."""

    document: str   # the file name: "000_d8d7b222d24b091f.txt"
    line: int       # 1-based, in the file
    quote: str
    title: str      # the paper as patients know it: "Dr. Alexander's aftercare sheet"
    place: str      # "item 8" where the sheet numbers it, else "line 17"

    @property
    def where(self) -> str:
        """Say where to look: "Dr. Alexander's aftercare sheet, item 8"."""
        return f"{self.title}, {self.place}"

    def as_json(self) -> dict:
        return {"document": self.document, "line": self.line, "quote": self.quote, "title": self.title}


class Rule(Record):
    """What the clinic says on one topic during one window."""

    topic: str
    verdict: str
    window: Window
    text: str
    sources: tuple[Source, ...]
    about: tuple[str, ...] = ()  # decides only when the question names one of these ("makeup brush")

    @property
    def prepares(self) -> bool:
        """Say whether the rule is about getting ready: it ends by the treatment, or screens who may have it."""
        start, end = self.window.start, self.window.end
        if start.kind == "always":
            return end is None or (not end.is_condition and end.approx_hours() <= 0)
        return start.approx_hours() < 0 and end is not None and not end.is_condition and end.approx_hours() <= 0


class Expectation(Record):
    """A reaction the clinic says is normal, and for how long."""

    reaction: str
    topic: str
    window: Window
    text: str
    sources: tuple[Source, ...]


class Report(Record):
    """A reaction the clinic says to report at once when it goes past normal ("excessive swelling")."""

    reaction: str
    level: Level
    text: str
    sources: tuple[Source, ...]


class Condition(Record):
    """An open end such as "until healed": what it means, and the earliest it can hold."""

    name: str
    means: str
    not_before: Point | None
    sources: tuple[Source, ...]
    once: str = ""  # the words after "only once": "your skin has healed"
    stated: bool | None = None  # what the question says of it: met ("I'm fully healed"), not yet, or nothing


class Protocol(Record):
    id: str
    clinic: str
    phone: str | None
    contact: str | None
    emergency: str
    provider: str | None
    documents: tuple[str, ...]
    titles: dict[str, str]       # document file name -> its title
    fever_f: float
    fever_stated: bool
    rules: tuple[Rule, ...]
    expectations: tuple[Expectation, ...]
    conditions: dict[str, Condition]
    phases: tuple[Phase, ...]
    path: str
    reports: tuple[Report, ...] = ()
    office: Office = Default(Office)  # office hours, after-hours line, call-back deadlines: the desk's
    _not_compared = ("path",)

    def how_to_reach(self) -> str:
        """Say how to reach the clinic: its number, or how its sheet says to get in touch."""
        if self.phone:
            return f"at {self.phone}"
        if self.contact:
            return self.contact
        return "on the number on your paperwork"

    def rules_for(self, topic: str) -> list[Rule]:
        return [r for r in self.rules if r.topic == topic]

    def expectations_for(self, topic: str) -> list[Expectation]:
        return [e for e in self.expectations if e.topic == topic]

    def as_stated(self, stated: dict[str, bool]) -> Protocol:
        """Return the protocol with what a question says of its open conditions ({"healed": False} for "the
        barrier cream is still on"), so a rule "until healed" is judged on it; itself when it says nothing."""
        known = {name: met for name, met in stated.items() if name in self.conditions}
        if not known:
            return self
        return self.replace(conditions={name: c.replace(stated=known.get(name)) for name, c in self.conditions.items()})


def bundled_ids() -> list[str]:
    """List the bundled protocol ids in a stable order."""
    return sorted(os.path.basename(p)[:-5] for p in data.files(data.protocol_dir(), ".toml"))


def resolve_path(ref: str) -> str:
    """Turn a bundled id or a file path into a path; raise ProtocolError naming the choices."""
    bundled = os.path.join(data.protocol_dir(), f"{ref}.toml")
    if "/" not in ref and not ref.endswith(".toml") and os.path.isfile(bundled):
        return bundled
    if os.path.isfile(ref):
        return ref
    if "/" in ref or ref.endswith(".toml"):
        what = "is a folder, not a protocol file" if os.path.isdir(ref) else "no such file"
        raise ProtocolError([f"{ref}: {what}"])
    close = closest_choice(ref, bundled_ids())
    hint = f"did you mean {close}? Or use" if close else "use"
    raise ProtocolError([f"unknown protocol '{ref}': {hint} one of {', '.join(bundled_ids())} "
                         f"or the path of a protocol file"])


_CACHE: dict[str, Protocol] = {}


def load(ref: str) -> Protocol:
    """Load and check a protocol by bundled id or path, refusing it whole on any defect."""
    path = resolve_path(ref)
    if path not in _CACHE:
        stem = os.path.splitext(os.path.basename(path))[0]
        _CACHE[path] = cached(f"protocol-{stem}", [path, *_documents_near(path)], lambda: _parse(path))
    return _CACHE[path]


def _parse(path: str) -> Protocol:
    # The checker, with tomllib and pathlib, costs about 13 ms to import: only a cache miss pays it.
    from assistant.clinic.checker import parse
    return parse(path)


def _documents_near(path: str) -> list[str]:
    """The source documents a protocol may cite: a change to them must re-check the quotes."""
    folder = os.path.dirname(os.path.abspath(path))
    return data.files(os.path.join(folder, "sources"), ".txt", ".md") + data.files(folder, ".txt", ".md")
