"""What every attack checks, and the tools to stage one: a snapshot of a folder, a tiny disk, a read-only mount."""
from __future__ import annotations

import contextlib
import hashlib
import os
import subprocess
from pathlib import Path

import pytest

HANG = 5.0  # seconds: past this an attack counts as a hang
NOW = ["--now", "2026-11-21T16:00"]


class Result:
    def __init__(self, code: int, out: str, err: str, took: float):
        self.code, self.out, self.err, self.took = code, out, err, took

    def clean(self, codes=(0, 2)) -> Result:
        """Assert no traceback, an expected exit status, and a refusal in exactly one line."""
        assert "Traceback" not in self.err + self.out, self.err
        assert self.code in codes, (self.code, self.err)
        if self.code == 2:
            assert self.err.count("\n") == 1 and self.err.endswith("\n"), self.err
        return self


def snapshot(folder: Path, skip: tuple[str, ...] = ()) -> dict:
    """Every path under folder with its kind, mode and content digest: to prove nothing else changed."""
    out = {}
    for path in [folder, *folder.rglob("*")]:
        if any(part in skip for part in path.relative_to(folder).parts):
            continue
        st = path.lstat()
        body = b""
        if path.is_file() and not path.is_symlink():
            body = hashlib.sha256(path.read_bytes()).digest()
        elif path.is_symlink():
            body = os.readlink(path).encode()
        out[str(path.relative_to(folder))] = (st.st_mode, body)
    return out


@contextlib.contextmanager
def mounted(folder: Path, *options: str):
    """Mount a tmpfs (or a read-only bind of folder on itself) for root; skip the attack elsewhere."""
    if os.geteuid() != 0:
        pytest.skip("needs root to mount")
    folder.mkdir(exist_ok=True)
    cmd = ["mount", "--bind", "-o", "ro", str(folder), str(folder)] if "ro" in options else \
        ["mount", "-t", "tmpfs", "-o", ",".join(options) or "size=64k", "tmpfs", str(folder)]
    if subprocess.run(cmd, capture_output=True).returncode != 0:
        pytest.skip(f"cannot mount here: {' '.join(cmd)}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=True)


def plant(target: Path, kind: str) -> None:
    """Put something that is no regular file where a file is expected: "fifo", "folder", or a path (a
    device, a secret) to link to."""
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "folder":
        target.mkdir()
    else:
        target.symlink_to(kind)


def fill(folder: Path, leave: int = 0) -> None:
    """Fill a small disk to its last byte but `leave` bytes."""
    with contextlib.suppress(OSError), open(folder / "filler", "wb", buffering=0) as f:
        while True:
            f.write(b"x" * 4096)
    with contextlib.suppress(OSError), open(folder / "filler", "ab", buffering=0) as f:
        while True:
            f.write(b"x")
    if leave:
        size = (folder / "filler").stat().st_size
        os.truncate(folder / "filler", size - leave)
