"""The one entry point: `aftercare COMMAND ...` (and `python -m assistant`).

Each command imports only what it needs, so `aftercare ask --json` never pays for the chat or
the voice. Input and output come in through an Env, so tests can swap them.
"""
from __future__ import annotations

import argparse
import importlib
import os
import re
import sys

from assistant import __version__
from assistant.core.context import Env, Exit, UsageError, closest_choice
from assistant.core.storage import StorageError
from assistant.core.text import shown


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one plain line, not a usage dump
        wrong = re.search(r"invalid choice: '([^']*)' \(choose from (.*)\)", message)
        if wrong:
            choices = re.findall(r"[\w-]+", wrong[2])
            close = closest_choice(wrong[1], choices)
            message = f"no command '{wrong[1]}'" + (f": did you mean {close}?" if close else "") + \
                f" (one of {', '.join(choices)})"
        raise UsageError(f"{self.prog}: {message} (see '{self.prog} --help')")


# Each command's module, imported only when that command runs: importing them all would cost a
# one-shot `ask` about 150 ms (prompt-toolkit for chat and desk, the speech engine, the recogniser).
# `ask` read aloud runs from interfaces.aloud, and a recorded `ask --from-wav` from interfaces.recording,
# for the same reason (about 25 ms, and the recogniser's modules).
COMMANDS = {"ask": "ask", "protocols": "protocols", "setup": "setup", "plan": "plan", "today": "today",
            "chat": "chat", "desk": "desk", "listen": "listen", "diary": "diary",
            "prepare": "prepare", "remind": "remind", "forget": "forget"}


# Options that name a file to write: checked before any work, so a bad path is exit 2 and one line.
OUTPUTS = ("ics", "speak_to", "export", "pdf")


def check_output(path: str | None, option: str) -> None:
    """Refuse an output path whose folder is missing or not writable; never create the folder."""
    if not path:
        return
    flag = "--" + option.replace("_", "-")
    folder = os.path.dirname(os.path.abspath(path))
    if os.path.isdir(path):
        raise UsageError(f"{flag}: {path} is a folder; give a file name")
    if not os.path.isdir(folder):
        raise UsageError(f"{flag}: cannot write {path}: no such folder {os.path.dirname(path) or folder}")
    if not os.access(folder, os.W_OK) or (os.path.exists(path) and not os.access(path, os.W_OK)):
        raise UsageError(f"{flag}: cannot write {path}: permission denied")


class _Sink:
    """Stands in for the parsers of commands not being run: building all of them costs start-up time."""

    def __getattr__(self, name):
        return lambda *args, **kwargs: self


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """Build the command line; with `only`, just that command's part (the rest is never parsed)."""
    p = _Parser(prog="aftercare", description="Answers your microneedling aftercare questions from "
                "your own clinic's instructions, and tells you when to call.",
                epilog="Example: aftercare ask \"can I wear makeup tomorrow?\" --treated \"yesterday 10am\"",
                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--version", action="version", version=f"aftercare {__version__}")
    sub = p.add_subparsers(dest="command", parser_class=_Parser, metavar="COMMAND")

    def command(name, help_, example, **kw):
        if only is not None and name != only:
            return _Sink()
        return sub.add_parser(name, help=help_, description=help_, epilog=f"Example: {example}",
                              formatter_class=argparse.RawDescriptionHelpFormatter, **kw)

    def when_options(cmd, treated=True):
        cmd.add_argument("--protocol", metavar="ID|FILE", help="bundled protocol id or a protocol file "
                         "(default: your saved profile, else alexander)")
        if treated:
            cmd.add_argument("--treated", metavar="WHEN", help="when you were treated: 2026-11-20T10:00, "
                             "'yesterday 3pm', '2 days ago'")
        cmd.add_argument("--now", metavar="WHEN", help="answer as if it were this time (default: now)")

    def desk_options(cmd):
        cmd.add_argument("--db", metavar="PATH|URL", default=argparse.SUPPRESS,
                         help="the call log: an SQLite file (default: calls.db in your state folder) or a "
                         "postgresql:// URL shared by several desks")
        cmd.add_argument("--now", metavar="WHEN", default=argparse.SUPPRESS,
                         help="as if it were this time (default: now), so a call can be reproduced")

    ask = command("ask", "Answer one question (or one per line from standard input with '-').",
                  'aftercare ask "is advil ok?" --protocol pre-post --treated "yesterday 2pm" --json')
    ask.add_argument("question", help="the question, or - to read one per line from standard input")
    when_options(ask)
    ask.add_argument("--json", action="store_true", help="print one JSON object (docs/json.md)")
    ask.add_argument("--speak", action="store_true", help="also read the answer aloud")
    ask.add_argument("--speak-to", metavar="FILE.wav", help="write the spoken answer to a WAV file")
    ask.add_argument("--from-wav", action="store_true", help="treat QUESTION as a WAV recording to recognise")
    ask.add_argument("--print-spoken", action="store_true", help="also print the answer as it is read aloud")

    proto = command("protocols", "List, show, check and compare clinic protocols.",
                    "aftercare protocols diff alexander pre-post")
    psub = proto.add_subparsers(dest="action", parser_class=_Parser, metavar="ACTION", required=True)
    psub.add_parser("list", help="bundled protocols: id, clinic, source documents",
                    description="List the bundled protocols.", epilog="Example: aftercare protocols list")
    show = psub.add_parser("show", help="one protocol's rules in time order",
                           description="Show one protocol's rules in time order.",
                           epilog="Example: aftercare protocols show rf --diagram")
    show.add_argument("protocol", metavar="ID|FILE")
    show.add_argument("--diagram", action="store_true", help="print the recovery phases as a Mermaid diagram")
    check = psub.add_parser("check", help="validate a protocol file", description="Validate a protocol file: "
                            "exit 0 with a summary, or 2 with every problem.",
                            epilog="Example: aftercare protocols check my-clinic.toml")
    check.add_argument("file")
    diff = psub.add_parser("diff", help="where two protocols differ, topic by topic",
                           description="Show where two protocols differ, topic by topic.",
                           epilog="Example: aftercare protocols diff alexander rf")
    diff.add_argument("a", metavar="A")
    diff.add_argument("b", metavar="B")

    setup = command("setup", "Save your clinic protocol and treatment time for later commands.",
                    'aftercare setup --protocol rf --treated "Nov 20 10am"')
    setup.add_argument("--protocol", metavar="ID|FILE")
    setup.add_argument("--treated", metavar="WHEN")
    setup.add_argument("--clinic-phone", metavar="NUMBER", help="your clinic's phone number, if the sheet has none")
    setup.add_argument("--now", metavar="WHEN", help=argparse.SUPPRESS)
    setup.add_argument("--reset", action="store_true", help="delete the saved profile")
    setup.add_argument("--all", action="store_true", help="with --reset: everything 'aftercare forget' deletes")

    plan = command("plan", "Your personal timeline: what becomes allowed when, and what to expect.",
                   'aftercare plan --treated "Nov 20 10am" --ics recovery.ics')
    when_options(plan)
    plan.add_argument("--ics", metavar="FILE", help="also write the milestones as a calendar file")
    plan.add_argument("--json", action="store_true", help="print the milestones as JSON (the moments ask reports)")

    today = command("today", "Today's checklist: what to do, what to avoid, what is normal, when to call.",
                    "aftercare today")
    when_options(today)

    chat = command("chat", "Talk with the assistant (the default with no command).", "aftercare chat --voice")
    when_options(chat)
    chat.add_argument("--speak", action="store_true", help="read every answer aloud")
    chat.add_argument("--voice", action="store_true", help="hands-free: read every answer aloud and listen for "
                      "the next question (Enter to talk when nothing was heard)")
    chat.add_argument("--rate", type=int, default=160, help="speaking rate in words a minute (default 160)")
    chat.add_argument("--voice-name", help="espeak-ng voice name, e.g. en-us")

    prepare = command("prepare", "Before a treatment: what to stop and start, with dates, and the earliest "
                      "date your clinic's sheet allows after what you took.",
                      'aftercare prepare --protocol pre-post --appointment "Nov 27 10am" --took "botox 2026-11-10"')
    prepare.add_argument("--protocol", metavar="ID|FILE", help="bundled protocol id or a protocol file")
    prepare.add_argument("--appointment", metavar="WHEN", help="when the treatment is booked: 2026-11-27T10:00, "
                         "'Nov 27 10am', 'friday 9am' (default: your saved appointment, if ahead)")
    prepare.add_argument("--took", metavar="'THING WHEN'", action="append", help="something you took or had, "
                         "and when you last did: 'accutane until 2026-06-01', 'botox 2026-11-10' (repeat it)")
    prepare.add_argument("--now", metavar="WHEN", help="answer as if it were this time (default: now)")
    prepare.add_argument("--json", action="store_true", help="print the list and the dates as JSON")

    remind = command("remind", "Say what is due now (for a cron job or systemd timer), with a desktop "
                     "notification where there is one.", "aftercare remind")
    when_options(remind)
    remind.add_argument("--no-notify", action="store_true", help="print only; no desktop notification")

    diary = command("diary", "Your check-ins, temperatures and pain day by day, and any red flags; "
                    "export a one-page summary for your clinic.", "aftercare diary --export summary.html")
    when_options(diary)
    diary.add_argument("--json", action="store_true", help="print the diary summary as JSON")
    diary.add_argument("--export", metavar="FILE", help="write a one-page summary: .html, .txt or .json")
    diary.add_argument("--format", choices=["html", "text", "json", "pdf"], help="the format of --export "
                       "(default: from the file name)")
    diary.add_argument("--pdf", metavar="FILE", help="write the one-page summary as a PDF (needs fpdf2)")

    desk = command("desk", "Front-desk triage for phone calls, with a call log in a database.",
                   "aftercare desk --protocol rf --staff Ann",
                   usage="aftercare desk [--protocol ID|FILE] [--staff NAME] [--db PATH|URL] [--now WHEN] [--save]\n"
                         "                      [--log | --open | import FILE | export [FILE]]")
    desk_options(desk)
    desk.add_argument("--log", action="store_true", help="summarise the call log: calls per level per day, "
                      "open urgent calls")
    desk.add_argument("--open", action="store_true", help="list the open urgent calls, oldest first (work queue)")
    desk.add_argument("--protocol", metavar="ID|FILE", help="this desk's clinic protocol (default: ask per caller)")
    desk.add_argument("--staff", metavar="NAME", help="who takes the calls (default: your login name)")
    desk.add_argument("--save", action="store_true", help="remember --protocol, --db and --staff for this desk")
    dsub = desk.add_subparsers(dest="action", parser_class=_Parser, metavar="ACTION")
    imp = dsub.add_parser("import", help="bring a JSON-lines call log into the database",
                          description="Bring a JSON-lines call log (kept by earlier versions) into the database.",
                          epilog="Example: aftercare desk import ~/.local/state/aftercare/calls.jsonl")
    imp.add_argument("file", help="the JSON-lines file")
    desk_options(imp)
    exp = dsub.add_parser("export", help="write every call as CSV or JSON lines",
                          description="Write every call, oldest first, as CSV or JSON lines for the clinic's records.",
                          epilog="Example: aftercare desk export calls.csv")
    exp.add_argument("file", nargs="?", help="the file to write (default: standard output)")
    exp.add_argument("--format", choices=("csv", "jsonl"), help="default: from the file name, else csv")
    desk_options(exp)

    forget = command("forget", "Delete your profile, chat history, diary and the cache "
                     "(and, once confirmed, the call log).",
                     "aftercare forget")
    forget.add_argument("--call-log", action="store_true", help="also delete the front desk's call log, without asking")

    listen = command("listen", "Ask a question aloud through the microphone.", "aftercare listen --speak")
    when_options(listen)
    listen.add_argument("--speak", action="store_true", help="read the answer aloud")
    return p


def main(argv: list[str] | None = None, env: Env | None = None) -> int:
    """Run one command and return its exit status."""
    env = env or Env()
    argv = sys.argv[1:] if argv is None else argv
    try:
        argv = argv or ["chat"]
        first = next((a for a in argv if not a.startswith("-")), None)
        args = build_parser(first if first in COMMANDS else None).parse_args(argv)
        name = args.command or "chat"
        for option in OUTPUTS:
            check_output(getattr(args, option, None), option)
        where = COMMANDS[name]
        if name == "ask" and args.from_wav:
            where = "recording"
        elif name == "ask" and (args.speak or args.speak_to or args.print_spoken):
            where = "aloud"
        module = importlib.import_module(f"assistant.interfaces.{where}")
        return int(getattr(module, name)(args, env) or Exit.OK)
    except (UsageError, StorageError) as exc:  # a file that cannot be written whole: one line, like bad input
        print(shown(str(exc)), file=env.stderr)
        return Exit.USAGE
    except KeyboardInterrupt:
        print("", file=env.stderr)
        return Exit.INTERRUPTED
    except EOFError:  # Ctrl-D at a question: leave as from the chat's prompt, without a traceback
        print("", file=env.stderr)
        return Exit.OK
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return Exit.OK
    except SystemExit as exc:  # --help and --version
        return int(exc.code or 0)


def run() -> None:
    """Run as a program (`aftercare`, `python -m assistant`) and leave as soon as the command is done.

    By then every file is written whole and closed and every answer printed, so the interpreter's
    teardown would only free memory the system frees anyway: about 20 ms of a 60 ms `ask`.
    """
    code = main()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:  # the reader left: nothing more to say to it
        pass
    os._exit(code)
