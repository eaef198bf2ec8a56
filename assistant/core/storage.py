"""Write files that hold health information: atomically, owner-only, in the user's own folders.

    write_atomic(path, text)   # temp file in the same folder, fsync, rename: never half a file
    append_line(path, line)    # one write per record under an exclusive lock, fsync
    with atomic_writer(path) as f: ...   # a large file written as it streams, replaced whole at the end
Paths may be strings or pathlib paths. This module uses os.path so that reading a profile
does not cost a one-shot `ask` the pathlib import.
"""
from __future__ import annotations

import contextlib
import fcntl
import os

FILE_MODE = 0o600
DIR_MODE = 0o700


def _xdg(env: dict | None, variable: str, *fallback: str) -> str:
    env = os.environ if env is None else env
    if env.get("AFTERCARE_HOME"):  # one folder for everything: tests, or a clinic's shared desk
        return env["AFTERCARE_HOME"]
    base = env.get(variable) or os.path.join(os.path.expanduser("~"), *fallback)
    return os.path.join(base, "aftercare")


def config_home(env: dict | None = None) -> str:
    """Return the XDG config folder (profile) as a string."""
    return _xdg(env, "XDG_CONFIG_HOME", ".config")


def state_dir(env: dict | None = None) -> str:
    """Return the XDG state folder (history, call log) as a string."""
    return _xdg(env, "XDG_STATE_HOME", ".local", "state")


def private_dir(path):
    """Create a folder (and parents) readable only by its owner; return it as given."""
    os.makedirs(path, mode=DIR_MODE, exist_ok=True)
    os.chmod(path, DIR_MODE)
    return path


def write_atomic(path, text: str) -> None:
    """Replace path with text so a crash leaves either the old or the new file, never a mix."""
    path = os.fspath(path)
    folder = os.path.dirname(os.path.abspath(path))
    private_dir(folder)
    tmp = os.path.join(folder, f".{os.path.basename(path)}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    try:
        os.write(fd, text.encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)
    dir_fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def append_line(path, line: str) -> None:
    """Append one record as a single write under an exclusive lock, then fsync."""
    path = os.fspath(path)
    private_dir(os.path.dirname(os.path.abspath(path)))
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


def _heal_torn_tail(fd: int, path: str) -> None:
    """End a torn last line (from a killed writer elsewhere) so the next record starts clean."""
    size = os.fstat(fd).st_size
    if size == 0:
        return
    with open(path, "rb") as f:
        f.seek(size - 1)
        if f.read(1) != b"\n":
            os.write(fd, b"\n")


@contextlib.contextmanager
def atomic_writer(path):
    """Yield a text file that replaces `path` whole when the block ends, owner-only; nothing on error."""
    path = os.fspath(path)
    folder = os.path.dirname(os.path.abspath(path))
    private_dir(folder)
    tmp = os.path.join(folder, f".{os.path.basename(path)}.{os.getpid()}.tmp")
    f = open(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE), "w", encoding="utf-8", newline="")
    try:
        with f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def write_output(path, data: str | bytes) -> None:
    """Write a file the user named (a calendar, an export) atomically and owner-only.

    Unlike write_atomic it never creates the folder nor changes its permissions: the folder is
    the user's own choice. A folder that is missing or not writable raises OSError.
    """
    path = os.fspath(path)
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise FileNotFoundError(f"no such folder: {os.path.dirname(path) or folder}")
    raw = data.encode("utf-8") if isinstance(data, str) else data
    tmp = os.path.join(folder, f".{os.path.basename(path)}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, FILE_MODE)
    try:
        os.write(fd, raw)
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        os.unlink(tmp)
        raise
    os.close(fd)
    os.replace(tmp, path)
