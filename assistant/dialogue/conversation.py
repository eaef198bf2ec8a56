"""One patient's conversation, without any terminal: commands, follow-ups, check-ins, repeat.

    talk = Conversation(protocol, treated, clock)
    talk.tick()                                   # phases entered since last time, the day's check-in
    for style, text in talk.hear("can I wear makeup?"): ...
The chat shell (chat.py) and tests both drive this; it returns (style, text) pairs and never
prints. Styles: "emergency", "urgent", "routine" (a triage banner), "answer", "source", "info".
"""
from __future__ import annotations

from datetime import datetime, timedelta

from assistant.clinic.protocol import Protocol
from assistant.clinic.schedule import newly_allowed
from assistant.dialogue.reply import Reply, answer
from assistant.timeline.clock import say_date
from assistant.timeline.phases import Timeline
from assistant.understanding.utterance import Utterance
from assistant.understanding.vocabulary import load

COMMANDS = {
    "help": "help", "/help": "help", "?": "help", "commands": "help",
    "repeat": "repeat", "/repeat": "repeat", "say it again": "repeat", "again": "repeat",
    "today": "today", "/today": "today", "plan": "plan", "/plan": "plan",
    "clinic": "clinic", "/clinic": "clinic", "phone": "clinic",
    "speak on": "speak_on", "/speak on": "speak_on", "speak off": "speak_off", "/speak off": "speak_off",
    "stop": "speak_off", "stop reading": "speak_off", "stop talking": "speak_off", "be quiet": "speak_off",
    "say-text": "say_text", "say text": "say_text", "/say-text": "say_text", "/say text": "say_text",
    "slower": "slower", "/slower": "slower", "faster": "faster", "/faster": "faster",
    "voice on": "listen", "/voice": "listen", "listen": "listen",
    "quit": "quit", "/quit": "quit", "exit": "quit", "bye": "quit", "goodbye": "quit",
}
HELP = ("Ask me anything about your aftercare in your own words (\"makeup?\", \"can I take Advil?\"). "
        "Commands: today, plan, clinic, repeat, speak on, speak off (or stop), slower, faster, say-text (the words "
        "read aloud), voice on, help, quit.")


class Conversation:
    """Holds what a chat needs between turns: the last topics, the last reply, the check-in."""

    def __init__(self, protocol: Protocol, treated: datetime | None, clock, last_checkin: str | None = None):
        self.protocol, self.treated, self.clock = protocol, treated, clock
        self.last_topics: list[str] = []
        self.last_text = ""
        self.last_checkin = last_checkin
        self.speaking = False
        self.can_speak = lambda: None  # the shell's check: why nothing can be heard here, or None
        self.rate = 160
        self.done = False
        self.news: list[tuple[str, datetime]] = []   # phases entered and not yet told
        self.told: datetime | None = None            # the last phase start announced
        self.timeline = Timeline(protocol.phases, treated, on_enter=self._entered) if treated else None

    def _entered(self, phase, start: datetime, _now: datetime) -> None:
        self.news.append((phase.label, start))

    def tick(self) -> list[tuple[str, str]]:
        """Move the phase machine to the clock; say what the phases entered since last time allow, then check in.

        At the start of a chat only the phase in force now is told, not every phase since treatment.
        """
        out = []
        if self.timeline is not None:
            self.timeline.advance(self.clock())
            first = self.told is None
            for label, start in self.news[-1:] if first else self.news:
                opened = newly_allowed(self.protocol, self.treated, None if first else self.told, start)
                if opened:
                    labels = {tid: t.label for tid, t in load().topics.items()}
                    out.append(("info", f"From {say_date(start, self.clock())} ({label}) you may again: "
                                        f"{', '.join(labels[t] for t in opened)}."))
                self.told = start
            self.news.clear()
        return out + self.checkin()

    def day(self) -> int | None:
        return None if self.treated is None else (self.clock().date() - self.treated.date()).days

    def checkin(self) -> list[tuple[str, str]]:
        """Ask today's red-flag questions, once per recovery day."""
        day = self.day()
        today = self.clock().date().isoformat()
        if day is None or day < 1 or self.last_checkin == today:
            return []
        self.last_checkin = today
        return [("info", f"Quick check-in for day {day}: any fever, pus, or redness that is spreading? "
                         "Tell me in your own words, or say \"all good\".")]

    def hear(self, text: str) -> list[tuple[str, str]]:
        """Answer one line from the patient."""
        command = COMMANDS.get(" ".join(text.lower().split()).rstrip("?!."))
        if command:
            return self._command(command)
        now = self.clock()
        vocab = load()
        if self._asks_tomorrow(text, vocab) and self.last_topics:
            now = now + timedelta(days=1)
        reply = answer(text, self.protocol, self.treated, now, vocab, previous=self.last_topics)
        if reply.answers:
            self.last_topics = [a.topic for a in reply.answers]
        self.last_text = reply.text
        return render(reply)

    def _asks_tomorrow(self, text: str, vocab) -> bool:
        tokens = Utterance.of(text, vocab).tokens
        return "tomorrow" in tokens and not any(True for _ in vocab.keywords.find(tokens))

    def _command(self, name: str) -> list[tuple[str, str]]:
        if name == "help":
            return [("info", HELP)]
        if name == "repeat":
            return [("repeat", self.last_text or "There is nothing to repeat yet.")]
        if name == "clinic":
            p = self.protocol
            return [("info", f"{p.clinic}: contact them {p.how_to_reach()}. In an emergency call {p.emergency}.")]
        if name in ("speak_on", "speak_off"):
            why_not = self.can_speak() if name == "speak_on" else None
            self.speaking = name == "speak_on" and not why_not
            if why_not:  # said before "on", never after it
                return [("info", f"{why_not[:1].upper()}{why_not[1:]}: reading aloud is off.")]
            return [("info", f"Reading aloud is {'on' if self.speaking else 'off'}.")]
        if name in ("slower", "faster"):
            self.rate = max(80, min(300, self.rate + (20 if name == "faster" else -20)))
            return [("rate", f"Speaking at {self.rate} words a minute.")]
        if name == "quit":
            self.done = True
            return [("info", f"Take care. Call your clinic {self.protocol.how_to_reach()} if anything worries you.")]
        return [(name, "")]  # today, plan, listen, say_text: the shell runs these


def render(reply: Reply) -> list[tuple[str, str]]:
    """Turn a reply into styled lines: the banner first, then answers with their sources."""
    out = []
    for part in reply.parts():
        if part.kind == "alert":
            out.append((str(part.level), part.text))
        elif part.kind == "note":
            out.append(("info", part.text))
        else:
            out.append(("answer", part.text))
        if part.ruling is not None and part.ruling.sources:
            cited = sorted({s.line for s in part.ruling.sources})
            out.append(("source", f"(from your clinic's instructions, {', '.join(f'line {n}' for n in cited)})"))
    return out
