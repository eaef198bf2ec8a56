"""The patient's saved profile: which clinic protocol, when they were treated, the clinic's number.

Stored as JSON in the XDG config folder, written atomically and readable only by the owner.
A damaged file is reported in one line with the way to reset it, never a traceback.
"""
from __future__ import annotations

import json
import os
from datetime import datetime

from assistant.core.record import Record
from assistant.core.storage import config_home, write_atomic


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
    if not os.path.exists(file):
        return None
    try:
        with open(file, encoding="utf-8") as f:
            raw = json.loads(f.read())
        profile = Profile(**{k: raw.get(k) for k in Profile._fields})
        if not isinstance(profile.protocol, str):
            raise ValueError("no protocol")
        profile.treated_at  # noqa: B018  (validates the date)
        return profile
    except (ValueError, TypeError, UnicodeDecodeError, OSError) as exc:
        raise ProfileError(f"your saved profile {file} is damaged ({exc.__class__.__name__}); "
                           f"run 'aftercare setup --reset' to start again") from None


def save(profile: Profile, env: dict | None = None) -> str:
    """Write the profile atomically with owner-only permissions and return its path."""
    file = path(env)
    write_atomic(file, json.dumps(profile.as_dict(), indent=2) + "\n")
    return file


def reset(env: dict | None = None) -> bool:
    """Delete the saved profile; return whether there was one."""
    file = path(env)
    if os.path.exists(file):
        os.unlink(file)
        return True
    return False
