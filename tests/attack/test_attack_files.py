"""Writes under attack: a full disk, FIFOs, devices, folders, planted links and temp names, read-only and
shared folders, umask 000. Nothing is reported written that is not whole; nothing outside the target changes."""
from __future__ import annotations

import os
import stat

import pytest

from attack.hostile import fill, mounted, snapshot

PLAN = ["plan", "--treated", "2026-11-20T10:00", "--now", "2026-11-21T16:00"]


def test_plan_ics_on_a_full_disk_is_never_written(aftercare, tmp_path):
    with mounted(tmp_path / "disk", "size=64k") as disk:
        (disk / "plan.ics").write_text("the old calendar\n")
        fill(disk, leave=1024)
        r = aftercare(*PLAN, "--ics", str(disk / "plan.ics")).clean()
        assert r.code == 2 and "Calendar written" not in r.out and "No space left" in r.err
        assert (disk / "plan.ics").read_text() == "the old calendar\n"
        assert sorted(p.name for p in disk.iterdir()) == ["filler", "plan.ics"]


def test_setup_on_a_full_disk_keeps_the_old_profile(aftercare, home, tmp_path):
    with mounted(home / ".config", "size=64k") as config:
        assert aftercare("setup", "--protocol", "rf", "--treated", "yesterday").clean().code == 0
        before = (config / "aftercare" / "profile.json").read_bytes()
        fill(config)
        r = aftercare("setup", "--protocol", "pre-post", "--treated", "yesterday", "--clinic-phone", "5" * 3000)
        assert r.clean().code == 2 and (config / "aftercare" / "profile.json").read_bytes() == before


@pytest.mark.parametrize("kind", ["fifo", "folder", "dev-null", "symlink", "dangling", "missing-folder", "empty"])
def test_plan_ics_refuses_what_is_no_file_and_changes_nothing_else(aftercare, tmp_path, kind):
    place = tmp_path / "place"
    place.mkdir()
    place.chmod(0o1777)
    outside = tmp_path / "outside.txt"
    outside.write_text("not a calendar\n")
    target = place / "plan.ics"
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "folder":
        target.mkdir()
    elif kind == "dev-null":
        target = "/dev/null"
    elif kind == "symlink":
        target.symlink_to(outside)
    elif kind == "dangling":
        target.symlink_to(tmp_path / "nowhere.ics")
    elif kind == "missing-folder":
        target = place / "nope" / "dir" / "x.ics"
    else:
        target = place / ""
    before, dev = snapshot(tmp_path), os.stat("/dev")
    r = aftercare(*PLAN, "--ics", str(target)).clean()
    assert r.code == 2 and "Calendar written" not in r.out
    assert snapshot(tmp_path) == before and outside.read_text() == "not a calendar\n"
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode) and os.stat("/dev").st_mode == dev.st_mode


def test_planted_temp_names_are_not_used(aftercare, tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text("keep\n")
    for name in [f".plan.ics.{n}.tmp" for n in range(300, 33000, 97)] + [".plan.ics.tmp"]:
        (tmp_path / name).symlink_to(outside)
    r = aftercare(*PLAN, "--ics", str(tmp_path / "plan.ics")).clean(codes=(0,))
    assert "Calendar written" in r.out and outside.read_text() == "keep\n"
    assert stat.S_IMODE((tmp_path / "plan.ics").stat().st_mode) == 0o600


@pytest.mark.parametrize("mode", [0o1777, 0o2775, 0o755])
def test_a_shared_or_setgid_folder_keeps_its_mode(aftercare, tmp_path, mode):
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(mode)
    aftercare(*PLAN, "--ics", str(shared / "plan.ics")).clean(codes=(0,))
    assert stat.S_IMODE(shared.stat().st_mode) == mode


def test_a_read_only_folder_is_one_line(aftercare, tmp_path):
    with mounted(tmp_path / "ro", "ro") as ro:
        r = aftercare(*PLAN, "--ics", str(ro / "plan.ics")).clean()
        assert r.code == 2 and "Calendar written" not in r.out


def test_umask_000_still_makes_owner_only_files_and_folders(aftercare, home):
    old = os.umask(0)  # the child inherits it
    try:
        aftercare("setup", "--protocol", "rf", "--treated", "yesterday").clean(codes=(0,))
        aftercare("chat", "--protocol", "rf", stdin="makeup?\n").clean(codes=(0,))
        aftercare(*PLAN, "--ics", str(home / "plan.ics")).clean(codes=(0,))
    finally:
        os.umask(old)
    for path in (home / ".config" / "aftercare", home / ".config"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o700, path
    for path in (home / ".config" / "aftercare" / "profile.json", home / "plan.ics"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


@pytest.mark.parametrize("name", ["profile", "history"])
def test_a_planted_link_in_the_state_folder_is_never_written_through(aftercare, home, tmp_path, name):
    outside = tmp_path / "outside.txt"
    outside.write_text("keep\n")
    folder = home / (".config" if name == "profile" else ".local/state") / "aftercare"
    folder.mkdir(parents=True)
    (folder / ("profile.json" if name == "profile" else "history")).symlink_to(outside)
    aftercare("setup", "--protocol", "rf", "--treated", "yesterday").clean()
    aftercare("chat", "--protocol", "rf", stdin="makeup?\n").clean()
    assert outside.read_text() == "keep\n"


def test_stale_temp_files_holding_the_treatment_date_are_swept(aftercare, home):
    folder = home / ".config" / "aftercare"
    folder.mkdir(parents=True)
    stale = folder / ".profile.json.4242.tmp"
    stale.write_text('{"treated": "2026-11-20T10:00"}')
    os.utime(stale, (1, 1))
    aftercare("setup", "--protocol", "rf", "--treated", "yesterday").clean(codes=(0,))
    assert sorted(p.name for p in folder.iterdir()) == ["profile.json"]
