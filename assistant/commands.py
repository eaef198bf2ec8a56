"""One function per command; each imports only what that command needs."""
from __future__ import annotations

import json
from datetime import datetime

from assistant.cli import DEFAULT_PROTOCOL, Env, Exit, UsageError


def now_of(args, env: Env) -> datetime:
    """Return --now read as a date-time (a usage error when unreadable), else the clock."""
    from assistant.clock import DateError, parse_when
    real = env.clock()
    if not getattr(args, "now", None):
        return real.replace(microsecond=0)
    try:
        return parse_when(args.now, real)
    except DateError as exc:
        raise UsageError(f"--now: {exc}") from None


def _profile(env: Env):
    from assistant import profile
    try:
        return profile.load(env.environ)
    except profile.ProfileError as exc:
        raise UsageError(str(exc)) from None


def _protocol(ref: str):
    from assistant.protocol import ProtocolError, load
    try:
        return load(ref)
    except ProtocolError as exc:
        raise UsageError(str(exc)) from None


def treated_time(text: str, now: datetime, future_ok: bool = False) -> datetime:
    """Read a treatment time; question one in the future or more than a year back."""
    from assistant.clock import DateError, parse_when
    try:
        when = parse_when(text, now, default_hour=12)
    except DateError as exc:
        raise UsageError(f"--treated: {exc}") from None
    if not future_ok and when > now and (when - now).days > 366:
        raise UsageError(f"--treated: {when:%Y-%m-%d %H:%M} is more than a year ahead; check the date")
    if (now - when).days > 366:
        raise UsageError(f"--treated: {when:%Y-%m-%d %H:%M} is more than a year ago; check the date")
    return when


def context(args, env: Env):
    """Resolve protocol, treatment time and clock: flags first, then the saved profile, then defaults."""
    now = now_of(args, env)
    saved = _profile(env)
    ref = getattr(args, "protocol", None) or (saved.protocol if saved else DEFAULT_PROTOCOL)
    protocol = _protocol(ref)
    if saved and saved.clinic_phone and not protocol.phone and not getattr(args, "protocol", None):
        protocol = protocol.replace(phone=saved.clinic_phone)
    treated = None
    if getattr(args, "treated", None):
        treated = treated_time(args.treated, now, future_ok=True)
    elif saved and saved.treated:
        treated = saved.treated_at
    return protocol, treated, now


def ask(args, env: Env) -> int:
    protocol, treated, now = context(args, env)
    from assistant.reply import answer
    if args.from_wav:
        from assistant.hearing import recognise_file
        heard = recognise_file(args.question, env, (protocol, treated, now))
        if heard is None:
            return Exit.OK
        args.question = heard
    questions = _stdin_lines(env) if args.question == "-" else [args.question]
    colour = None
    for q in questions:
        reply = answer(q, protocol, treated, now)
        if args.json:
            env.stdout.write(json.dumps(reply.as_json(), ensure_ascii=False) + "\n")
        else:
            from assistant.render import reply_text, use_colour
            colour = use_colour(env.stdout, env.environ) if colour is None else colour
            env.stdout.write(reply_text(reply, colour) + "\n")
        env.stdout.flush()
        if args.speak or args.speak_to:
            from assistant.voice import Voice, VoiceUnavailable
            try:
                voice = Voice()
                if args.speak_to:
                    voice.save(reply.text, args.speak_to)
                if args.speak:
                    voice.say(reply.text)
            except VoiceUnavailable as exc:
                env.stderr.write(f"{exc}\n")
    return Exit.OK


def _stdin_lines(env: Env):
    """Yield one question per input line; undecodable bytes become U+FFFD, never an error."""
    stream = getattr(env.stdin, "buffer", None)
    if stream is None:
        for line in env.stdin:
            yield line.rstrip("\r\n")
        return
    for raw in stream:
        yield raw.decode("utf-8", errors="replace").rstrip("\r\n")


def protocols(args, env: Env) -> int:
    from assistant import catalogue
    return catalogue.run(args, env)


def setup(args, env: Env) -> int:
    from assistant import onboarding
    return onboarding.setup(args, env)


def plan(args, env: Env) -> int:
    from assistant import planner
    protocol, treated, now = context(args, env)
    return planner.plan(protocol, treated, now, args, env)


def today(args, env: Env) -> int:
    from assistant import planner
    protocol, treated, now = context(args, env)
    return planner.today(protocol, treated, now, env)


def chat(args, env: Env) -> int:
    from assistant import chat as chat_mod
    return chat_mod.run(args, env)


def desk(args, env: Env) -> int:
    from assistant import desk as desk_mod
    return desk_mod.run(args, env)


def listen(args, env: Env) -> int:
    from assistant import hearing
    return hearing.listen(args, env)
