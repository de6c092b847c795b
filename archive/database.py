"""Getting a PostgreSQL database ready on a fresh machine, for `make run` and `make test`.

Order: the configured server (DATABASE_URL, else 127.0.0.1:5432); if it does not answer and it is
on this machine, the local cluster (`pg_ctlcluster`), else `docker compose up -d db` where a
Docker engine runs; else one sentence saying how to get a server. The database itself is created
when missing.
"""

import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import psycopg
from psycopg import sql

LOCAL_HOSTS = {"", "localhost", "127.0.0.1", "::1"}
POSTGRES_CONFIG_DIR = Path("/etc/postgresql")
COMPOSE_DATABASE_URL = "postgres://archive:archive@127.0.0.1:5432/archive"
CONNECT_TIMEOUT_SECONDS = 3
START_WAIT_SECONDS = 30


class DatabaseUnavailable(Exception):
    """No PostgreSQL server could be reached or started; the message says what to do."""


@dataclass(frozen=True)
class Target:
    host: str
    port: int
    user: str
    password: str
    name: str

    @classmethod
    def from_settings(cls, settings_dict: dict) -> "Target":
        return cls(
            host=settings_dict.get("HOST") or "",
            port=int(settings_dict.get("PORT") or 5432),
            user=settings_dict.get("USER") or "",
            password=settings_dict.get("PASSWORD") or "",
            name=settings_dict["NAME"],
        )

    @property
    def where(self) -> str:
        return f"{self.host or 'localhost'}:{self.port}"

    def connect(self, dbname: str) -> psycopg.Connection:
        params = {"dbname": dbname, "port": self.port, "connect_timeout": CONNECT_TIMEOUT_SECONDS}
        params.update(
            {
                k: v
                for k, v in (("host", self.host), ("user", self.user), ("password", self.password))
                if v
            }
        )
        return psycopg.connect(autocommit=True, **params)


def server_answers(target: Target) -> bool:
    try:
        with target.connect("postgres"):
            return True
    except psycopg.OperationalError:
        return False


def start_local_server(target: Target, log=print) -> bool:
    """Start this machine's cluster, or the compose `db` service; True once the server answers."""
    if target.host not in LOCAL_HOSTS:
        return False
    if shutil.which("pg_ctlcluster") and POSTGRES_CONFIG_DIR.is_dir():
        for version in sorted(p.name for p in POSTGRES_CONFIG_DIR.iterdir()):
            log(f"Starting the local PostgreSQL cluster {version}/main ...")
            subprocess.run(
                ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "start"],
                check=False,
                capture_output=True,
            )
    elif docker_engine_runs():
        log("Starting the database with: docker compose up -d db")
        subprocess.run(["docker", "compose", "up", "-d", "db"], check=False)
    else:
        return False
    deadline = time.monotonic() + START_WAIT_SECONDS
    while time.monotonic() < deadline:
        if server_answers(target):
            return True
        time.sleep(1)
    return False


def docker_engine_runs() -> bool:
    if not shutil.which("docker"):
        return False
    return subprocess.run(["docker", "info"], capture_output=True, check=False).returncode == 0


def ensure_database(target: Target, *, may_start_server: bool = True, log=print) -> bool:
    """Make sure the server answers and the database exists; True if it was created now."""
    if not server_answers(target) and not (may_start_server and start_local_server(target, log)):
        raise DatabaseUnavailable(
            f"PostgreSQL is not reachable at {target.where}: start it "
            "(pg_ctlcluster <version> main start, or docker compose up -d db and then "
            f"DATABASE_URL={COMPOSE_DATABASE_URL}), or set DATABASE_URL to a server that runs."
        )
    try:
        with target.connect("postgres") as conn:
            exists = conn.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [target.name]
            ).fetchone()
            if exists:
                return False
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(target.name)))
            return True
    except psycopg.Error as exc:
        raise DatabaseUnavailable(
            f"Could not create the database {target.name!r} at {target.where}: "
            f"{str(exc).strip()}. Create it yourself or give the role CREATEDB."
        ) from exc
