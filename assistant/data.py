"""Locate the bundled data folders, whether installed as a wheel or run from a checkout."""
from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).resolve().parent


def _folder(name: str) -> Path:
    installed = _HERE / name  # where a wheel puts the data (see pyproject package-dir)
    if installed.is_dir():
        return installed
    return _HERE.parent / name  # a checkout or an editable install


def protocol_dir() -> Path:
    return _folder("protocols")


def intents_dir() -> Path:
    return _folder("intents")


def source_dir() -> Path:
    return protocol_dir() / "sources"
