"""Start a throwaway PostgreSQL cluster on a private Unix socket for the tests and the benchmark, and stop it.

    cluster = Cluster.start()          # or a string saying why there is none
    url = cluster.database("t1")       # a fresh, empty database: postgresql://aftercare@/t1?host=...
    cluster.stop()                     # the server stops and its folder is removed
The server listens on no TCP port at all, only on a socket in its own folder, and trusts the one
role it was made with. As root (CI) the server runs as the `postgres` user, since PostgreSQL
refuses to run as root. AFTERCARE_TEST_PG=postgresql://... uses a server already running instead.
"""
from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile

INSTALL_HINT = "make test installs it with apt when run as root"


def _bin(name: str) -> str | None:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=lambda p: int(p.split("/")[4]))
    return found[-1] if found else shutil.which(name)


class Cluster:
    def __init__(self, folder: str | None, url_base: str, user: pwd.struct_passwd | None):
        self.folder, self.url_base, self.user = folder, url_base, user

    @classmethod
    def start(cls, fsync: bool = False) -> Cluster | str:
        """Start a cluster, or return why none can be started (the tests that need one say so)."""
        if os.environ.get("AFTERCARE_TEST_PG"):
            return cls(None, os.environ["AFTERCARE_TEST_PG"].rstrip("/"), None)
        initdb, pg_ctl = _bin("initdb"), _bin("pg_ctl")
        if not initdb or not pg_ctl:
            return f"PostgreSQL is not installed (no initdb or pg_ctl found; {INSTALL_HINT})"
        try:
            import psycopg  # noqa: F401
        except ImportError:
            return "psycopg is not installed (pip install -e '.[clinic]')"
        user = None
        if os.geteuid() == 0:
            try:
                user = pwd.getpwnam("postgres")
            except KeyError:
                return "running as root and there is no 'postgres' user to run the server as"
        folder = tempfile.mkdtemp(prefix="aftercare-pg-")
        os.chmod(folder, 0o700)
        if user:
            os.chown(folder, user.pw_uid, user.pw_gid)
        cluster = cls(folder, "", user)
        data, port = os.path.join(folder, "data"), 5432
        try:
            cluster._run([initdb, "-D", data, "-U", "aftercare", "--auth=trust", "-E", "UTF8", "--no-sync"])
            options = f"-k {folder} -c listen_addresses='' -p {port}" + ("" if fsync else " -F")
            cluster._run([pg_ctl, "-D", data, "-o", options, "-l", os.path.join(folder, "server.log"), "-w",
                          "-t", "60", "start"])
        except (OSError, subprocess.CalledProcessError) as exc:
            log = cluster.log_tail()
            cluster.stop()
            return f"could not start a throwaway PostgreSQL ({exc}): {log}"
        cluster.url_base = f"postgresql://aftercare@/{{db}}?host={folder}&port={port}"
        return cluster

    def _run(self, argv: list[str]) -> None:
        as_user = {"user": self.user.pw_uid, "group": self.user.pw_gid, "extra_groups": []} if self.user else {}
        subprocess.run(argv, check=True, capture_output=True, cwd=self.folder, timeout=120, **as_user)

    def log_tail(self) -> str:
        try:
            with open(os.path.join(self.folder, "server.log"), encoding="utf-8", errors="replace") as f:
                return " | ".join(f.read().splitlines()[-3:])
        except (OSError, TypeError):
            return ""

    def url(self, db: str) -> str:
        return self.url_base.format(db=db) if "{db}" in self.url_base else f"{self.url_base.rsplit('/', 1)[0]}/{db}"

    def database(self, name: str) -> str:
        """Create an empty database and return its URL."""
        import psycopg
        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE template0')
        return self.url(name)

    def stop(self) -> None:
        if self.folder is None:
            return
        pg_ctl = _bin("pg_ctl")
        if pg_ctl and os.path.isdir(os.path.join(self.folder, "data")):
            try:
                self._run([pg_ctl, "-D", os.path.join(self.folder, "data"), "-m", "immediate", "-w", "stop"])
            except (OSError, subprocess.CalledProcessError):
                pass
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder = None
