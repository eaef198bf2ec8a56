"""Keep compiled data (vocabulary, protocols) between runs, so a one-shot `ask` skips parsing.

An entry is keyed by the code that builds it (the bytes of every module under core, timeline,
clinic and understanding, hashed once per process) and by each source file's path, inode, size
and times; a source that cannot be opened for reading means no entry at all. Each entry carries
a MAC (keyed BLAKE2b) made with a random key kept beside it and checked before anything is
unpickled, so a file put there by anyone else is never run. The folder must be a real directory
owned by this user and writable by no one else, or the cache is not used. It holds only the
bundled or clinic data, never anything about the patient. Any problem reading or writing it just
means building afresh.
"""
from __future__ import annotations

import os
import pickle
import stat
import sys

from assistant.core.storage import discard, remove, sweep, write_new

try:
    # Not hashlib and hmac: importing them loads OpenSSL, measured at about 5 ms and 4 MiB on every
    # one-shot `ask`. BLAKE2 is built in, and keyed BLAKE2 is a MAC in its own right (hashlib docs).
    from _blake2 import blake2b
    from _operator import _compare_digest as compare_digest  # what hmac.compare_digest is
except ImportError:  # an interpreter without CPython's private modules
    from hashlib import blake2b
    from hmac import compare_digest

# The rooms whose modules define or build what is cached; a change to any of them is a new key.
CODE_ROOMS = ("core", "timeline", "clinic", "understanding")
_PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
_SECRET_FILE = "mac-key"
_SECRET_SIZE = 32
_MAC_SIZE = 32
_SUFFIX = ".pickle"
_MAX_ENTRY = 64 << 20  # far above any real entry; a bigger file is not ours
_SOURCE = os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC  # never block on a FIFO; a source may be a symlink
_READ = _SOURCE | os.O_NOFOLLOW  # but nothing in the cache folder may be
_codes: dict[tuple[str, ...], bytes] = {}


def folder() -> str:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "aftercare")


def clear() -> bool:
    """Delete every entry, the key and the folder (or a link in its place); return whether there was one."""
    path = folder()
    try:
        dir_fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except FileNotFoundError:
        return False
    except OSError:  # a link or a file where the folder should be: remove just that
        return remove(path)
    try:
        for name in os.listdir(dir_fd):
            discard(name, dir_fd)  # a folder in there is none of ours and stays
    finally:
        os.close(dir_fd)
    try:
        os.rmdir(path)
    except OSError:
        pass
    return True


def code_digest(rooms: tuple[str, ...] = ()) -> bytes:
    """Hash the source of the modules that build cached objects (and of `rooms` too), once per process."""
    code = _codes.get(rooms)
    if code is None:
        h = blake2b(digest_size=16)
        h.update(sys.version.encode())  # pickles name classes, and their layout may vary by Python
        for room in ("", *CODE_ROOMS, *rooms):  # "": the package's own __init__, which holds the version
            where = os.path.join(_PACKAGE, room)
            for name in sorted(n for n in os.listdir(where) if n.endswith(".py")):
                body = _slurp(os.path.join(where, name))
                h.update(os.fsencode(f"{room}/{name}\0{len(body)}\0"))
                h.update(body)
        code = _codes[rooms] = h.digest()
    return code


def _slurp(path: str) -> bytes:
    # os.open and one read, not open(): a third of the cost over two dozen small files.
    fd = os.open(path, _SOURCE)
    try:
        return os.read(fd, os.fstat(fd).st_size + 1)
    finally:
        os.close(fd)


def _key(kind: str, sources: list[str], rooms: tuple[str, ...] = ()) -> str:
    """Name the entry for these sources; raise OSError when any of them cannot be read."""
    h = blake2b(code_digest(rooms), digest_size=16)
    h.update(os.fsencode(f"{kind}\0"))
    for path in sources:
        # Opening, not just stat: a file made unreadable must stop being served from here.
        fd = os.open(path, _SOURCE)
        try:
            st = os.fstat(fd)
        finally:
            os.close(fd)
        if not stat.S_ISREG(st.st_mode):
            raise OSError(f"not a regular file: {path}")
        # fsencode, not encode: a file name need not be valid UTF-8.
        h.update(os.fsencode(f"{os.path.abspath(path)}\0{st.st_ino}\0{st.st_size}\0{st.st_mtime_ns}\0"
                             f"{st.st_ctime_ns}\0"))
    return h.hexdigest()


def _open_folder() -> int:
    """Open the cache folder, creating it owner-only; raise OSError unless only we can write it."""
    path = folder()
    os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
    try:
        os.mkdir(path, 0o700)
    except FileExistsError:
        pass
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC)  # a symlink fails here
    try:
        st = os.fstat(fd)
        if st.st_uid != os.geteuid() or st.st_mode & 0o022:
            raise OSError(f"cache folder not private: {path}")
        if stat.S_IMODE(st.st_mode) != 0o700:  # ours and safe, but also readable by others, or made under umask
            os.fchmod(fd, 0o700)
    except BaseException:
        os.close(fd)
        raise
    return fd


def _read(name: str, dir_fd: int, limit: int) -> bytes:
    """Read a regular file in the cache folder whole; raise OSError for anything else."""
    fd = os.open(name, _READ, dir_fd=dir_fd)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size > limit:
            raise OSError(f"not a cache file: {name}")
        chunks, size = [], 0
        while chunk := os.read(fd, st.st_size + 1 - size):
            chunks.append(chunk)
            size += len(chunk)
            if size > st.st_size:
                raise OSError(f"grew while read: {name}")
        return b"".join(chunks)
    finally:
        os.close(fd)


def _secret(dir_fd: int) -> bytes:
    """Return the folder's MAC key, making one the first time (or when it is damaged)."""
    try:
        secret = _read(_SECRET_FILE, dir_fd, _SECRET_SIZE)
        if len(secret) == _SECRET_SIZE:
            return secret
    except FileNotFoundError:
        secret = None
    except OSError:
        secret = b""
    tmp = write_new(dir_fd, "key", os.urandom(_SECRET_SIZE))  # storage's writer: O_EXCL, whole, fsync
    try:
        if secret is None:  # link, not rename: when two runs race, the first key stays
            try:
                os.link(tmp, _SECRET_FILE, src_dir_fd=dir_fd, dst_dir_fd=dir_fd)
            except FileExistsError:
                pass
        else:  # damaged: entries signed with it will fail their check and be rebuilt
            os.replace(tmp, _SECRET_FILE, src_dir_fd=dir_fd, dst_dir_fd=dir_fd)
    finally:
        discard(tmp, dir_fd)
    secret = _read(_SECRET_FILE, dir_fd, _SECRET_SIZE)
    if len(secret) != _SECRET_SIZE:
        raise OSError("cache key damaged")
    return secret


def _mac(secret: bytes, name: str, payload: bytes) -> bytes:
    h = blake2b(key=secret, digest_size=_MAC_SIZE)
    h.update(os.fsencode(name) + b"\0")  # the name is signed too, so one entry cannot pass for another
    h.update(payload)
    return h.digest()


def _load(name: str, secret: bytes, dir_fd: int):
    """Return the entry's object, or raise LookupError when there is no sound entry."""
    try:
        blob = _read(name, dir_fd, _MAX_ENTRY)
    except OSError:
        raise LookupError(name) from None
    mac, payload = blob[:_MAC_SIZE], blob[_MAC_SIZE:]
    if len(mac) != _MAC_SIZE or not compare_digest(mac, _mac(secret, name, payload)):
        raise LookupError(name)
    try:
        return pickle.loads(payload)
    except Exception:  # ours, yet it will not load: rebuild rather than fail
        raise LookupError(name) from None


def _store(kind: str, name: str, value, secret: bytes, dir_fd: int) -> None:
    payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    for stem in (kind, "key"):
        sweep(stem, dir_fd)  # temp files of a run killed mid-write
    tmp = write_new(dir_fd, kind, _mac(secret, name, payload) + payload)
    try:
        os.replace(tmp, name, src_dir_fd=dir_fd, dst_dir_fd=dir_fd)
    except BaseException:
        discard(tmp, dir_fd)
        raise
    for old in os.listdir(dir_fd):  # earlier versions of the same data; "protocol-pre-post-…" is not "protocol-pre"
        stem = old[len(kind) + 1:-len(_SUFFIX)]
        if old != name and old.startswith(f"{kind}-") and old.endswith(_SUFFIX) and _is_hex(stem):
            discard(old, dir_fd)


def _is_hex(text: str) -> bool:
    return bool(text) and all(c in "0123456789abcdef" for c in text)


def cached(kind: str, sources: list[str], build, rooms: tuple[str, ...] = ()):
    """Return build() from the cache when its code and sources are unchanged, else build and store it.

    `rooms` names more rooms whose code builds the entry (the recogniser's model is built by voice/),
    hashed only by the runs that ask for such an entry, so a typed `ask` never reads them.
    """
    if os.environ.get("AFTERCARE_NO_CACHE"):
        return build()
    try:
        name = f"{kind}-{_key(kind, sources, rooms)}{_SUFFIX}"
        dir_fd = _open_folder()
    except (OSError, ValueError):  # an unreadable source or an untrusted folder: no cache this run
        return build()
    try:
        try:
            secret = _secret(dir_fd)
        except OSError:
            return build()
        try:
            return _load(name, secret, dir_fd)
        except LookupError:
            pass
        value = build()
        try:
            _store(kind, name, value, secret, dir_fd)
        except Exception:  # full disk, read-only folder, an object that will not pickle: still answer
            pass
        return value
    finally:
        os.close(dir_fd)
