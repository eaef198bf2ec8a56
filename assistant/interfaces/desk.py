"""Triage a phone call at the front desk: the caller's words in; the level, the staff script and what to ask out.

    aftercare desk --protocol rf --staff Ann      # one call after another; /help lists the commands
    aftercare desk --log | --open                 # the summary, or the open urgent calls as a work queue
    aftercare desk import calls.jsonl | export calls.csv
Staff type the caller's details ("ref: C-1042", "protocol: rf", "treated: 2 days ago"), what the
caller says as it comes, and the caller's answers ("y 2", "n 5"). The whole call is re-assessed
after every line, and every line is saved as it is typed: a desk that dies mid-call leaves the
call in the log as unfinished, shown first at the next start (/resume N takes it up again).
"""
from __future__ import annotations

import json
import re
from datetime import datetime

from assistant.clinic.protocol import ProtocolError, load
from assistant.core.context import Env, Exit
from assistant.core.text import shown
from assistant.dialogue.call import Call, Grader, record
from assistant.dialogue.render import paint, use_colour
from assistant.dialogue.script import deadline, screen
from assistant.interfaces import logbook
from assistant.interfaces.context import plausible
from assistant.interfaces.terminal import plain_lines, terminal_lines
from assistant.safety.calllog import LogError, iso
from assistant.timeline.clock import DateError, parse_when
from assistant.understanding import staff as staff_words
from assistant.understanding.vocabulary import load as load_vocabulary

HELP = """Commands (anything else is what the caller says):
  ref: C-1042          the caller's reference; a caller already in the log brings back their protocol and date
  protocol: rf         the caller's clinic protocol (bundled id or a protocol file): needed to grade the call
  treated: 2 days ago  when the caller was treated (2026-11-20T10:00, 'yesterday 3pm', ...)
  staff: Ann           who is taking the calls at this desk
  y 2  /  n 2          the caller answered yes / no to question 2 (several at once: n 1 3 4)
  /resolved [note]     this caller's urgent calls have been dealt with (/resolved #17 note: call 17 only)
  /open                the open urgent calls, oldest first;  /resume 17  take up unfinished call 17
  /end                 log this call and start the next one
  /help                this list;  /quit logs the call and leaves;  Ctrl-D leaves it unfinished"""
_FIELD = re.compile(r"^(?:/(ref|protocol|treated|staff)\s+|(ref|protocol|treated|staff)\s*:\s*)(.*)$", re.I)
_ANSWER = re.compile(r"^/?(y|yes|n|no)((?:\s+\d+)+)$", re.I)
_RESOLVED = re.compile(r"^/resolved(?:\s+#(\d+))?\s*(.*)$", re.I)


class Desk:
    """One staff member's session: a call at a time, every line saved to the log as it is typed."""

    def __init__(self, log, clock, env: Env, colour: bool, staff: str, protocol_ref: str = ""):
        self.log, self.clock, self.env, self.colour, self.staff = log, clock, env, colour, staff
        self.protocol_ref = protocol_ref
        self.grader = Grader(load_vocabulary())
        self.words = staff_words.load()
        self.quitting = self.replaying = False
        self.new_call()

    def new_call(self) -> None:
        self.call = Call()
        self.typed: list[str] = []     # every line of this call, saved as it comes
        self.saved = 0                 # how many of them are in the log
        self.numbered = 0              # the number of the last line in the log (a resumed call's go on from it)
        self.repeats: dict = {}
        if self.protocol_ref:
            self.call.protocol, self.call.protocol_ref = load(self.protocol_ref), self.protocol_ref

    def say(self, text: str = "", style: str = "", stream=None) -> None:
        """Print one message; everything printed passes the sanitizer before any colour is added."""
        if self.replaying:
            return
        stream = stream or self.env.stdout
        stream.write(paint(shown(text, lines=True), style, self.colour) if style else shown(text, lines=True))
        stream.write("\n")
        stream.flush()

    def handle(self, line: str) -> bool:
        """Act on one typed line; return False when the desk should close."""
        line = line.strip()
        if not line:
            return True
        low = line.lower()
        if m := _FIELD.match(line):
            self.set_field((m[1] or m[2]).lower(), m[3].strip(), line)
        elif m := _ANSWER.match(line):
            self.mark(m[1].lower().startswith("y"), [int(n) for n in m[2].split()], line)
        elif low in ("/help", "/?", "help"):
            self.say(HELP)
        elif low in ("/end", "/quit", "/exit"):
            return self.end(leaving=low != "/end")
        elif m := _RESOLVED.match(line):
            self.resolve(m[2].strip(), int(m[1]) if m[1] else None)
        elif low == "/open":
            logbook.queue(self.log, self.clock(), self.say, limit=20)
        elif low.split()[0] == "/resume":
            self.resume(low.split()[1:])
        elif low.startswith("/"):
            self.say(f"Unknown command {line.split()[0]}: /help lists the commands.")
        else:
            self.call.said.append(line)
            self.changed(line)
        return True

    def set_field(self, name: str, value: str, line: str) -> None:
        if not value:
            return self.say(f"{name}: what? e.g. " + {"ref": "ref: C-1042", "protocol": "protocol: rf", "staff":
                                                      "staff: Ann", "treated": "treated: 2 days ago"}[name])
        if name == "ref":
            if self.call.started and value != self.call.caller and not self.end():
                return None  # the call in progress could not be logged: it stays, and so does its caller
            return self.look_up(value, line)
        if name == "staff":
            self.staff = value
            return self.say(f"Staff at this desk: {value}.")
        if name == "protocol":
            try:
                self.call.protocol, self.call.protocol_ref = load(value), value
            except ProtocolError as exc:
                return self.say(f"Protocol not changed: {exc}")
        else:
            try:
                self.call.treated = plausible(parse_when(value, self.clock(), default_hour=12), self.clock())
            except (DateError, ValueError, OverflowError) as exc:
                return self.say(f"Treatment date not changed: {exc}")
        if self.call.started:  # a new protocol or date re-grades what was already said
            return self.changed(line)
        self.typed.append(line)
        shown_ = self.call.protocol_ref if name == "protocol" else f"{self.call.treated:%a %d %b %Y %H:%M}"
        self.say(f"{name}: {shown_}")

    def look_up(self, ref: str, line: str) -> None:
        """Start on this caller, bringing back protocol and date from their last logged call."""
        self.call.caller = ref
        self.typed.append(line)
        try:
            count, last = self.log.history(ref)
        except LogError as exc:
            return self.say(f"Could not look up {ref}: {exc}")
        if not last:
            return self.say(f"Caller {ref}: new to this log.")
        if not self.call.protocol_ref and isinstance(last["protocol"], str):
            try:
                self.call.protocol, self.call.protocol_ref = load(last["protocol"]), last["protocol"]
            except ProtocolError as exc:
                self.say(f"Their last protocol {last['protocol']} no longer loads: {exc}")
        if self.call.treated is None and last["treated"]:
            try:
                self.call.treated = datetime.fromisoformat(last["treated"])
            except (TypeError, ValueError):
                self.say(f"Their last treatment date {last['treated']!r} is unreadable: enter it with treated:")
        signs = ", ".join(str(s) for s in last["signs"]) or "no signs"
        self.say(f"Caller {ref}: {count} earlier call(s); last {last['time']}, {last['level']}: {signs}; "
                 f"protocol {self.call.protocol_ref or '(not set)'}.")

    def mark(self, yes: bool, numbers: list[int], line: str) -> None:
        asks = self.grader.asks
        bad = [n for n in numbers if not 1 <= n <= len(asks)]
        if bad:
            return self.say(f"No question {bad[0]}: the questions are numbered 1-{len(asks)}.")
        self.call.answers.update({n: yes for n in numbers})
        self.changed(line)

    def repeat(self, about: list[str]):
        """Apply the repeat-caller rule to the call in progress, asking the log once per complaint list."""
        key = (self.call.caller, tuple(about))
        if key not in self.repeats:
            try:
                self.repeats[key] = self.log.repeat(self.call.caller, about, self.clock(), exclude=self.call.id)
            except LogError as exc:
                self.say(f"Could not check earlier calls: {exc}")
                return None
        return self.repeats[key]

    def changed(self, line: str | None) -> None:
        """Grade the call again, save it as a draft (with this line), and show the screen."""
        if line is not None:
            self.typed.append(line)
        if self.replaying:
            return
        a = self.grader.assess(self.call, self.clock(), self.repeat)
        self.save(a, done=False)
        self.env.stdout.write("".join(paint(shown(t, lines=True), s, self.colour) if s else shown(t, lines=True)
                                      for s, t in screen(self.call, a, self.clock(), self.words, self.staff)))
        self.env.stdout.flush()

    def save(self, a, done: bool) -> bool:
        """Write the call (complete or not at all); say so loudly when it fails, keeping the call here."""
        now = self.clock()
        self.call.began = self.call.began or now
        fields = record(self.call, a, self.grader.asks) | {
            "time": iso(self.call.began), "ended": iso(now) if done else None, "staff": self.staff,
            "desk": self.log.desk, "due": iso(deadline(a.level, self.call.protocol, self.call.began, self.words)),
            "resolved": iso(now) if self.call.resolved else None, "note": self.call.note or None}
        new = [(self.numbered + i, iso(now), text) for i, text in enumerate(self.typed[self.saved:], 1)]
        try:
            self.call.id = self.log.save(fields, new, done, self.call.id)
        except LogError as exc:
            what = "NOT LOGGED" if done else "NOT SAVED"
            self.say(f"{what}: {exc}. The call is kept on this screen; "
                     + ("type /end to try again." if done else "the next line tries again."), stream=self.env.stderr)
            if self.quitting:
                self.say("The call as it stands: " + json.dumps(fields), stream=self.env.stderr)
            return False
        self.saved, self.numbered = len(self.typed), self.numbered + len(new)
        return True

    def end(self, leaving: bool = False) -> bool:
        """Log the call in progress as done and start afresh; return False if the desk should close."""
        if self.call.started:
            self.repeats.clear()  # another desk may have logged this caller meanwhile
            a = self.grader.assess(self.call, self.clock(), self.repeat)
            if not self.save(a, done=True):
                if leaving and self.quitting:
                    return False  # a second /quit leaves anyway: the record was printed
                self.quitting = leaving
                if leaving:
                    self.say("Type /quit again to leave without logging it.", stream=self.env.stderr)
                return True
            self.say(f"Logged call #{self.call.id}: {self.call.caller or '(no ref)'}, {a.level}.")
        self.new_call()
        return not leaving

    def resolve(self, note: str, call_id: int | None) -> None:
        if not self.call.caller and call_id is None:
            return self.say("Who? Enter the caller's ref first (ref: C-1042), or give the call: /resolved #17.")
        try:
            count = self.log.resolve(self.clock(), self.staff, note, caller=None if call_id else self.call.caller,
                                     call_id=call_id)
        except LogError as exc:
            return self.say(f"NOT RESOLVED: {exc}", stream=self.env.stderr)
        if call_id is None:
            self.call.resolved, self.call.note = True, note
        who = f"call #{call_id}" if call_id else f"{self.call.caller}'s urgent calls"
        self.say(f"Marked {who} resolved ({count} open).")

    def resume(self, words: list[str]) -> None:
        """Take up an unfinished call: replay its lines into this desk, then carry on."""
        number = int(words[0].lstrip("#")) if words and words[0].lstrip("#").isdigit() else None
        found = self.log.find(number) if number else None
        if not found or found["status"] != "unfinished":
            return self.say("Which? /resume N, with N from the list of unfinished calls.")
        if logbook.alive(found["desk"]):
            return self.say(f"Call #{found['id']} is still in progress at desk {found['desk']}.")
        if self.call.started and not self.end():
            return None
        lines = self.log.lines(found["id"])
        self.new_call()
        self.replaying = True
        try:
            for line in lines:
                self.handle(line)
        finally:
            self.replaying = False
        self.call.id, self.call.began = found["id"], datetime.fromisoformat(found["time"])
        self.saved, self.numbered = len(self.typed), len(lines)
        self.say(f"Resumed call #{found['id']} ({len(lines)} lines).")
        self.changed(None)


def desk(args, env: Env) -> int:
    """Run `aftercare desk`: the call loop, or with --log, --open, import or export, the log's views."""
    settings = logbook.settings(args, env)
    if settings.action:
        return settings.action()
    log, clock, staff, protocol = settings.log, settings.clock, settings.staff, settings.protocol
    desk = Desk(log, clock, env, use_colour(env.stdout, env.environ), staff, protocol)
    logbook.waiting(log, clock(), desk.say, staff, protocol)
    terminal = hasattr(env.stdin, "isatty") and env.stdin.isatty()
    lines = terminal_lines(lambda: f"desk {desk.call.caller or '(new call)'}> ") if terminal else plain_lines(env.stdin)
    try:
        for line in lines:
            try:
                if not desk.handle(line):
                    return Exit.OK
            except (LogError, OSError) as exc:  # the call is in memory and, up to its last line, in the log
                desk.say(f"That line could not be completed: {exc}. The call is kept.", stream=env.stderr)
    except KeyboardInterrupt:  # plain mode has no line editor to cancel: the call stays, unfinished
        return Exit.INTERRUPTED
    finally:
        log.close()
    return Exit.OK  # Ctrl-D or the end of the input: the call in progress stays in the log as unfinished
