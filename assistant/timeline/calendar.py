"""Write recovery milestones as an RFC 5545 calendar, built with the `icalendar` library.

    write_ics("plan.ics", [(moment, "OK again: makeup", "No makeup for 24 hours ...")], "alexander", now)
Times carry the machine's time zone (TZID with its VTIMEZONE) when it has a name, else they are
written in UTC; DTSTAMP is UTC. A reminder fires only for a moment still ahead, and only once
per moment however many events share it.
"""
from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from assistant.core.storage import write_output

Event = tuple[datetime, str, str]  # (local moment, title in the patient's words, the clinic's words)
_ZONEINFO = "zoneinfo/"



def machine_zone(environ: dict | None = None) -> ZoneInfo | None:
    """Return the machine's named time zone (from TZ, /etc/timezone or /etc/localtime), or None."""
    environ = os.environ if environ is None else environ
    names = [environ.get("TZ", "").lstrip(":")]
    try:
        with open("/etc/timezone", encoding="utf-8") as f:
            names.append(f.read().strip())
    except OSError:
        pass
    try:
        target = os.path.realpath("/etc/localtime")
        names.append(target.split(_ZONEINFO, 1)[1] if _ZONEINFO in target else "")
    except OSError:
        pass
    for name in names:
        if name and not name.startswith("/"):
            try:
                return ZoneInfo(name)
            except (ZoneInfoNotFoundError, ValueError):
                continue
    return None


def render_ics(events: list[Event], calendar_id: str, now: datetime, zone: ZoneInfo | None = None) -> bytes:
    """Return the calendar as bytes: one event per (moment, title, description), one reminder per future moment."""
    # icalendar costs about 100 ms to import: only `plan --ics` pays for it, never `today` or the chat.
    import icalendar

    cal = icalendar.Calendar()
    cal.add("prodid", "-//aftercare//recovery plan//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "Your recovery plan")
    stamp = _utc(now)
    titles_at: dict[datetime, list[str]] = {}
    for at, title, _ in events:
        titles_at.setdefault(at, []).append(title)
    alarmed: set[datetime] = set()
    for n, (at, title, description) in enumerate(events, 1):
        event = icalendar.Event()
        event.add("uid", f"{calendar_id}-{at:%Y%m%dT%H%M}-{n}@aftercare.local")
        event.add("dtstamp", stamp)
        event.add("dtstart", _zoned(at, zone))
        event.add("duration", timedelta(minutes=15))
        event.add("summary", title)
        event.add("description", description or title)
        if at > now and at not in alarmed:  # no reminder for what is past; one for all that share a moment
            alarmed.add(at)
            alarm = icalendar.Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("trigger", timedelta(0))
            alarm.add("description", "; ".join(titles_at[at]))
            event.add_component(alarm)
        cal.add_component(event)
    if zone is not None and zone.key not in ("UTC", "Etc/UTC"):
        cal.add_missing_timezones()
    return cal.to_ical()


def _utc(moment: datetime) -> datetime:
    """Read a naive local time as the machine's and return it in UTC."""
    return (moment if moment.tzinfo else moment.astimezone()).astimezone(UTC)


def _zoned(moment: datetime, zone: ZoneInfo | None) -> datetime:
    if zone is None or zone.key in ("UTC", "Etc/UTC"):
        return _utc(moment)
    return moment.replace(tzinfo=zone)


def write_ics(path, events: list[Event], calendar_id: str, now: datetime, zone: ZoneInfo | None = None) -> None:
    """Write the calendar atomically and owner-only: it tells when someone had a treatment."""
    write_output(path, render_ics(events, calendar_id, now, zone if zone is not None else machine_zone()))
