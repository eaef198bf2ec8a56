"""Safe files: one writer for every file, whole or not at all, owner-only, never through a link or into a FIFO."""
from __future__ import annotations

import os
import stat
import subprocess
import time
from pathlib import Path

import pytest
from attack.hostile import fill, mounted

from assistant.core import storage
from assistant.core.storage import StorageError, append_line, write_atomic

ROOT = Path(__file__).resolve().parents[1]


def test_a_full_disk_fails_loudly_and_keeps_the_old_file(tmp_path):
    with mounted(tmp_path / "disk") as disk:
        target = disk / "plan.ics"
        write_atomic(target, "old calendar\n")
        fill(disk)
        with pytest.raises(StorageError, match="No space left"):
            write_atomic(target, "x" * 5036)
        assert target.read_text() == "old calendar\n"
        assert sorted(p.name for p in disk.iterdir()) == ["filler", "plan.ics"]  # no temp file left


def test_a_full_disk_never_says_calendar_written(run, tmp_path):
    with mounted(tmp_path / "disk") as disk:
        fill(disk)
        (disk / "filler").write_bytes(b"x" * (os.path.getsize(disk / "filler") - 1024))  # room for a part of it
        r = run("plan", "--treated", "yesterday", "--ics", str(disk / "plan.ics"))
        assert r.code == 2 and "Calendar written" not in r.out and r.out == ""
        assert "No space left" in r.err and len(r.err.splitlines()) == 1
        assert not (disk / "plan.ics").exists() and sorted(p.name for p in disk.iterdir()) == ["filler"]


def test_a_full_disk_keeps_no_part_of_an_appended_record(tmp_path):
    with mounted(tmp_path / "disk") as disk:
        log = disk / "calls.jsonl"
        append_line(log, '{"n": 1}')
        fill(disk)
        (disk / "filler").write_bytes(b"x" * (os.path.getsize(disk / "filler") - 100))
        with pytest.raises(StorageError, match="not kept"):
            append_line(log, '{"n": 2, "pad": "' + "y" * 20000 + '"}')
        assert log.read_text() == '{"n": 1}\n'  # what was there stays, and nothing of the new record


def test_a_planted_symlink_is_never_written_through(tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("keep me\n")
    folder = tmp_path / "state"
    folder.mkdir()
    for name in ("profile.json", "history", "calls.jsonl"):
        (folder / name).symlink_to(secret)
        with pytest.raises(StorageError, match="symbolic link"):
            (write_atomic if name == "profile.json" else append_line)(folder / name, "planted?")
    assert secret.read_text() == "keep me\n"


@pytest.mark.parametrize("kind", ["fifo", "folder", "device"])
def test_a_fifo_folder_or_device_is_refused_without_blocking(tmp_path, kind):
    target = tmp_path / "plan.ics"
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "folder":
        target.mkdir()
    else:
        target = Path("/dev/null")
    before = os.stat(target.parent)
    for write in (write_atomic, append_line):
        t0 = time.monotonic()
        with pytest.raises(StorageError, match="not a regular file"):
            write(target, "x")
        assert time.monotonic() - t0 < 1
    after = os.stat(target.parent)
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode) and after.st_mode == before.st_mode  # /dev not chmod-ed


def test_a_missing_folder_is_not_made_for_a_users_path(run, tmp_path):
    r = run("plan", "--treated", "yesterday", "--ics", str(tmp_path / "nope" / "dir" / "x.ics"))
    assert r.code == 2 and r.out == "" and len(r.err.splitlines()) == 1 and ("does not exist" in r.err or "no such folder" in r.err)
    assert not (tmp_path / "nope").exists()


@pytest.mark.parametrize("mode", [0o1777, 0o2775, 0o755])
def test_only_the_file_is_chmod_ed_never_the_users_folder(tmp_path, mode):
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(mode)
    write_atomic(shared / "plan.ics", "calendar")
    append_line(shared / "log.jsonl", "{}", private=False)
    assert stat.S_IMODE(shared.stat().st_mode) == mode
    assert {stat.S_IMODE(p.stat().st_mode) for p in shared.iterdir()} == {0o600}


def test_under_umask_000_files_and_folders_made_are_owner_only(tmp_path):
    old = os.umask(0)
    try:
        write_atomic(tmp_path / "a" / "b" / "profile.json", "{}", private=True)
        append_line(tmp_path / "c" / "d" / "history", "+x")
    finally:
        os.umask(old)
    for path in (tmp_path / "a", tmp_path / "a" / "b", tmp_path / "c", tmp_path / "c" / "d"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o700, path
    for path in (tmp_path / "a" / "b" / "profile.json", tmp_path / "c" / "d" / "history"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


def test_temp_names_are_random_and_planted_ones_are_not_used(tmp_path, monkeypatch):
    for pid_name in (f".plan.ics.{os.getpid()}.tmp", ".plan.ics.tmp"):  # the old predictable names
        (tmp_path / pid_name).symlink_to(tmp_path / "elsewhere")
    seen = []
    real = storage.write_new

    def spy(dir_fd, stem, body):
        name = real(dir_fd, stem, body)
        seen.append(name)
        return name
    monkeypatch.setattr(storage, "write_new", spy)
    write_atomic(tmp_path / "plan.ics", "one")
    write_atomic(tmp_path / "plan.ics", "two")
    assert len(set(seen)) == 2 and not (tmp_path / "elsewhere").exists()
    assert (tmp_path / "plan.ics").read_text() == "two"


def test_stale_temp_files_of_a_target_are_swept_and_others_left(tmp_path):
    old = time.time() - 3600
    stale = [tmp_path / ".profile.json.4242.tmp", tmp_path / ".profile.json.0123456789abcdef.tmp"]
    fresh = tmp_path / ".profile.json.fedcba9876543210.tmp"  # a live writer's: young
    other = tmp_path / ".calendar.ics.4242.tmp"
    for p in stale + [fresh, other]:
        p.write_text("2026-11-20T10:00")
        if p is not fresh:
            os.utime(p, (old, old))
    write_atomic(tmp_path / "profile.json", "{}")
    assert not any(p.exists() for p in stale) and fresh.exists() and other.exists()


def test_a_read_only_folder_fails_in_one_line(tmp_path):
    """A read-only home: root ignores modes, so a read-only bind mount stands in for one."""
    if os.geteuid() != 0:
        os.chmod(tmp_path, 0o500)
    else:
        if subprocess.run(["mount", "--bind", "-o", "ro", str(tmp_path), str(tmp_path)],
                          capture_output=True).returncode != 0:
            pytest.skip("cannot bind-mount read-only here")
    try:
        with pytest.raises(StorageError, match="Read-only|Permission"):
            write_atomic(tmp_path / "plan.ics", "x")
    finally:
        if os.geteuid() == 0:
            subprocess.run(["umount", "-l", str(tmp_path)], check=True)
        else:
            os.chmod(tmp_path, 0o700)


def test_remove_deletes_a_link_never_its_target(tmp_path):
    target = tmp_path / "target"
    target.write_text("keep")
    (tmp_path / "link").symlink_to(target)
    assert storage.remove(tmp_path / "link") and target.read_text() == "keep"
    assert not storage.remove(tmp_path / "link")
