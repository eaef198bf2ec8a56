"""`aftercare setup`: ask for (or take) the clinic protocol and treatment time, and save them."""
from __future__ import annotations

from datetime import datetime

from assistant.clinic.protocol import ProtocolError, bundled_ids, load
from assistant.core import profile
from assistant.core.context import Env, Exit, UsageError
from assistant.interfaces.context import now_of
from assistant.interfaces.forget import forget
from assistant.timeline.clock import FORMS, DateError, parse_when, say_date


def check_treated(when: datetime, now: datetime) -> str | None:
    """Return a question to put to the patient about a doubtful treatment time, or None."""
    if when > now:
        return f"{say_date(when, now)} is in the future. Is that your upcoming appointment?"
    if (now - when).days > 365:
        return f"{say_date(when, now)} is more than a year ago. Is that right?"
    return None


def setup(args, env: Env) -> int:
    now = now_of(args, env)
    if args.reset and getattr(args, "all", False):
        return forget(args, env)
    if args.reset:
        gone = profile.reset(env.environ)
        env.stdout.write("Your saved profile was deleted.\n" if gone else "There was no saved profile.\n")
        return Exit.OK
    interactive = hasattr(env.stdin, "isatty") and env.stdin.isatty()
    ref = args.protocol or (_ask_protocol(env) if interactive else None)
    treated_text = args.treated or (_ask(env, f"When were you treated? ({FORMS}): ") if interactive else None)
    if not ref or not treated_text:
        raise UsageError("setup needs --protocol and --treated (or run it in a terminal to be asked)")
    try:
        load(ref)
    except ProtocolError as exc:
        raise UsageError(str(exc)) from None
    try:
        treated = parse_when(treated_text, now, default_hour=12)
    except DateError as exc:
        raise UsageError(f"--treated: {exc}") from None
    if interactive and not args.treated and not _yes(env, f"I took “{treated_text}” as {say_date(treated, now)}. "
                                                         "Is that right?", default=True):
        raise UsageError("nothing saved: run setup again with the right date")
    doubt = check_treated(treated, now)
    if doubt and (now - treated).days > 365:
        if not (interactive and _yes(env, doubt)):
            raise UsageError(f"--treated: {doubt} Give the date again if it is")
    elif doubt and interactive and not _yes(env, doubt):
        raise UsageError("nothing saved: run setup again with the right date")
    saved = profile.Profile(protocol=ref, treated=treated.isoformat(timespec="minutes"),
                            clinic_phone=args.clinic_phone)
    path = profile.save(saved, env.environ)
    note = " (an upcoming appointment)" if treated > now else ""
    env.stdout.write(f"Saved: {ref}, treated {say_date(treated, now)}{note}. ({path})\n")
    return Exit.OK


def _ask(env: Env, prompt: str) -> str:
    env.stdout.write(prompt)
    env.stdout.flush()
    return env.stdin.readline().strip()


def _yes(env: Env, question: str, default: bool = False) -> bool:
    answer = _ask(env, f"{question} {'[Y/n]' if default else '[y/N]'} ").lower()
    return answer.startswith("y") or (default and answer == "")


def _ask_protocol(env: Env) -> str:
    ids = bundled_ids()
    env.stdout.write("Which clinic's instructions do you have?\n")
    for n, pid in enumerate(ids, 1):
        env.stdout.write(f"  {n}. {pid} — {load(pid).clinic}\n")
    pick = _ask(env, "Number, id, or the path of your clinic's protocol file: ")
    return ids[int(pick) - 1] if pick.isdecimal() and len(pick) < 4 and 1 <= int(pick) <= len(ids) else pick
