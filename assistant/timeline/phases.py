"""The recovery timeline of one protocol as a `transitions` state machine driven by an explicit clock.

    t = Timeline(protocol, treated)
    t.advance(now)      # never reads the system time
    t.state             # "first_24_hours", "day_1", ...
The phases and their start points come from the protocol file; this module holds no hours.
"""
from __future__ import annotations

from datetime import datetime

from assistant.clinic.protocol import Phase, Protocol

BEFORE = "before_treatment"
UNKNOWN = "unknown"


class Timeline:
    """Recovery phases for one patient; `advance(now)` moves through every boundary passed."""

    def __init__(self, protocol: Protocol, treated: datetime | None, diagram: bool = False):
        self.protocol, self.treated = protocol, treated
        self.entered: list[tuple[str, datetime | None, list[str]]] = []  # state, start, now allowed
        self.now: datetime | None = None
        phases = protocol.phases
        states = [{"name": BEFORE, "on_enter": "_record"}] + \
                 [{"name": p.id, "on_enter": "_record"} for p in phases]
        if diagram:
            from transitions.extensions.diagrams import GraphMachine as Machine
            extra = {"graph_engine": "mermaid", "show_conditions": True}
        else:
            from transitions import Machine
            extra = {}
        self.machine = Machine(model=self, states=states, initial=BEFORE, auto_transitions=False,
                               ignore_invalid_triggers=True, **extra)
        previous = BEFORE
        for phase in phases:
            self.machine.add_transition("advance_to_next", previous, phase.id,
                                        conditions=[_reached(phase)])
            previous = phase.id

    def starts(self, phase: Phase) -> datetime | None:
        """Return when a phase begins for this patient."""
        return phase.start.resolve(self.treated) if self.treated else None

    def advance(self, now: datetime) -> str:
        """Move to the phase in force at `now` and return its name; going back in time restarts."""
        if self.treated is None:
            return UNKNOWN
        current = self.phase_named(self.state)
        if current is not None and now < self.starts(current):
            self.machine.set_state(BEFORE)
            self.entered.clear()
        self.now = now
        while self.advance_to_next(self):
            pass
        return self.state

    def phase_named(self, name: str) -> Phase | None:
        return next((p for p in self.protocol.phases if p.id == name), None)

    def label(self) -> str:
        """Say the current phase in words."""
        phase = self.phase_named(self.state)
        return phase.label if phase else ("before treatment" if self.state == BEFORE else "")

    def mermaid(self) -> str:
        """Return the machine as a Mermaid stateDiagram-v2."""
        return self.machine.get_graph().draw(None)

    def _record(self, *args) -> None:
        """Note the phase entered, when it began, and which topics its start makes allowed again."""
        phase = self.phase_named(self.state)
        start = self.starts(phase) if phase else None
        since = self.entered[-1][1] if self.entered else None
        freed = []
        if start is not None:
            for r in self.protocol.rules:
                end = r.window.end
                if r.verdict == "avoid" and end is not None and not end.is_condition and end.approx_hours() > 0:
                    at = end.resolve(self.treated)
                    if (since is None or at > since) and at <= start and r.topic not in freed:
                        freed.append(r.topic)
        self.entered.append((self.state, start, freed))


def _reached(phase: Phase):
    def condition(model: Timeline) -> bool:
        return model.now >= phase.start.resolve(model.treated)
    condition.__name__ = f"from {phase.start.text}"
    return condition


def phase_at(protocol: Protocol, treated: datetime | None, now: datetime) -> str:
    """Return the state the machine reaches at `now`, read straight off the same phase table.

    A one-shot `ask` needs only the state's name, not the machine's callbacks; this spares it
    the `transitions` import. A test holds the two equal at every boundary.
    """
    if treated is None:
        return UNKNOWN
    state = BEFORE
    for phase in protocol.phases:
        if now < phase.start.resolve(treated):
            break
        state = phase.id
    return state

