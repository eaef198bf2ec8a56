"""The compiled-data cache under attack: replaced pickles never run, damaged entries rebuild, modes hold under
umask 000, and a protocol made unreadable is never served from it."""
from __future__ import annotations

import os
import pickle
import stat

import pytest

ASK = ["ask", "can I wear makeup?", "--json", "--treated", "2026-11-20T10:00", "--now", "2026-11-21T16:00"]


class Marker:
    def __init__(self, path):
        self.path = path

    def __reduce__(self):
        return (os.mkdir, (self.path,))


@pytest.fixture
def cache(aftercare, tmp_path):
    """A cache of its own, filled by one run; returns (folder, env, the answer it gave)."""
    env = {"XDG_CACHE_HOME": str(tmp_path / "xdg")}
    first = aftercare(*ASK, env=env).clean(codes=(0,))
    return tmp_path / "xdg" / "aftercare", env, first.out


def _damaged(blob: bytes, n: int) -> bytes:
    """The n-th of 60 ways to damage an entry: cut, flipped, emptied, grown, zeroed, swapped."""
    size = len(blob)
    kinds = [lambda: blob[: size * (n % 10) // 10], lambda: bytes(b ^ 0xFF if i % (n + 2) == 0 else b
                                                                 for i, b in enumerate(blob)),
             lambda: b"", lambda: blob + os.urandom(n * 97), lambda: b"\0" * size, lambda: blob[32:] + blob[:32]]
    return kinds[n % len(kinds)]()


@pytest.mark.parametrize("n", range(60))
def test_sixty_damaged_entries_each_rebuild_silently(aftercare, cache, n):
    folder, env, answer = cache
    for entry in folder.glob("*.pickle"):
        entry.write_bytes(_damaged(entry.read_bytes(), n))
    r = aftercare(*ASK, env=env).clean(codes=(0,))
    assert r.err == "" and r.out == answer


@pytest.mark.parametrize("how", ["no mac", "another key", "the key replaced too"])
def test_a_replaced_pickle_never_runs(aftercare, cache, tmp_path, how):
    folder, env, answer = cache
    marker = tmp_path / "ran"
    evil = pickle.dumps(Marker(str(marker)))
    if how == "the key replaced too":
        (folder / "mac-key").write_bytes(b"k" * 32)
    for entry in folder.glob("*.pickle"):
        entry.write_bytes(evil if how == "no mac" else os.urandom(32) + evil)
    r = aftercare(*ASK, env=env).clean(codes=(0,))
    assert r.out == answer and not marker.exists()


@pytest.mark.parametrize("what", ["directory", "fifo", "symlink", "key as fifo", "folder as symlink"])
def test_odd_files_in_the_cache_never_hang_or_fail(aftercare, cache, tmp_path, what):
    folder, env, answer = cache
    entries = list(folder.glob("*.pickle"))
    if what == "key as fifo":
        (folder / "mac-key").unlink()
        os.mkfifo(folder / "mac-key")
    elif what == "folder as symlink":
        real = tmp_path / "real"
        folder.rename(real)
        folder.symlink_to(real)
    for entry in entries if what in ("directory", "fifo", "symlink") else []:
        entry.unlink()
        {"directory": entry.mkdir, "fifo": lambda e=entry: os.mkfifo(e),
         "symlink": lambda e=entry: e.symlink_to(tmp_path / "elsewhere")}[what]()
    assert aftercare(*ASK, env=env).clean(codes=(0,)).out == answer


def test_cache_files_are_owner_only_under_umask_000(aftercare, tmp_path):
    old = os.umask(0)
    try:
        aftercare(*ASK, env={"XDG_CACHE_HOME": str(tmp_path / "xdg")}).clean(codes=(0,))
    finally:
        os.umask(old)
    folder = tmp_path / "xdg" / "aftercare"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert {stat.S_IMODE(p.stat().st_mode) for p in folder.iterdir()} == {0o600}
