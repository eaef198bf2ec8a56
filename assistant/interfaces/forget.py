"""`aftercare forget` (and `setup --reset --all`): delete what this machine keeps about the patient.

    aftercare forget              # profile, chat history, diary and cache; the call log once confirmed
    aftercare forget --call-log   # the front desk's call log too, without asking
The call log is the clinic's record of phone calls, not the patient's own: in a terminal it is asked
about, and otherwise kept unless --call-log says so. Files are deleted by name, so a link is removed
itself and never what it points to. This module deletes the call log's file in the state folder
and never loads the desk's code.
"""
from __future__ import annotations

import os

from assistant.core import cache, diary, history, profile
from assistant.core.context import Env, Exit
from assistant.core.storage import remove, state_dir, sweep
from assistant.core.text import listed

CALL_LOG = "calls.db"  # safety.calllog.default_path's name, in the same state folder
BESIDE = ("-wal", "-shm", "-journal")  # SQLite's own files beside it
OLD_LOG = "calls.jsonl"  # the JSON-lines log the database replaced


def forget(args, env: Env) -> int:
    """Delete the profile, the history, the diary and the cache, and the call log when confirmed; say what went."""
    said = env.stdout.write
    gone = [what for what, removed in (("your saved profile", _remove(profile.path(env.environ))),
                                       ("your chat history", _remove(history.path(env.environ))),
                                       ("your diary", _remove(diary.path(env.environ))),
                                       ("the note of your last reminder", _remove(_reminded(env))),
                                       ("the cache of compiled protocols", cache.clear())) if removed]
    log = os.path.join(state_dir(env.environ), CALL_LOG)
    if os.path.lexists(log) or os.path.lexists(_old(log)):
        if getattr(args, "call_log", False) or _confirmed(env, log):
            removed = [_remove(p) for p in (log, *(log + end for end in BESIDE), _old(log))]  # every one, always
            if any(removed):
                gone.append(f"the front desk's call log {log}")
        else:
            said(f"Kept the front desk's call log {log}: add --call-log to delete it too.\n")
    said(f"Deleted {listed(gone)}.\n" if gone else "Nothing was kept about you here.\n")
    return Exit.OK


def _reminded(env: Env) -> str:
    return os.path.join(state_dir(env.environ), "reminded")  # interfaces.remind's stamp


def _old(log: str) -> str:
    return os.path.join(os.path.dirname(log), OLD_LOG)


def _remove(path: str) -> bool:
    """Delete a file and any temp files a killed writer left of it."""
    folder, name = os.path.split(path)
    try:
        dir_fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except OSError:
        return False
    try:
        sweep(name, dir_fd, stale_after=0)
    finally:
        os.close(dir_fd)
    return remove(path)


def _confirmed(env: Env, log: str) -> bool:
    if not (hasattr(env.stdin, "isatty") and env.stdin.isatty()):
        return False
    env.stdout.write(f"Also delete the front desk's call log {log}? It is the clinic's record of calls. [y/N] ")
    env.stdout.flush()
    return env.stdin.readline().strip().lower().startswith("y")


