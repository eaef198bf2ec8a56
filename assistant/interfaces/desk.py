"""Triage a phone call at the front desk: the caller's words in; the level, the script and what to ask out.

    aftercare desk          # one call after another; /help lists the commands
    aftercare desk --log    # calls per level per day, and urgent calls still open
Staff type the caller's details ("ref: C-1042", "protocol: rf", "treated: 2 days ago"), what the
caller says as it comes, and the caller's answers to the red-flag questions ("y 2", "n 5"). The
whole call is re-assessed after every line, so a later date or answer re-grades earlier words.
A call is appended to the call log when it ends (/end, /quit, Ctrl-D, or the next caller's ref).
"""
from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path

from assistant.clinic.protocol import ProtocolError, load
from assistant.core.context import DEFAULT_PROTOCOL, Env, Exit
from assistant.core.levels import WORDS, Level
from assistant.dialogue.call import Assessment, Call, assess, questions, record
from assistant.dialogue.render import paint, use_colour
from assistant.interfaces.context import now_of
from assistant.interfaces.terminal import plain_lines, terminal_lines
from assistant.safety import calllog
from assistant.timeline.clock import DateError, parse_when
from assistant.understanding.vocabulary import load as load_vocabulary

HELP = """Commands (anything else is what the caller says):
  ref: C-1042          the caller's reference; a caller already in the log brings back their protocol and date
  protocol: rf         the caller's clinic protocol (bundled id or a protocol file)
  treated: 2 days ago  when the caller was treated (2026-11-20T10:00, 'yesterday 3pm', ...)
  y 2  /  n 2          the caller answered yes / no to question 2 (several at once: n 1 3 4)
  /resolved [note]     this caller's urgent calls have been dealt with
  /end                 log this call and start the next one
  /help                this list;  /quit or Ctrl-D logs the call and leaves;  Ctrl-C clears the line"""
_FIELD = re.compile(r"^(?:/(ref|protocol|treated)\s+|(ref|protocol|treated)\s*:\s*)(.*)$", re.I)
_ANSWER = re.compile(r"^/?(y|yes|n|no)((?:\s+\d+)+)$", re.I)


def view(call: Call, a: Assessment, colour: bool) -> str:
    """The screen after each line: banner, why, who, the script, and what is still to ask."""
    out = [paint(f" {a.level.upper()} ", a.level if a.level != Level.NONE else "bold", colour)
           + f"  {WORDS[a.level].staff}"]
    if a.why:
        out.append(paint(f" {a.why} ", "bold", colour))
    if call.treated:
        when = f"treated {call.treated:%a %d %b %H:%M} ({a.elapsed:.0f} h)"
    else:
        when = "treatment date not given" + (f" (caller said {a.elapsed:.0f} h ago)" if a.elapsed is not None else "")
    proto = call.protocol_ref or f"{DEFAULT_PROTOCOL} (default: set with protocol: ID)"
    out.append(f"caller {call.caller or '(no ref)'} | protocol {proto} | {when}")
    if a.script:
        out += ["Read to the caller:"] + [f"  {line}" for line in a.script]
    if a.still_to_ask:
        out += ["Ask, most serious first (y N / n N):"] + [f"  {q.number:>2}. {q.ask}" for q in a.still_to_ask]
    return "\n".join(out)


class Desk:
    """One staff member's session: a call at a time, each appended to the log when it ends."""

    def __init__(self, path: Path, clock, env: Env, colour: bool):
        self.path, self.clock, self.env, self.colour = path, clock, env, colour
        self.vocab = load_vocabulary()
        self.asks = questions(self.vocab)
        self.call = Call()

    def say(self, text: str, stream=None) -> None:
        stream = stream or self.env.stdout
        stream.write(text + "\n")
        stream.flush()

    def handle(self, line: str) -> bool:
        """Act on one typed line; return False when the desk should close."""
        line = line.strip()
        if not line:
            return True
        low = line.lower()
        if m := _FIELD.match(line):
            self.set_field((m[1] or m[2]).lower(), m[3].strip())
        elif m := _ANSWER.match(line):
            self.mark(m[1].lower().startswith("y"), [int(n) for n in m[2].split()])
        elif low in ("/help", "/?", "help"):
            self.say(HELP)
        elif low in ("/end", "/quit", "/exit"):
            self.end()
            return low == "/end"
        elif low.split()[0] == "/resolved":
            self.resolve(line[len("/resolved"):].strip())
        elif low.startswith("/"):
            self.say(f"Unknown command {line.split()[0]}: /help lists the commands.")
        else:
            self.call.said.append(line)
            self.show()
        return True

    def set_field(self, name: str, value: str) -> None:
        if not value:
            return self.say(f"{name}: what? e.g. " + {"ref": "ref: C-1042", "protocol": "protocol: rf",
                                                      "treated": "treated: 2 days ago"}[name])
        if name == "ref":
            if self.call.started and value != self.call.caller:
                self.end()  # a new caller's ref closes the call in progress
            return self.look_up(value)
        if name == "protocol":
            try:
                self.call.protocol, self.call.protocol_ref = load(value), value
            except ProtocolError as exc:
                return self.say(f"Protocol not changed: {exc}")
        else:
            try:
                self.call.treated = parse_when(value, self.clock(), default_hour=12)
            except DateError as exc:
                return self.say(f"Treatment date not changed: {exc}")
        if self.call.started:  # a new protocol or date re-grades what was already said
            return self.show()
        shown = self.call.protocol_ref if name == "protocol" else f"{self.call.treated:%a %d %b %Y %H:%M}"
        self.say(f"{name}: {shown}")

    def look_up(self, ref: str) -> None:
        """Start on this caller, bringing back protocol and date from their last logged call."""
        log = calllog.read(self.path)
        self.call.caller = ref
        self.call.history = [r for r in log.records if r.get("caller") == ref]
        calls = [r for r in self.call.history if r["kind"] == "call"]
        if not calls:
            self.say(f"Caller {ref}: new to this log.")
            return self.show()
        last = calls[-1]
        if not self.call.protocol_ref and last.get("protocol"):
            try:
                self.call.protocol, self.call.protocol_ref = load(last["protocol"]), last["protocol"]
            except ProtocolError as exc:
                self.say(f"Their last protocol {last['protocol']} no longer loads: {exc}")
        if self.call.treated is None and isinstance(last.get("treated"), str):
            try:
                self.call.treated = datetime.fromisoformat(last["treated"])
            except ValueError:
                self.say(f"Their last treatment date {last['treated']!r} is unreadable: enter it with treated:")
        self.say(f"Caller {ref}: {len(calls)} earlier call(s); last {calllog.when(last):%Y-%m-%d %H:%M}, "
                 f"{last.get('level')}: {', '.join(calllog.strings(last, 'signs')) or 'no signs'}.")
        self.show()

    def mark(self, yes: bool, numbers: list[int]) -> None:
        bad = [n for n in numbers if not 1 <= n <= len(self.asks)]
        if bad:
            return self.say(f"No question {bad[0]}: the questions are numbered 1-{len(self.asks)}.")
        self.call.answers.update({n: yes for n in numbers})
        self.show()

    def resolve(self, note: str) -> None:
        if not self.call.caller:
            return self.say("Who? Enter the caller's ref first (ref: C-1042), then /resolved.")
        self.write({"kind": "resolved", "time": self.clock().isoformat(timespec="seconds"),
                    "caller": self.call.caller, "note": note or None})
        self.call.resolved = True
        self.say(f"Marked {self.call.caller}'s urgent calls resolved.")

    def show(self) -> None:
        self.say(view(self.call, assess(self.call, self.asks, self.vocab, self.clock()), self.colour))

    def end(self) -> None:
        """Log the call in progress (if anything was said or answered) and start afresh."""
        if self.call.started:
            now = self.clock()
            rec = record(self.call, assess(self.call, self.asks, self.vocab, now), self.asks, now)
            if self.write(rec):
                self.say(f"Logged call: {rec['caller'] or '(no ref)'}, {rec['level']}.")
        self.call = Call()

    def write(self, rec: dict) -> bool:
        try:
            calllog.append(self.path, rec)
            return True
        except OSError as exc:  # never lose a call silently: put the record where staff can see it
            self.say(f"Could not write the call log {self.path} ({exc}); the record was: "
                     f"{json.dumps(rec)}", self.env.stderr)
            return False


def desk(args, env: Env) -> int:
    """`aftercare desk [--log] [--log-file FILE]`."""
    if getattr(args, "now", None):
        fixed = now_of(args, env)
        clock = lambda: fixed
    else:
        clock = lambda: env.clock().replace(microsecond=0)
    path = Path(args.log_file) if getattr(args, "log_file", None) else calllog.default_path(env.environ)
    log = calllog.read(path)
    for number, problem in log.problems:
        env.stderr.write(f"{path} line {number}: {problem}\n")
    if args.log:
        if not log.records:
            env.stdout.write(f"No calls logged yet in {path}.\n")
        for line in calllog.summary(log.records, clock()) if log.records else ():
            env.stdout.write(line + "\n")
        return Exit.OK
    desk = Desk(path, clock, env, use_colour(env.stdout, env.environ))
    terminal = hasattr(env.stdin, "isatty") and env.stdin.isatty()
    desk.say(f"Front desk, logging to {path}. Type /help for the commands.")
    try:
        for line in (terminal_lines(lambda: f"desk {desk.call.caller or '(new call)'}> ")
                     if terminal else plain_lines(env.stdin)):
            if not desk.handle(line):
                return Exit.OK
    except KeyboardInterrupt:  # plain mode has no line editor to cancel: keep the call, then stop
        desk.end()
        return Exit.INTERRUPTED
    desk.end()  # Ctrl-D or the end of the input: the call in progress is logged
    return Exit.OK
