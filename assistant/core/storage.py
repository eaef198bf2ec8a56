"""Write every file the assistant keeps: whole or not at all, owner-only, never through a link.

    write_atomic(path, text)             # a new file beside the target, written whole, fsync, rename
    append_line(path, line)              # one record under an exclusive lock, whole or not at all
    write_new(dir_fd, stem, body)        # the step both take (and the cache): a fresh private file
    remove(path)                         # delete one file, never what a link points to
A target must be a regular file or absent: a FIFO, a device, a folder or a symbolic link is refused.
Its folder must exist, unless the caller writes into its own state folder (`private=True`): only
then are missing folders made, owner-only; no folder that already exists is ever chmod-ed. Temp
files have random names made with O_EXCL, so none can be planted, and stale ones of a target are
swept when it is next written. Every failure is a StorageError with one line to show: nothing is
reported written that is not on disk whole. Plain os.path, not pathlib: reading a profile must
not cost a one-shot `ask` the pathlib import.
"""
from __future__ import annotations

import contextlib
import fcntl
import os
import re
import stat
import time

FILE_MODE = 0o600
DIR_MODE = 0o700
STALE_SECONDS = 60  # a temp file this old belongs to a writer that died: no live write takes a second
_NEW = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
_LOG = os.O_RDWR | os.O_APPEND | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC  # read: to see a torn tail
_FOLDER = os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC
_KINDS = {stat.S_IFDIR: "a folder", stat.S_IFIFO: "a FIFO", stat.S_IFCHR: "a device", stat.S_IFBLK: "a device",
          stat.S_IFSOCK: "a socket", stat.S_IFLNK: "a symbolic link"}


class StorageError(OSError):
    """A file that could not be written whole; str() is one line to show as it is."""


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
    """Make a folder and any missing parents owner-only, chmod-ing only those it made; return it as given."""
    full = os.path.abspath(os.fspath(path))
    missing, at = [], full
    while not os.path.lexists(at) and os.path.dirname(at) != at:
        missing.append(at)
        at = os.path.dirname(at)
    try:
        for folder in reversed(missing):
            try:
                os.mkdir(folder, DIR_MODE)
            except FileExistsError:
                continue  # made by someone else meanwhile: theirs to keep as it is
            fd = os.open(folder, _FOLDER | os.O_NOFOLLOW)
            try:
                os.fchmod(fd, DIR_MODE)  # mkdir's mode passed through the umask
            finally:
                os.close(fd)
    except OSError as exc:
        raise StorageError(f"cannot make the folder {full}: {_why(exc)}") from None
    if not os.path.isdir(full):
        raise StorageError(f"cannot use {full} as a folder: it is a file")
    return path


def write_new(dir_fd: int, stem: str, body: bytes) -> str:
    """Write body whole to a new owner-only file with a random name in the folder; return the name."""
    name = _temp_name(stem, os.urandom(8).hex())
    fd = os.open(name, _NEW, FILE_MODE, dir_fd=dir_fd)
    try:
        try:
            os.fchmod(fd, FILE_MODE)  # whatever the umask did
            _write_all(fd, body)
            os.fsync(fd)
        finally:
            os.close(fd)
    except BaseException:
        discard(name, dir_fd)
        raise
    return name


def write_atomic(path, text: str | bytes, private: bool = False) -> None:
    """Replace path with text so a crash leaves the old file or the new one, never a mix or a part."""
    path = os.fspath(path)
    body = text.encode("utf-8") if isinstance(text, str) else text
    folder, name = os.path.split(os.path.abspath(path))
    if not os.path.basename(path):
        raise StorageError(f"cannot write '{path}': it names a folder, not a file")
    if private:
        private_dir(folder)
    dir_fd = _open_folder(folder, path)
    try:
        _check_target(name, dir_fd, path)
        sweep(name, dir_fd)
        tmp = write_new(dir_fd, name, body)
        try:
            os.replace(tmp, name, src_dir_fd=dir_fd, dst_dir_fd=dir_fd)  # never follows a link at name
        except BaseException:
            discard(tmp, dir_fd)
            raise
        os.fsync(dir_fd)
    except StorageError:
        raise
    except OSError as exc:
        raise StorageError(f"cannot write {path}: {_why(exc)} (nothing was changed)") from None
    finally:
        os.close(dir_fd)


def append_line(path, line: str, private: bool = True) -> None:
    """Append one record as a single write under an exclusive lock, then fsync; whole or not at all."""
    path = os.fspath(path)
    folder = os.path.dirname(os.path.abspath(path))
    if private:
        private_dir(folder)
    record = (line.rstrip("\n") + "\n").encode("utf-8")
    for _ in range(8):  # a rewrite (history's retention) may replace the file while we wait for the lock
        if _append_once(path, record):
            return
    raise StorageError(f"cannot write {path}: it kept being replaced while waiting for its lock")


def _append_once(path: str, record: bytes) -> bool:
    """Append the record; return False when the file was replaced meanwhile (nothing written)."""
    try:
        _check_target(os.path.basename(path), None, path)
        try:
            fd, made = os.open(path, _LOG | os.O_CREAT | os.O_EXCL, FILE_MODE), True
        except FileExistsError:
            fd, made = os.open(path, _LOG), False
    except StorageError:
        raise
    except OSError as exc:
        raise StorageError(f"cannot write {path}: {_why(exc)}") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):  # swapped in between the check and the open
            raise StorageError(f"cannot write {path}: it is {_KINDS.get(stat.S_IFMT(st.st_mode), 'not a file')}")
        if made:
            os.fchmod(fd, FILE_MODE)
        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            try:
                now_there = os.stat(path, follow_symlinks=False)
            except FileNotFoundError:
                return False
            if (now_there.st_dev, now_there.st_ino) != (st.st_dev, st.st_ino):
                return False
            _write_record(fd, record, path)
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
    return True


def _write_record(fd: int, record: bytes, path: str) -> None:
    size = os.fstat(fd).st_size
    if size and os.pread(fd, 1, size - 1) != b"\n":
        record = b"\n" + record  # a killed writer elsewhere left a torn line: start clean
    try:
        _write_all(fd, record)
        os.fsync(fd)
    except OSError as exc:
        os.ftruncate(fd, size)  # take back the part that went in: the file stays as it was
        raise StorageError(f"cannot write {path}: {_why(exc)} (the record was not kept)") from None


def _write_all(fd: int, body: bytes) -> None:
    """Write body whole; the count os.write returns is checked, so a short write is never taken for a whole one."""
    view = memoryview(body)
    while view:
        written = os.write(fd, view)
        if written <= 0:
            raise OSError(28, "No space left on device")
        view = view[written:]


def remove(path) -> bool:
    """Delete one file (a link itself, never its target); return whether there was one."""
    try:
        os.unlink(path)
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise StorageError(f"cannot delete {os.fspath(path)}: {_why(exc)}") from None
    return True


def sweep(name: str, dir_fd: int, stale_after: float = STALE_SECONDS) -> None:
    """Delete this target's temp files that writers killed mid-way left behind (ours only, and stale)."""
    mine = re.compile(rf"\.{re.escape(_temp_stem(name))}\.(?:\d+|[0-9a-f]{{16}})\.tmp")  # digits: the old pid names
    for entry in os.listdir(dir_fd):
        if not mine.fullmatch(entry):
            continue
        try:
            st = os.stat(entry, dir_fd=dir_fd, follow_symlinks=False)
        except OSError:
            continue
        if stat.S_ISREG(st.st_mode) and st.st_uid == os.geteuid() and time.time() - st.st_mtime >= stale_after:
            discard(entry, dir_fd)


def _open_folder(folder: str, path: str) -> int:
    """Open the folder a file is written into; it must exist already."""
    try:
        return os.open(folder, _FOLDER)
    except OSError as exc:
        raise StorageError(f"cannot write {path}: the folder {folder} {_missing(exc)}") from None


def _check_target(name: str, dir_fd: int | None, shown: str) -> None:
    try:
        st = os.stat(name if dir_fd is not None else shown, dir_fd=dir_fd, follow_symlinks=False)
    except FileNotFoundError:
        return
    if not stat.S_ISREG(st.st_mode):
        kind = _KINDS.get(stat.S_IFMT(st.st_mode), "not a regular file")
        raise StorageError(f"cannot write {shown}: it is {kind}, not a regular file (nothing was written)")


def _temp_stem(name: str) -> str:
    return name[:200]  # room for the random part within a file name's 255 bytes


def _temp_name(stem: str, tag: str) -> str:
    return f".{_temp_stem(stem)}.{tag}.tmp"


def discard(name: str, dir_fd: int) -> None:
    """Delete a file in the folder, quietly: cleaning up after a failure must not hide the failure itself."""
    try:
        os.unlink(name, dir_fd=dir_fd)
    except OSError:
        pass


def _missing(exc: OSError) -> str:
    return "does not exist" if isinstance(exc, FileNotFoundError) else f"cannot be opened ({_why(exc)})"


def _why(exc: OSError) -> str:
    return (exc.strerror or str(exc)).rstrip(".")


def write_output(path, data: str | bytes) -> None:
    """Write a file the user named (a calendar, an export): its folder must exist and is never touched."""
    write_atomic(path, data)


@contextlib.contextmanager
def atomic_writer(path):
    """Yield a text file that replaces `path` whole when the block ends: a large export, streamed.

    The same rules as write_atomic: the folder must exist, the target must be a regular file or
    absent, the temp file is new and private, and nothing replaces the target unless all of it
    was written."""
    path = os.fspath(path)
    folder, name = os.path.split(os.path.abspath(path))
    dir_fd = _open_folder(folder, path)
    try:
        _check_target(name, dir_fd, path)
        tmp = write_new(dir_fd, name, b"")
        f = os.fdopen(os.open(tmp, os.O_WRONLY | os.O_NOFOLLOW | os.O_CLOEXEC, dir_fd=dir_fd), "w",
                      encoding="utf-8", newline="")
        try:
            with f:
                yield f
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, name, src_dir_fd=dir_fd, dst_dir_fd=dir_fd)
            os.fsync(dir_fd)
        except BaseException:
            discard(tmp, dir_fd)
            raise
    finally:
        os.close(dir_fd)
