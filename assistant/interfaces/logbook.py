"""Set up a front desk and show its call log: the daily summary, the work queue, unfinished calls, import, export.

    aftercare desk --log                 # calls per level per day, open urgent calls, unfinished calls
    aftercare desk --open                # the work queue: who, since when, why, call back by when
    aftercare desk import calls.jsonl    # an older JSON-lines log, into the database
    aftercare desk export calls.csv      # or --format jsonl; to standard output without a file
A desk's protocol, log and staff name come from the flags, then from what `--save` kept for this
desk (desk.json in the config folder), then defaults: no protocol, calls.db, the login name.
"""
from __future__ import annotations

import json
import os
from datetime import datetime, timedelta

from assistant.clinic.protocol import bundled_ids
from assistant.core.context import Env, Exit, UsageError
from assistant.core.levels import Level
from assistant.core.record import Record
from assistant.core.storage import atomic_writer, config_home, write_atomic
from assistant.core.text import shown
from assistant.interfaces.context import now_of, protocol_of
from assistant.safety import calllog, transfer
from assistant.safety.calllog import LogError
from assistant.timeline.clock import say_relative, say_short

DAYS = 14
LEVEL_ORDER = tuple(sorted(Level, reverse=True))
SHOWN = 20  # open or unfinished calls listed in the summary and at start; --open lists them all


class Settings(Record):
    log: object = None
    clock: object = None
    staff: str = ""
    protocol: str = ""
    action: object = None   # the view to run instead of the call loop


def config_path(environ: dict) -> str:
    return os.path.join(config_home(environ), "desk.json")


def settings(args, env: Env) -> Settings:
    """Resolve the desk's clock, log, staff and protocol; open the log (one line and exit 2 if it cannot be)."""
    fixed = now_of(args, env) if getattr(args, "now", None) else None
    clock = (lambda: fixed) if fixed else (lambda: env.clock().replace(microsecond=0))
    try:
        with open(config_path(env.environ), encoding="utf-8") as f:
            saved = json.load(f)
        saved = saved if isinstance(saved, dict) else {}
    except FileNotFoundError:
        saved = {}
    except (OSError, ValueError) as exc:
        raise UsageError(f"the desk settings {config_path(env.environ)} are damaged ({exc.__class__.__name__}): "
                         "save them again with --save") from None
    pick = lambda key: getattr(args, key, None) or (saved.get(key) if isinstance(saved.get(key), str) else None)
    protocol = pick("protocol") or ""
    if protocol:
        protocol_of(protocol)  # a bad one is a usage error now, not at the first caller
    staff = pick("staff") or env.environ.get("LOGNAME") or env.environ.get("USER") or "staff"
    if getattr(args, "save", False):
        kept = {k: pick(k) for k in ("protocol", "db", "staff") if pick(k)}
        write_atomic(config_path(env.environ), json.dumps(kept, indent=2) + "\n", private=True)
        env.stdout.write(f"Saved for this desk: {', '.join(f'{k} {v}' for k, v in kept.items()) or 'nothing'}.\n")
    action = getattr(args, "action", None)
    try:
        log = calllog.open_log(pick("db"), env.environ)
    except LogError as exc:
        raise UsageError(str(exc)) from None
    out = lambda text="": env.stdout.write(_clean(text) + "\n")
    views = {"export": lambda: _export(log, args, env), "import": lambda: _import(log, args, env),
             "log": lambda: summary(log, clock(), out) or Exit.OK, "open": lambda: queue(log, clock(), out) or Exit.OK}
    chosen = action or ("log" if args.log else "open" if getattr(args, "open", False) else None)
    if chosen is None and not pick("db") and calllog.legacy_path(env.environ).exists() and log.empty():
        out(f"An older call log is at {calllog.legacy_path(env.environ)}: bring it in with "
            f"'aftercare desk import {calllog.legacy_path(env.environ)}'.")
    return Settings(log, clock, staff, protocol, _closing(log, views[chosen]) if chosen else None)


def _clean(text: str) -> str:
    return shown(text, lines=True)


def _closing(log, view):
    def run():
        try:
            return view()
        except LogError as exc:
            raise UsageError(str(exc)) from None
        finally:
            log.close()
    return run


def summary(log, now: datetime, out) -> None:
    """Print calls per level per day for the last 14 days, then the open urgent calls and unfinished ones."""
    counts = log.counts()
    first = now - timedelta(days=DAYS - 1)
    per_day = log.per_day(first, now)
    shown = sum(per_day.values())
    out(f"Calls per day, last {DAYS} days ({shown} of {counts['calls']} calls):")
    out("  day             " + "".join(f"{lv:>11}" for lv in LEVEL_ORDER) + "      total")
    days = sorted({day for day, _ in per_day})
    for day in days:
        row = [per_day.get((day, str(lv)), 0) for lv in LEVEL_ORDER]
        out(f"  {datetime.fromisoformat(day):%Y-%m-%d %a}  " + "".join(f"{n:>11}" for n in row) + f"{sum(row):>11}")
    if not days:
        out("  (no calls in these days)")
    queue(log, now, out, limit=SHOWN, total=counts["open"])
    if counts["unfinished"]:
        out(f"Unfinished calls: {counts['unfinished']} (the desk lists them at start; /resume N takes one up).")


def queue(log, now: datetime, out, limit: int | None = None, total: int | None = None) -> None:
    """List the open urgent calls, oldest first: who, since when, why, and the call-back deadline."""
    total = log.counts("open")["open"] if total is None else total
    out(f"Open urgent calls ({total}):" if total else "Open urgent calls: none.")
    for r in log.open_calls(limit):
        about = ", ".join(str(s) for s in r["signs"]) or "no sign recorded"
        raised = f" [{r['raised']}]" if r["raised"] else ""
        due = _due(r["due"], now)
        state = " UNFINISHED" if r["status"] == "unfinished" else ""
        out(f"  #{r['id']}  {_short(r['time'])}  {r['caller'] or '(no ref)'}  {r['level']}{state}: {about}{raised}"
            f"  ({_ago(r['time'], now)}){due}")
    if limit and total > limit:
        out(f"  … and {total - limit} more: aftercare desk --open lists them all.")


def waiting(log, now: datetime, out, staff: str = "", protocol: str = "") -> None:
    """Greet the desk, list the calls left unfinished, then say how many urgent calls are open."""
    if staff:
        out(f"Front desk: logging to {log.where} as {staff}. "
            + (f"Protocol {protocol}." if protocol else "No protocol for this desk: set each caller's with "
               f"protocol: ID ({', '.join(bundled_ids())} or a file).") + " /help lists the commands.")
    counts = log.counts("unfinished", "open")
    if counts["unfinished"]:
        out(f"Unfinished calls ({counts['unfinished']}), latest first: /resume N takes one up.")
        for r in log.unfinished(SHOWN):
            out(f"  #{r['id']}  {_short(r['time'])}  {r['caller'] or '(no ref)'}  {r['level']}  "
                f"staff {r['staff'] or '?'} at {r['desk'] or '?'}{' (in progress there)' if alive(r['desk']) else ''}"
                f": {' / '.join(log.lines(r['id'])[-3:])[:200]}")
    if counts["open"]:
        out(f"Open urgent calls: {counts['open']} (/open lists them).")


def alive(desk: str | None) -> bool:
    """Say whether a desk on this computer is still running (its process exists)."""
    host, _, pid = (desk or "").rpartition(":")
    if host != os.uname().nodename or not pid.isdigit() or int(pid) == os.getpid():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _short(text: str | None) -> str:
    try:
        return say_short(datetime.fromisoformat(text))
    except (TypeError, ValueError):
        return str(text)


def _ago(text: str | None, now: datetime) -> str:
    try:
        return say_relative(datetime.fromisoformat(text), now)
    except (TypeError, ValueError):
        return "time unknown"


def _due(text: str | None, now: datetime) -> str:
    try:
        due = datetime.fromisoformat(text)
    except (TypeError, ValueError):
        return ""
    return f"  call back by {due:%a %H:%M}" + (" — OVERDUE" if due < now else "")


def _import(log, args, env: Env) -> int:
    try:
        report = transfer.import_jsonl(log, args.file)
    except OSError as exc:
        raise UsageError(f"cannot read {args.file}: {exc.strerror or exc}") from None
    for number, problem in report.problems:
        env.stderr.write(_clean(f"{args.file} line {number}: {problem}") + "\n")
    env.stdout.write(_clean(f"Imported {report.added} calls and {report.resolutions} resolutions into {log.where}"
                            + (f"; {report.known} were already there" if report.known else "") + ".") + "\n")
    return Exit.OK


def _export(log, args, env: Env) -> int:
    fmt = args.format or ("jsonl" if (args.file or "").endswith((".jsonl", ".json")) else "csv")
    if not args.file:
        count = transfer.export(log, env.stdout, fmt)
    else:
        try:
            with atomic_writer(args.file) as f:
                count = transfer.export(log, f, fmt)
        except OSError as exc:
            raise UsageError(f"cannot write {args.file}: {exc.strerror or exc}") from None
    (env.stderr if not args.file else env.stdout).write(f"Exported {count} calls as {fmt}.\n")
    return Exit.OK
