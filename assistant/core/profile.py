"""The patient's saved profile: which clinic protocol, when they were treated, the clinic's number.

Stored as JSON in the XDG config folder, written by storage (whole, owner-only). The file is read as
untrusted (core.untrusted): a FIFO, a folder or a device is never read, a file past 64 KiB is not read,
and every field is checked by type. A damaged profile is reported in one line with the way to reset
it, never a traceback; it is never replaced by a default, since answering from another clinic's
sheet is worse than not answering.
"""
from __future__ import annotations

import json
import os
from datetime import date, datetime

from assistant.core.record import Record
from assistant.core.storage import config_home, remove, write_atomic
from assistant.core.untrusted import NotAFile, TooBig, read_small

MAX_BYTES = 64 << 10
_TEXT = {"protocol": 4096, "clinic_phone": 4096}  # a path, or what the patient typed as the clinic's number


class ProfileError(Exception):
    """The profile file exists but cannot be used."""


class Profile(Record):
    protocol: str
    treated: str | None = None  # ISO local date-time
    clinic_phone: str | None = None
    last_checkin: str | None = None  # ISO date of the last daily check-in
    last_told: str | None = None     # ISO date-time up to which the chat told what opened again

    @property
    def treated_at(self) -> datetime | None:
        return datetime.fromisoformat(self.treated) if self.treated else None

    @property
    def told_at(self) -> datetime | None:
        """Return last_told as a date-time; an unreadable one is as if never told."""
        try:
            return datetime.fromisoformat(self.last_told) if isinstance(self.last_told, str) else None
        except ValueError:
            return None


def path(env: dict | None = None) -> str:
    return os.path.join(config_home(env), "profile.json")


def load(env: dict | None = None) -> Profile | None:
    """Return the saved profile, None when there is none; raise ProfileError when it is damaged."""
    file = path(env)
    try:
        blob = _read(file)
        if blob is None:
            return None
        raw = json.loads(blob.decode("utf-8"))
        return _checked(raw)
    except (ValueError, TypeError, UnicodeDecodeError, RecursionError, OverflowError, OSError) as exc:
        why = str(exc) if isinstance(exc, _Bad) else exc.__class__.__name__
        raise ProfileError(f"your saved profile {file} is damaged ({why}); "
                           f"run 'aftercare setup --reset' to start again") from None


class _Bad(ValueError):
    """One field, named, of the wrong type or form."""


def _read(file: str) -> bytes | None:
    """Return the file's bytes, None when it is absent; raise _Bad for anything but a small regular file."""
    try:
        return read_small(file, MAX_BYTES)
    except NotAFile:
        raise _Bad("not a regular file") from None
    except TooBig:
        raise _Bad(f"larger than {MAX_BYTES // 1024} KiB") from None


def _checked(raw) -> Profile:
    """Check every field by type and form; treatment times with a zone become local ones."""
    if not isinstance(raw, dict):
        raise _Bad(f"a JSON {type(raw).__name__}, not an object")
    for key, longest in _TEXT.items():
        value = raw.get(key)
        if key != "protocol" and (value is None or value == ""):
            continue
        if not isinstance(value, str) or not value.strip() or len(value) > longest or "\0" in value:
            raise _Bad(f"{key}: not {'a protocol id or path' if key == 'protocol' else 'a phone number'}")
    treated = raw.get("treated")
    if treated is not None:
        when = _parsed(treated, datetime.fromisoformat, "treated")
        if when.tzinfo is not None:
            when = when.astimezone().replace(tzinfo=None)
        treated = when.isoformat(timespec="minutes")
    checkin = raw.get("last_checkin")
    if checkin is not None:
        checkin = _parsed(checkin, date.fromisoformat, "last_checkin").isoformat()
    told = raw.get("last_told")
    if told is not None:
        told = _parsed(told, datetime.fromisoformat, "last_told").isoformat(timespec="minutes")
    return Profile(raw["protocol"], treated, raw.get("clinic_phone") or None, checkin, told)


def _parsed(value, read, key: str):
    if not isinstance(value, str) or len(value) > 40:
        raise _Bad(f"{key}: not a date")
    try:
        return read(value)
    except (ValueError, OverflowError):
        raise _Bad(f"{key}: not a date") from None


def save(profile: Profile, env: dict | None = None) -> str:
    """Write the profile whole and owner-only, making its folder if need be; return its path."""
    file = path(env)
    write_atomic(file, json.dumps(profile.as_dict(), indent=2) + "\n", private=True)
    return file


def reset(env: dict | None = None) -> bool:
    """Delete the saved profile; return whether there was one."""
    return remove(path(env))
