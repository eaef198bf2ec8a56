"""Run a patient's recovery phases as a `transitions` state machine driven by an explicit clock.

    t = Timeline(protocol.phases, treated, on_enter=announce)
    t.advance(now)      # the clock comes in with the call; the machine never reads the time
    t.state             # "first_24_hours", "day_1", ...
States and their ordered transitions are declared as data from the protocol's [[phase]] table;
entering a phase calls `on_enter(phase, start, now)`, which is where the chat's "from now on you
may…" announcements and `today`'s "since …" line come from. This module holds no hours.
"""
from __future__ import annotations

from datetime import datetime

from assistant.core.record import Record
from assistant.timeline.window import Point

BEFORE = "before_treatment"
UNKNOWN = "unknown"


class Phase(Record):
    id: str
    start: Point
    label: str


def machine_table(phases: tuple[Phase, ...], treated: datetime | None) -> tuple[list[dict], list[dict]]:
    """Declare the machine: one state per phase and one `tick` transition from each to the next."""
    states = [{"name": BEFORE}] + [{"name": p.id, "on_enter": "_entered"} for p in phases]
    moves, previous = [], BEFORE
    for phase in phases:
        moves.append({"trigger": "tick", "source": previous, "dest": phase.id,
                      "conditions": [_reached(phase, treated)]})
        previous = phase.id
    return states, moves


class Timeline:
    """Recovery phases for one patient; `advance(now)` moves through every boundary passed by `now`.

    Each `tick(now)`, the machine's one trigger, crosses a single boundary; `advance` repeats it.
    """

    def __init__(self, phases: tuple[Phase, ...], treated: datetime | None, on_enter=None, diagram: bool = False):
        self.phases, self.treated, self.on_enter = phases, treated, on_enter
        self.entered: list[tuple[str, datetime]] = []  # each phase entered, with when it began
        # transitions costs ~25 ms to import, so only the commands that run the machine pay for it.
        if diagram:
            from transitions.extensions.diagrams import GraphMachine as Machine
            extra = {"graph_engine": "mermaid", "show_conditions": True}
        else:
            from transitions import Machine
            extra = {}
        states, moves = machine_table(phases, treated)
        self.machine = Machine(model=self, states=states, transitions=moves, initial=BEFORE,
                               auto_transitions=False, ignore_invalid_triggers=True, **extra)

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
        while self.tick(now):
            pass
        return self.state

    def phase_named(self, name: str) -> Phase | None:
        return next((p for p in self.phases if p.id == name), None)

    def label(self) -> str:
        """Say the current phase in words."""
        phase = self.phase_named(self.state)
        return phase.label if phase else ("before treatment" if self.state == BEFORE else "")

    def mermaid(self) -> str:
        """Return the machine as a Mermaid stateDiagram-v2."""
        return self.machine.get_graph().draw(None)

    def _entered(self, now: datetime) -> None:
        """Note the phase entered and when it began, and tell whoever listens."""
        phase = self.phase_named(self.state)
        start = self.starts(phase)
        self.entered.append((self.state, start))
        if self.on_enter is not None:
            self.on_enter(phase, start, now)


def _reached(phase: Phase, treated: datetime | None):
    start = phase.start.resolve(treated) if treated else None

    def condition(now: datetime) -> bool:
        return start is not None and now >= start
    condition.__name__ = f"from {phase.start.text}"  # how the diagram names the transition
    return condition


def phase_at(phases: tuple[Phase, ...], treated: datetime | None, now: datetime) -> str:
    """Return the state the machine reaches at `now`, read straight off the same phase table.

    A one-shot `ask` needs only the state's name, not the machine's callbacks; this spares it
    the `transitions` import. A test holds the two equal at every boundary.
    """
    if treated is None:
        return UNKNOWN
    state = BEFORE
    for phase in phases:
        if now < phase.start.resolve(treated):
            break
        state = phase.id
    return state
