"""Locate the bundled data folders, whether installed as a wheel or run from a checkout.

Plain strings and os.path, not pathlib: a one-shot `ask` would otherwise pay for pathlib and
the urllib modules it pulls in.
"""
from __future__ import annotations

import os

_HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # the assistant package


def _folder(name: str) -> str:
    installed = os.path.join(_HERE, name)  # where a wheel puts the data (see pyproject package-dir)
    if os.path.isdir(installed):
        return installed
    return os.path.join(os.path.dirname(_HERE), name)  # a checkout or an editable install


def protocol_dir() -> str:
    return _folder("protocols")


def intents_dir() -> str:
    return _folder("intents")


def intents() -> list[str]:
    """List the intents files: what the vocabulary, the meaning model and the recogniser are compiled from."""
    return files(intents_dir(), ".toml", ".txt")


def source_dir() -> str:
    return os.path.join(protocol_dir(), "sources")


def files(folder: str, *suffixes: str) -> list[str]:
    """List the files in a folder with one of the suffixes, sorted; none when it is missing."""
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    return sorted(os.path.join(folder, n) for n in names
                  if n.endswith(suffixes) and os.path.isfile(os.path.join(folder, n)))
