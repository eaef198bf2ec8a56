"""One patient's conversation, without any terminal: commands, follow-ups, check-ins, repeat.

    talk = Conversation(protocol, treated, clock)
    talk.tick()                                   # phases entered since last time, the day's check-in
    for style, text in talk.hear("can I wear makeup?"): ...
The chat shell (chat.py) and tests both drive this; it returns (style, text) pairs and never
prints. Styles: "emergency", "urgent", "routine" (a triage banner), "answer", "source", "info".
The answer to the day's check-in, and any red flag raised, go to `keep` (the diary) as Entries.
"""
from __future__ import annotations

from datetime import datetime

from assistant.clinic.protocol import Protocol
from assistant.clinic.schedule import newly_allowed
from assistant.core.diary import Entry
from assistant.core.levels import Level
from assistant.dialogue import checkin
from assistant.dialogue.render import cited, spoken_text
from assistant.dialogue.reply import answer
from assistant.dialogue.response import Reply
from assistant.timeline.clock import say_date
from assistant.timeline.phases import Timeline
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

    def __init__(self, protocol: Protocol, treated: datetime | None, clock, last_checkin: str | None = None,
                 keep=None, last_pain: int | None = None, told: datetime | None = None):
        self.protocol, self.treated, self.clock = protocol, treated, clock
        self.keep = keep or (lambda entry: None)     # where check-ins and red flags are kept: the diary
        self.asking = False                          # the day's check-in was asked and not yet answered
        self.last_pain = last_pain
        self.last_topics: list[str] = []
        self.last_text = ""
        self.last_checkin = last_checkin
        self.speaking = False
        self.can_speak = lambda: None  # the shell's check: why nothing can be heard here, or None
        self.rate = 160
        self.done = False
        self.news: list[tuple[str, datetime]] = []   # phases entered and not yet told
        self.told = told                             # up to when openings were told (kept between chats)
        self.started = False
        self.timeline = Timeline(protocol.phases, treated, on_enter=self._entered) if treated else None

    def _entered(self, phase, start: datetime, _now: datetime) -> None:
        self.news.append((phase.label, start))

    def tick(self) -> list[tuple[str, str]]:
        """Move the phase machine to the clock; say what opened since it was last told, then check in.

        A phase entered while the chat is open is told as "From now on"; at the start of a chat, what
        opened since the last chat (or, the first time, in the phase in force now) is told as "Since".
        """
        out = []
        if self.timeline is not None:
            self.timeline.advance(self.clock())
            first = not self.started
            self.started = True
            if first and self.news and (self.told is None or self.told < self.news[-1][1]):
                after = self.told if self.told is not None else (self.news[-2][1] if len(self.news) > 1 else None)
                start = self.news[-1][1]
                opened = newly_allowed(self.protocol, self.treated, after, start)
                if opened:
                    when = say_date(start, self.clock())
                    out.append(("info", f"Since {when} you may again: {self._labels(opened)}."))
                self.told = start
            for _label, start in [] if first else self.news:
                opened = newly_allowed(self.protocol, self.treated, self.told, start)
                if opened:
                    out.append(("info", f"From now on you may again: {self._labels(opened)}."))
                self.told = start
            self.news.clear()
        return out + self.checkin()

    @staticmethod
    def _labels(topics: list[str]) -> str:
        labels = {tid: t.label for tid, t in load().topics.items()}
        return ", ".join(labels[t] for t in topics)

    def day(self) -> int | None:
        return None if self.treated is None else (self.clock().date() - self.treated.date()).days

    def checkin(self) -> list[tuple[str, str]]:
        """Ask today's red-flag questions, once per recovery day."""
        day = self.day()
        today = self.clock().date().isoformat()
        if day is None or day < 1 or self.last_checkin == today:
            return []
        self.last_checkin = today
        self.asking = True
        return [("info", checkin.question(day))]

    def hear(self, text: str) -> list[tuple[str, str]]:
        """Answer one line from the patient; an answer to the check-in is read as one, and kept."""
        command = COMMANDS.get(" ".join(text.lower().split()).rstrip("?!."))
        if command:
            return self._command(command)
        reading = checkin.read(text, load()) if self.asking else None
        if reading is not None and reading.whole:
            return self._checked_in(text, reading)
        number = reading is not None and reading.kind == "number"
        # a temperature given alone is triaged as the sentence it stands for, against the clinic's fever line
        said = f"my temperature is {reading.temperature_f:g} F" if number else text
        reply = answer(said, self.protocol, self.treated, self.clock(), load(), previous=self.last_topics)
        if reply.answers:
            self.last_topics = [a.topic for a in reply.answers]
        self.last_text = spoken_text(reply)
        lines = render(reply)
        if number and reply.alert is None:
            lines = [("info", checkin.temperature_note(reading.temperature_f, self.protocol, self.day()))]
            self.last_text = lines[0][1]
        self._note(text, reply, reading)
        return lines

    def _checked_in(self, text: str, reading: checkin.Reading) -> list[tuple[str, str]]:
        """Say back a check-in read whole ("all good", "yes a little", a pain score) and keep it."""
        pain_sign = load().sign_by_id.get("pain")
        lines, level, reasons = checkin.respond(reading, self.protocol, self.day(), self.last_pain,
                                                pain_sign.say if pain_sign else "")
        self.asking = reading.kind == "some"  # "yes a little": the next words say what
        if reading.pain is not None:
            self.last_pain = reading.pain
        self.keep(Entry(self._now(), self.day(), "checkin", text, reading.kind, reading.temperature_f,
                        reading.pain, str(level), reasons))
        self.last_text = " ".join(t for _, t in lines)
        return lines

    def _note(self, text: str, reply: Reply, reading: checkin.Reading | None) -> None:
        """Keep an answer to the check-in given in the patient's own words, and any red flag raised."""
        level = reply.triage.level
        reasons = [f.reason for f in reply.triage.present if f.level > Level.NONE]
        question_only = bool(reply.answers) and level == Level.NONE and not reply.triage.findings
        temperature = reply.triage.temperature_f if reply.triage.temperature_f is not None else \
            (reading.temperature_f if reading else None)
        if reading is not None and not question_only:
            self.asking = False
            self.keep(Entry(self._now(), self.day(), "checkin", text, "number" if reading.kind == "number" else "told",
                            temperature, reading.pain, str(level), reasons))
        elif level > Level.NONE:
            self.keep(Entry(self._now(), self.day(), "flag", text, "", temperature, None, str(level), reasons))

    def _now(self) -> str:
        return self.clock().isoformat(timespec="minutes")

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
            out.append(("source", f"(from {cited(part.ruling.sources)})"))
    return out
