"""Keep compiled data (vocabulary, protocols) between runs, so a one-shot `ask` skips parsing.

The cache file is keyed by the version and by every source file's path, size and modification
time: edit a protocol or an intents file and the next run rebuilds. It holds only the bundled or
clinic data, never anything about the patient. Any problem reading or writing it just means
building afresh.
"""
from __future__ import annotations

import os
import pickle
import zlib

from assistant import __version__


def folder() -> str:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "aftercare")


def _key(kind: str, sources: list[str]) -> str:
    parts = [kind, __version__]
    for path in sources:
        st = os.stat(path)
        parts.append(f"{os.path.abspath(path)}|{st.st_size}|{st.st_mtime_ns}")
    text = "\n".join(parts).encode()
    return f"{zlib.crc32(text):08x}{zlib.adler32(text):08x}{len(text):x}"


def cached(kind: str, sources: list[str], build):
    """Return build() from the cache when its sources are unchanged, else build and store it."""
    if os.environ.get("AFTERCARE_NO_CACHE"):
        return build()
    try:
        file = os.path.join(folder(), f"{kind}-{_key(kind, sources)}.pickle")
        with open(file, "rb") as f:
            return pickle.load(f)
    except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError, IndexError, TypeError):
        pass
    value = build()
    try:
        os.makedirs(folder(), exist_ok=True)
        tmp = f"{file}.{os.getpid()}.tmp"
        with open(tmp, "wb") as f:
            pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, file)
        for old in os.listdir(folder()):  # earlier versions of the same data
            if old.startswith(f"{kind}-") and old.endswith(".pickle") and os.path.join(folder(), old) != file:
                os.unlink(os.path.join(folder(), old))
    except (OSError, pickle.PickleError, NameError):
        pass
    return value
