"""`aftercare remind`: say what is due now — for a cron job or a systemd timer — and notify the desktop.

    aftercare remind                 # what became due since the last run (the first run: the last day)
Due are the plan's moments (what you may do again, what should have settled), before a treatment
the steps of `prepare`, and in the first two weeks the day's check-in until it is answered. Each
moment is told once: the time of the last run is kept in the private state folder. Nothing due
prints nothing, so cron mails nothing; the check-in nudge comes with the first run of each day.
"""
from __future__ import annotations

import os
from datetime import datetime, timedelta

from assistant.clinic import preparation
from assistant.clinic.schedule import day_number, milestones
from assistant.core.context import Env, Exit, UsageError
from assistant.core.storage import state_dir, write_atomic
from assistant.core.untrusted import read_small
from assistant.interfaces.context import context, saved_profile
from assistant.interfaces.notice import notify
from assistant.interfaces.plan import reminder, topic_labels
from assistant.timeline.clock import say_short

FIRST_LOOK = timedelta(days=1)  # a first run tells what fell due in the last day, not since treatment
CHECKIN_DAYS = 14               # the days in which an infection shows: the check-in is worth a nudge
KINDS = ("ok_again", "start", "settled")


def remind(args, env: Env) -> int:
    """Print each reminder due since the last run, and show them on the desktop where it can."""
    protocol, treated, now = context(args, env)
    if treated is None:
        raise UsageError("remind needs your treatment time: add --treated WHEN, or save it with 'aftercare setup'")
    stamp = os.path.join(state_dir(env.environ), "reminded")
    since = _last_run(stamp, now)
    moments = [m for m in milestones(protocol, treated)[0] if m.kind in KINDS and m.at >= treated
               and not (m.kind == "start" and m.at == treated)]  # the treatment day's basics are no news
    due = [(m.at, reminder(m, topic_labels())) for m in moments if since < m.at <= now]
    due += [(s.at, s.rule.text) for s in preparation.steps(protocol, treated) if since < s.at <= now < treated
            and s.kind != "day"]
    day = day_number(treated, now)
    saved = saved_profile(env)
    answered = saved is not None and saved.last_checkin == now.date().isoformat()
    if 1 <= day <= CHECKIN_DAYS and since.date() < now.date() and not answered:  # once a day, until answered
        due.append((now, f"Day {day} check-in: any fever, pus, or redness that is spreading? Run 'aftercare' to "
                         "answer it."))
    for at, text in sorted(due):
        env.stdout.write(f"{say_short(at)}  {text}\n")
    if due and not args.no_notify:
        notify("Aftercare", "\n".join(text for _, text in sorted(due)), env.environ)
    write_atomic(stamp, now.isoformat(timespec="minutes") + "\n", private=True)
    return Exit.OK


def _last_run(stamp: str, now: datetime) -> datetime:
    """The time of the last run, read as untrusted: anything but a small file holding a local time is no stamp."""
    try:
        last = datetime.fromisoformat((read_small(stamp, 100) or b"").decode("ascii").strip())
    except (OSError, ValueError):  # absent, a FIFO, too long, not a time: as on a first run
        return now - FIRST_LOOK
    return min(last.replace(tzinfo=None), now)

