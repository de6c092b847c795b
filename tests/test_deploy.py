"""docker-compose.yml and the Dockerfile, checked by parsing (no Docker engine runs here)."""

import re
from pathlib import Path
from urllib.parse import urlsplit

import yaml

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = re.compile(r"\$\{(\w+):-([^}]*)\}")


def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def with_defaults(value: str) -> str:
    return DEFAULT.sub(lambda m: m.group(2), value)


def test_db_is_postgres_16_with_a_volume_and_a_healthcheck():
    spec = compose()
    db = spec["services"]["db"]
    assert db["image"].startswith("postgres:16")
    volume, mount = db["volumes"][0].split(":", 1)
    assert mount == "/var/lib/postgresql/data"
    assert volume in spec["volumes"]
    assert "pg_isready" in " ".join(db["healthcheck"]["test"])


def test_web_is_built_waits_for_a_healthy_db_and_migrates_before_gunicorn():
    web = compose()["services"]["web"]
    assert web["build"] == "."
    assert web["depends_on"]["db"]["condition"] == "service_healthy"
    command = web["command"]
    assert command.index("migrate") < command.index("gunicorn archive.wsgi")
    assert web["environment"]["DJANGO_DEBUG"] == "0"
    assert "/healthz" in " ".join(web["healthcheck"]["test"])


def test_web_database_url_matches_the_db_service():
    spec = compose()
    db_env = {k: with_defaults(str(v)) for k, v in spec["services"]["db"]["environment"].items()}
    url = urlsplit(with_defaults(spec["services"]["web"]["environment"]["DATABASE_URL"]))
    assert (url.hostname, url.port) == ("db", 5432)
    assert url.username == db_env["POSTGRES_USER"]
    assert url.password == db_env["POSTGRES_PASSWORD"]
    assert url.path.lstrip("/") == db_env["POSTGRES_DB"]


def test_web_requires_a_secret_key_rather_than_inventing_one():
    secret = compose()["services"]["web"]["environment"]["DJANGO_SECRET_KEY"]
    assert secret.startswith("${DJANGO_SECRET_KEY:?")


def test_dockerfile_installs_from_pyproject_and_serves_with_gunicorn():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert re.search(r"^FROM python:3\.11", dockerfile, re.M)
    assert "COPY pyproject.toml" in dockerfile
    assert re.search(r"pip install [^\n]*\.\s*$", dockerfile, re.M)
    assert "collectstatic" in dockerfile
    assert "gunicorn" in dockerfile
    # Everything the image copies must exist in the repository.
    for source in re.findall(r"^COPY (\S+) ", dockerfile, re.M):
        assert (ROOT / source).exists(), source


def test_the_image_can_read_every_format_the_importer_supports():
    dockerfile = (ROOT / "Dockerfile").read_text()
    installed = re.search(r"apt-get install -y --no-install-recommends ([^\\\n&]+)", dockerfile)
    assert installed is not None
    packages = set(installed.group(1).split())
    assert {"libreoffice-writer-nogui", "libgl1", "libglib2.0-0"} <= packages
    assert dockerfile.index("apt-get install") < dockerfile.index("pip install")
