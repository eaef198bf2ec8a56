"""Write files that hold health information: atomically, owner-only, in the user's own folders.

    write_atomic(path, text)   # temp file in the same folder, fsync, rename: never half a file
    append_line(path, line)    # one write per record under an exclusive lock, fsync
"""
from __future__ import annotations

import os
from pathlib import Path

FILE_MODE = 0o600
DIR_MODE = 0o700


def config_dir(env: dict | None = None) -> Path:
    """Return the XDG config folder for aftercare (AFTERCARE_HOME overrides, for tests and clinics)."""
    env = os.environ if env is None else env
    if env.get("AFTERCARE_HOME"):
        return Path(env["AFTERCARE_HOME"])
    base = env.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "aftercare"


def state_dir(env: dict | None = None) -> Path:
    """Return the XDG state folder (history, call log)."""
    env = os.environ if env is None else env
    if env.get("AFTERCARE_HOME"):
        return Path(env["AFTERCARE_HOME"])
    base = env.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "aftercare"


def private_dir(path: Path) -> Path:
    """Create a folder (and parents) readable only by its owner."""
    path.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
    os.chmod(path, DIR_MODE)
    return path


def write_atomic(path: Path, text: str) -> None:
    """Replace path with text so a crash leaves either the old or the new file, never a mix."""
    private_dir(path.parent)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    try:
        os.write(fd, text.encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def append_line(path: Path, line: str) -> None:
    """Append one record as a single write under an exclusive lock, then fsync."""
    import fcntl
    private_dir(path.parent)
    record = (line.rstrip("\n") + "\n").encode("utf-8")
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, FILE_MODE)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            _heal_torn_tail(fd, path)
            os.write(fd, record)
            os.fsync(fd)
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _heal_torn_tail(fd: int, path: Path) -> None:
    """End a torn last line (from a killed writer elsewhere) so the next record starts clean."""
    size = os.fstat(fd).st_size
    if size == 0:
        return
    with open(path, "rb") as f:
        f.seek(size - 1)
        if f.read(1) != b"\n":
            os.write(fd, b"\n")
