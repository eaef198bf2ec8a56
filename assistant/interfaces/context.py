"""Resolve what every command needs: the clock, the clinic protocol and the treatment time.

Flags come first, then the saved profile, then the bundled default protocol.
"""
from __future__ import annotations

from datetime import datetime

from assistant.clinic.protocol import ProtocolError, load
from assistant.core import profile
from assistant.core.context import DEFAULT_PROTOCOL, Env, UsageError
from assistant.timeline.bounds import clock_sane, treated_near
from assistant.timeline.clock import DateError, parse_when


def now_of(args, env: Env) -> datetime:
    """Return --now read as a date-time (a usage error when unreadable or outside 1970-2199), else the clock."""
    real = env.clock()
    if not getattr(args, "now", None):
        return real.replace(microsecond=0)
    try:
        return clock_sane(parse_when(args.now, real, within=datetime.max - datetime.min))
    except DateError as exc:
        raise UsageError(f"--now: {exc}") from None


def saved_profile(env: Env):
    """Return the saved profile or None; a damaged one is a usage error."""
    try:
        return profile.load(env.environ)
    except profile.ProfileError as exc:
        raise UsageError(str(exc)) from None


def protocol_of(ref: str):
    """Load a protocol by id or path; a bad one is a usage error."""
    try:
        return load(ref)
    except ProtocolError as exc:
        raise UsageError(str(exc)) from None


def plausible(when: datetime, now: datetime) -> datetime:
    """Refuse a treatment date more than a year either way: a typing mistake, not a patient (ValueError)."""
    if abs((when - now).days) > 366:
        raise ValueError(f"{when:%Y-%m-%d %H:%M} is more than a year from now; check the date")
    return when


def treated_time(text: str, now: datetime, future_ok: bool = False) -> datetime:
    """Read a treatment time; question one in the future or more than a year back."""
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
    saved = saved_profile(env)
    ref = getattr(args, "protocol", None) or (saved.protocol if saved else DEFAULT_PROTOCOL)
    protocol = protocol_of(ref)
    if saved and saved.clinic_phone and not protocol.phone and not getattr(args, "protocol", None):
        protocol = protocol.replace(phone=saved.clinic_phone)
    treated = None
    if getattr(args, "treated", None):
        treated = treated_time(args.treated, now, future_ok=True)
    elif saved and saved.treated:
        try:
            treated = treated_near(saved.treated_at, now, "your saved treatment time")
        except DateError as exc:
            raise UsageError(f"{exc} (change it with 'aftercare setup')") from None
    return protocol, treated, now
