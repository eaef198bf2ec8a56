"""`aftercare forget` and `setup --reset --all`: nothing about the patient stays behind; the call log only once confirmed."""
from __future__ import annotations

import io
from datetime import datetime

import pytest

from assistant.core import cache
from assistant.interfaces import cli


@pytest.fixture
def kept(run, home, tmp_path, monkeypatch):
    """A home with a profile, history, a diary, a call log, a cache and a temp file a killed writer left."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("AFTERCARE_NO_CACHE", raising=False)
    assert run("setup", "--protocol", "rf", "--treated", "yesterday").code == 0
    (tmp_path / "source.txt").write_text("data")
    cache.cached("sample", [str(tmp_path / "source.txt")], lambda: {"answer": 42})  # in-process loads are memoised
    assert run("desk", stdin="ref: A-1\nthere is pus\n/end\n").code == 0
    (home / "history").write_text("\n# 2026-11-21 16:00:00\n+there is pus\n")
    (home / "diary.jsonl").write_text('{"at": "2026-11-21T16:00", "day": 1, "kind": "flag", "said": "pus"}\n')
    (home / "reminded").write_text("2026-11-21T09:00\n")
    (home / ".profile.json.4242.tmp").write_text('{"treated": "2026-11-20T10:00"}')
    assert (tmp_path / "xdg" / "aftercare").is_dir()
    return home


@pytest.mark.parametrize("argv", [["forget"], ["setup", "--reset", "--all"]])
def test_forget_deletes_profile_history_and_cache_and_keeps_the_call_log_unasked(run, kept, tmp_path, argv):
    r = run(*argv)
    assert r.code == 0 and "Deleted your saved profile, your chat history, your diary" in r.out
    assert "Kept the front desk's call log" in r.out and "--call-log" in r.out
    assert sorted(p.name for p in kept.iterdir()) == ["calls.db"]
    assert not (tmp_path / "xdg" / "aftercare").exists()
    assert run("forget").out.startswith("Kept the front desk's call log")


def test_forget_with_call_log_deletes_it_too(run, kept):
    r = run("forget", "--call-log")
    assert r.code == 0 and "the front desk's call log" in r.out and list(kept.iterdir()) == []
    assert run("forget").out == "Nothing was kept about you here.\n"


@pytest.mark.parametrize("answer, deleted", [("y\n", True), ("n\n", False), ("\n", False)])
def test_in_a_terminal_the_call_log_is_asked_about(kept, answer, deleted):
    class Tty(io.StringIO):
        def isatty(self):
            return True
    out = io.StringIO()
    env = cli.Env(stdin=Tty(answer), stdout=out, stderr=out, environ={"AFTERCARE_HOME": str(kept)},
                  clock=lambda: datetime(2026, 11, 21, 16, 0))
    assert cli.main(["forget"], env) == 0
    assert "Also delete the front desk's call log" in out.getvalue()
    assert (kept / "calls.db").exists() is not deleted


def test_a_link_is_removed_never_what_it_points_to(run, home, tmp_path):
    home.mkdir(parents=True)
    target = tmp_path / "precious"
    target.write_text("not the patient's")
    (home / "profile.json").symlink_to(target)
    (home / "history").symlink_to(target)
    r = run("forget")
    assert r.code == 0 and target.read_text() == "not the patient's" and list(home.iterdir()) == []


def test_the_cache_folder_as_a_link_is_unlinked_not_emptied(monkeypatch, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "keep").write_text("x")
    (tmp_path / "xdg").mkdir()
    (tmp_path / "xdg" / "aftercare").symlink_to(elsewhere)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.clear() and (elsewhere / "keep").exists() and not (tmp_path / "xdg" / "aftercare").exists()
