"""The one entry point: `aftercare COMMAND ...` (and `python -m assistant`).

Each command imports only what it needs, so `aftercare ask --json` never pays for the chat or
the voice. Input and output come in through an Env, so tests can swap them.
"""
from __future__ import annotations

import argparse
import importlib
import os
import sys

from assistant import __version__
from assistant.core.context import Env, Exit, UsageError
from assistant.core.storage import StorageError


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one plain line, not a usage dump
        raise UsageError(f"{self.prog}: {message} (see '{self.prog} --help')")


# Each command's module, imported only when that command runs: importing them all would cost a
# one-shot `ask` about 150 ms (prompt-toolkit for chat and desk, the speech engine, the recogniser).
# `ask` with a voice option runs from interfaces.aloud for the same reason (about 25 ms).
COMMANDS = {"ask": "ask", "protocols": "protocols", "setup": "setup", "plan": "plan", "today": "plan",
            "chat": "chat", "desk": "desk", "listen": "listen", "forget": "forget"}


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

    ask = command("ask", "Answer one question (or one per line from standard input with '-').",
                  'aftercare ask "is advil ok?" --protocol pre-post --treated "yesterday 2pm" --json')
    ask.add_argument("question", help="the question, or - to read one per line from standard input")
    when_options(ask)
    ask.add_argument("--json", action="store_true", help="print the contract's JSON object")
    ask.add_argument("--speak", action="store_true", help="also read the answer aloud")
    ask.add_argument("--speak-to", metavar="FILE.wav", help="write the spoken answer to a WAV file")
    ask.add_argument("--from-wav", action="store_true", help="treat QUESTION as a WAV recording to recognise")

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

    chat = command("chat", "Talk with the assistant (the default with no command).", "aftercare chat --speak")
    when_options(chat)
    chat.add_argument("--speak", action="store_true", help="read every answer aloud")
    chat.add_argument("--rate", type=int, default=160, help="speaking rate in words a minute (default 160)")
    chat.add_argument("--voice", help="espeak-ng voice name, e.g. en-us")

    desk = command("desk", "Front-desk triage for phone calls, with a call log.", "aftercare desk --log")
    desk.add_argument("--log", action="store_true", help="summarise the call log instead")
    desk.add_argument("--log-file", metavar="FILE", help="call log location (default: your state folder)")
    desk.add_argument("--now", metavar="WHEN", help=argparse.SUPPRESS)

    forget = command("forget", "Delete your profile, chat history and the cache (and, once confirmed, the call log).",
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
        voiced = name == "ask" and (args.from_wav or args.speak or args.speak_to)
        module = importlib.import_module(f"assistant.interfaces.{'aloud' if voiced else COMMANDS[name]}")
        return int(getattr(module, name)(args, env) or Exit.OK)
    except (UsageError, StorageError) as exc:  # a file that cannot be written whole: one line, like bad input
        print(str(exc), file=env.stderr)
        return Exit.USAGE
    except KeyboardInterrupt:
        print("", file=env.stderr)
        return Exit.INTERRUPTED
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return Exit.OK
    except SystemExit as exc:  # --help and --version
        return int(exc.code or 0)
