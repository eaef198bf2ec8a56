"""Keep compiled data (vocabulary, protocols) between runs, so a one-shot `ask` skips parsing.

The cache file is keyed by the version and by every source file's path, size and modification
time: edit a protocol or an intents file and the next run rebuilds. It holds only the bundled or
clinic data, never anything about the patient. Any problem reading or writing it just means
building afresh.
"""
from __future__ import annotations

import os
import zlib
import pickle
from pathlib import Path


def folder() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "aftercare"


def _key(kind: str, sources: list[Path]) -> str:
    from assistant import __version__
    parts = [kind, __version__]
    for path in sources:
        st = path.stat()
        parts.append(f"{path.resolve()}|{st.st_size}|{st.st_mtime_ns}")
    text = "\n".join(parts).encode()
    return f"{zlib.crc32(text):08x}{zlib.adler32(text):08x}{len(text):x}"


def cached(kind: str, sources: list[Path], build):
    """Return build() from the cache when its sources are unchanged, else build and store it."""
    if os.environ.get("AFTERCARE_NO_CACHE"):
        return build()
    try:
        file = folder() / f"{kind}-{_key(kind, sources)}.pickle"
        with open(file, "rb") as f:
            return pickle.load(f)
    except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError, IndexError, TypeError):
        pass
    value = build()
    try:
        folder().mkdir(parents=True, exist_ok=True)
        tmp = file.with_suffix(f".{os.getpid()}.tmp")
        with open(tmp, "wb") as f:
            pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, file)
        for old in folder().glob(f"{kind}-*.pickle"):  # earlier versions of the same data
            if old != file:
                old.unlink(missing_ok=True)
    except (OSError, pickle.PickleError, NameError):
        pass
    return value
