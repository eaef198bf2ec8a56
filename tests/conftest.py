"""Shared fixtures: fresh protocols and vocabulary, a fixed clock, and a CLI runner with fake I/O."""
from __future__ import annotations

import io
import sys
from datetime import datetime
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from assistant.clinic import protocol
from assistant.interfaces import cli
from assistant.understanding import vocabulary

TREATED = datetime(2026, 11, 20, 10, 0)  # a Friday


@pytest.fixture(autouse=True, scope="session")
def private_cache(tmp_path_factory):
    """Keep the compiled-data cache of test runs out of the user's own cache folder."""
    import os
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))


@pytest.fixture
def vocab():
    return vocabulary.load()


@pytest.fixture(params=protocol.bundled_ids())
def any_protocol(request):
    return protocol.load(request.param)


@pytest.fixture
def home(tmp_path, monkeypatch):
    """An empty private home for profiles and logs."""
    monkeypatch.setenv("AFTERCARE_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


class Run:
    def __init__(self, code, out, err):
        self.code, self.out, self.err = code, out, err


@pytest.fixture
def run(home):
    """Run the CLI in-process with captured streams and `now` fixed to 2026-11-21 16:00."""
    def _run(*argv, stdin: str | bytes = "", now: datetime = datetime(2026, 11, 21, 16, 0)):
        raw = stdin.encode() if isinstance(stdin, str) else stdin
        inp = io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8")
        out, err = io.StringIO(), io.StringIO()
        env = cli.Env(stdin=inp, stdout=out, stderr=err, environ={"AFTERCARE_HOME": str(home)},
                      clock=lambda: now)
        code = cli.main(list(argv), env)
        return Run(code, out.getvalue(), err.getvalue())
    return _run


@pytest.fixture(scope="session")
def pg_cluster():
    """A throwaway PostgreSQL server for this test session, stopped at its end (skips saying why without one)."""
    from pgcluster import Cluster
    cluster = Cluster.start()
    if isinstance(cluster, str):
        yield cluster
        return
    yield cluster
    cluster.stop()


@pytest.fixture
def pg_url(pg_cluster, request):
    """A fresh, empty PostgreSQL database for one test."""
    if isinstance(pg_cluster, str):
        pytest.skip(f"no PostgreSQL for this test: {pg_cluster}")
    import re
    return pg_cluster.database("t_" + re.sub(r"\W", "_", request.node.name.lower())[:50])


@pytest.fixture(params=["sqlite", "postgresql"])
def log_url(request, tmp_path):
    """The call log's location on each database: an SQLite file, then a PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "log" / "calls.db")
    return request.getfixturevalue("pg_url")
