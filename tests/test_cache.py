"""The compiled-data cache: equal to a fresh build, keyed by code and data, never runs a stranger's pickle."""
from __future__ import annotations

import ctypes
import os
import pickle
import shutil
import stat
import subprocess
import sys
from functools import partial
from pathlib import Path

import pytest

from assistant.clinic import protocol
from assistant.core import cache, data
from assistant.understanding import phrases, vocabulary

ROOT = Path(__file__).resolve().parents[1]
ASK = ["-m", "assistant", "ask", "can I wear makeup"]
SAMPLE = """
import sys
from assistant.core.cache import cached
built = []
value = cached("sample", [sys.argv[1]], lambda: built.append(1) or {"answer": 42})
print(value["answer"], len(built))
"""


class Marker:
    """Unpickling this makes a folder: proof that a pickle ran."""

    def __init__(self, path: str):
        self.path = path

    def __reduce__(self):
        return (os.mkdir, (self.path,))


def _env(tmp_path: Path, pythonpath: Path = ROOT) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "AFTERCARE_NO_CACHE"}
    return {**env, "PYTHONPATH": str(pythonpath), "HOME": str(tmp_path / "home"),
            "AFTERCARE_HOME": str(tmp_path / "home"), "XDG_CACHE_HOME": str(tmp_path / "xdg")}


def _python(args: list[str], env: dict, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], env=env, cwd=env["HOME"] if os.path.isdir(env["HOME"]) else None,
                          capture_output=True, text=True, timeout=60, **kw)


@pytest.fixture
def xdg(tmp_path, monkeypatch):
    """A cache home of its own; returns the aftercare folder inside it (not yet made)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("AFTERCARE_NO_CACHE", raising=False)
    return tmp_path / "xdg" / "aftercare"


@pytest.fixture
def source(tmp_path):
    path = tmp_path / "source.txt"
    path.write_text("data\n")
    return path


def _counting(make=lambda: {"answer": 42}):
    calls = []

    def build():
        calls.append(1)
        return make()
    return build, calls


def _entries(folder: Path, kind: str) -> list[Path]:
    return sorted(folder.glob(f"{kind}-*.pickle"))


def _plain(vocab) -> dict:
    """The vocabulary's contents as comparable values (a PhraseIndex has no equality of its own)."""
    return {k: list(v.entries()) if isinstance(v, phrases.PhraseIndex) else v for k, v in vars(vocab).items()}


def test_cached_protocols_and_vocabulary_equal_a_fresh_build(xdg):
    for pid in protocol.bundled_ids():
        path = protocol.resolve_path(pid)
        sources = [path, *protocol._documents_near(path)]
        build, calls = _counting(partial(protocol._parse, path))
        first = cache.cached(f"protocol-{pid}", sources, build)
        again = cache.cached(f"protocol-{pid}", sources, build)
        assert calls == [1], pid  # the second came from the cache
        assert again is not first and again == protocol._parse(path) and again.path == path
    build, calls = _counting(lambda: vocabulary.Vocabulary(vocabulary._read_all()))
    first = cache.cached("vocabulary", data.intents(), build)
    again = cache.cached("vocabulary", data.intents(), build)
    assert calls == [1] and again is not first
    assert _plain(again) == _plain(vocabulary.Vocabulary(vocabulary._read_all()))


def test_a_change_to_the_code_is_seen_at_once_without_clearing_the_cache(tmp_path):
    copy = tmp_path / "copy"
    skip = shutil.ignore_patterns("__pycache__")
    for name in ("assistant", "intents", "protocols"):
        shutil.copytree(ROOT / name, copy / name, ignore=skip)
    env = _env(tmp_path, copy)
    (tmp_path / "home").mkdir()
    before = [_python(ASK + ["--protocol", "alexander"], env) for _ in range(2)]
    assert [r.returncode for r in before] == [0, 0] and before[0].stdout == before[1].stdout
    assert "No makeup for 24 hours" in before[1].stdout
    assert _entries(tmp_path / "xdg" / "aftercare", "protocol-alexander")  # the second run was served from here
    entries = copy / "assistant" / "clinic" / "entries.py"  # where a rule's text is read from the file
    code = entries.read_text()
    line = "text = rule[\"text\"]"
    assert code.count(line) == 1
    entries.write_text(code.replace(line, line + '.replace("No makeup", "Skip all makeup")'))
    after = _python(ASK + ["--protocol", "alexander"], env)
    assert after.returncode == 0, after.stderr
    assert "Skip all makeup for 24 hours" in after.stdout and "No makeup" not in after.stdout


def test_code_digest_covers_every_module_that_builds_cached_objects():
    rooms = {p.parent.name for p in (ROOT / "assistant").glob("*/*.py")
             if p.name in ("record.py", "data.py", "cache.py", "levels.py", "window.py", "phases.py",
                           "protocol.py", "checker.py", "entries.py", "vocabulary.py")}
    assert rooms <= set(cache.CODE_ROOMS)
    assert len(cache.code_digest()) == 16 and cache.code_digest() is cache.code_digest()  # hashed once


def test_bytes_flipped_in_an_entry_rebuild_silently(xdg, source):
    build, calls = _counting()
    cache.cached("sample", [str(source)], build)
    [entry] = _entries(xdg, "sample")
    blob = bytearray(entry.read_bytes())
    blob[-5] ^= 0xFF
    entry.write_bytes(bytes(blob))
    assert cache.cached("sample", [str(source)], build) == {"answer": 42} and calls == [1, 1]
    assert entry.read_bytes() != bytes(blob)  # rewritten whole
    assert cache.cached("sample", [str(source)], build) == {"answer": 42} and calls == [1, 1]


@pytest.mark.parametrize("signed_with", ["no mac", "a stranger's key", "another entry's name"])
def test_a_pickle_that_would_run_code_is_never_loaded(xdg, source, tmp_path, signed_with):
    marker = tmp_path / "ran"
    evil = pickle.dumps(Marker(str(marker)))
    pickle.loads(evil)
    assert marker.exists()  # it would run, if loaded
    marker.rmdir()
    build, calls = _counting()
    cache.cached("sample", [str(source)], build)
    [entry] = _entries(xdg, "sample")
    if signed_with == "no mac":
        entry.write_bytes(evil)
    elif signed_with == "a stranger's key":
        entry.write_bytes(cache._mac(os.urandom(32), entry.name, evil) + evil)
    else:
        secret = (xdg / "mac-key").read_bytes()
        entry.write_bytes(cache._mac(secret, "vocabulary-" + entry.name.split("-", 1)[1], evil) + evil)
    assert cache.cached("sample", [str(source)], build) == {"answer": 42}
    assert calls == [1, 1] and not marker.exists()


def _damage(entry: Path, how: str) -> None:
    good = entry.read_bytes()
    entry.unlink()
    if how == "truncated":
        entry.write_bytes(good[:len(good) // 2])
    elif how == "garbage":
        entry.write_bytes(b"\x80\x05garbage" * 40)
    elif how == "empty":
        entry.write_bytes(b"")
    elif how == "signed non-pickle":  # past the MAC check, unpickling itself fails
        payload = b"\x80\x05\x95not a pickle at all"
        secret = (entry.parent / "mac-key").read_bytes()
        entry.write_bytes(cache._mac(secret, entry.name, payload) + payload)
    elif how == "directory":
        entry.mkdir()
    elif how == "fifo":
        os.mkfifo(entry)
    elif how == "symlink":
        (entry.parent.parent / "elsewhere").write_bytes(good)
        entry.symlink_to(entry.parent.parent / "elsewhere")


@pytest.mark.parametrize("how", ["truncated", "garbage", "empty", "signed non-pickle", "directory", "fifo",
                                 "symlink"])
def test_a_damaged_entry_rebuilds_silently_without_hanging(tmp_path, how):
    (tmp_path / "home").mkdir()
    source = tmp_path / "source.txt"
    source.write_text("data\n")
    env = _env(tmp_path)
    first = _python(["-c", SAMPLE, str(source)], env)
    assert (first.returncode, first.stdout, first.stderr) == (0, "42 1\n", "")
    folder = tmp_path / "xdg" / "aftercare"
    [entry] = _entries(folder, "sample")
    _damage(entry, how)
    again = _python(["-c", SAMPLE, str(source)], env)  # a hang fails on the timeout
    assert (again.returncode, again.stdout, again.stderr) == (0, "42 1\n", "")


def test_files_and_folder_are_owner_only_even_under_umask_000(xdg, source):
    old = os.umask(0)
    try:
        cache.cached("sample", [str(source)], _counting()[0])
    finally:
        os.umask(old)
    assert stat.S_IMODE(xdg.stat().st_mode) == 0o700
    assert stat.S_IMODE(xdg.parent.stat().st_mode) == 0o700  # the cache home it had to make
    names = sorted(p.name for p in xdg.iterdir())
    assert len(names) == 2 and names[0] == "mac-key" and names[1].startswith("sample-")  # no temp files left
    assert {stat.S_IMODE(p.stat().st_mode) for p in xdg.iterdir()} == {0o600}


def test_an_old_open_folder_is_closed_and_old_entries_of_the_kind_go(xdg, source):
    xdg.mkdir(parents=True)
    xdg.chmod(0o755)
    for name in ("sample-17ff9c5819a35fff133.pickle", "sample-post-17ff9c5819a35fff133.pickle"):
        (xdg / name).write_bytes(b"old")
    cache.cached("sample", [str(source)], _counting()[0])
    assert stat.S_IMODE(xdg.stat().st_mode) == 0o700
    names = {p.name for p in xdg.iterdir()}
    assert "sample-17ff9c5819a35fff133.pickle" not in names  # replaced by the new entry
    assert "sample-post-17ff9c5819a35fff133.pickle" in names  # another kind that shares the prefix


@pytest.mark.parametrize("folder", ["group-writable", "world-writable", "symlink", "someone else's"])
def test_a_folder_others_could_write_is_not_used(xdg, source, tmp_path, folder):
    target = xdg
    if folder == "symlink":
        target = tmp_path / "real"
        xdg.parent.mkdir()
        xdg.symlink_to(target)
    target.mkdir(parents=True)
    target.chmod({"group-writable": 0o770, "world-writable": 0o703}.get(folder, 0o700))
    if folder == "someone else's":
        if os.geteuid() != 0:
            pytest.skip("only root can give a folder away")
        os.chown(target, 65534, 65534)
    build, calls = _counting()
    assert cache.cached("sample", [str(source)], build) == {"answer": 42}
    assert cache.cached("sample", [str(source)], build) == {"answer": 42}
    assert calls == [1, 1] and list(target.iterdir()) == []


def test_no_cache_variable_builds_every_time_and_writes_nothing(xdg, source, monkeypatch):
    monkeypatch.setenv("AFTERCARE_NO_CACHE", "1")
    build, calls = _counting()
    cache.cached("sample", [str(source)], build)
    cache.cached("sample", [str(source)], build)
    assert calls == [1, 1] and not xdg.exists()


def _without_root_powers() -> None:
    """Run the child as a user whom file modes bind: root keeps its uid but loses the read override."""
    if os.geteuid() == 0:
        libc = ctypes.CDLL(None, use_errno=True)
        for cap in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, dropped from the bounding set
            if libc.prctl(24, cap, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
                raise OSError(ctypes.get_errno(), "prctl")


def test_an_unreadable_protocol_is_not_served_from_the_cache(tmp_path):
    (tmp_path / "home").mkdir()
    clinic = tmp_path / "clinic"
    shutil.copytree(ROOT / "protocols", clinic)
    path = clinic / "alexander.toml"
    env = _env(tmp_path)
    ask = ASK + ["--protocol", str(path)]
    try:
        first = _python(ask, env, preexec_fn=_without_root_powers)
    except subprocess.SubprocessError as exc:
        pytest.skip(f"cannot drop root's read override here: {exc}")
    assert first.returncode == 0 and "No makeup for 24 hours" in first.stdout
    assert _entries(tmp_path / "xdg" / "aftercare", "protocol-alexander")
    path.chmod(0)
    try:
        again = _python(ask, env, preexec_fn=_without_root_powers)
    finally:
        path.chmod(0o644)
    assert again.returncode != 0 and "No makeup" not in again.stdout
    assert "cannot be read" in again.stdout + again.stderr and "Traceback" not in again.stderr
