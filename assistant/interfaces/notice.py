"""Show a desktop notification where the desktop has a way, and say nothing where it has none.

    shown = notify("Aftercare", "You may again: makeup", env.environ)
It uses `notify-send` (libnotify, on most Linux desktops) when it is on the PATH and a desktop
session is there to show it; under cron or over ssh there is none, and the printed line is enough.
"""
from __future__ import annotations

import shutil
import subprocess

SESSION = ("DISPLAY", "WAYLAND_DISPLAY", "DBUS_SESSION_BUS_ADDRESS")


def notify(title: str, body: str, environ: dict) -> bool:
    """Try to show a notification; return whether one was handed to the desktop."""
    if not any(environ.get(name) for name in SESSION):
        return False
    program = shutil.which("notify-send", path=environ.get("PATH"))
    if program is None:
        return False
    try:
        done = subprocess.run([program, "--app-name=aftercare", title, body], env=environ, timeout=5,
                              stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0
