"""Production settings, checked in a fresh process the way a deployment starts Django."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "k3J9-vQ2_pL8xR4mZ7tB1nW6yH0cF5sD9gA2eU8iO3qT7uY1rE4wK6jN0bV5",
    "DJANGO_ALLOWED_HOSTS": "archive.example.org",
}


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "ARCHIVE_"))}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean | env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deployment_checklist():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stderr + result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in PRODUCTION.items() if k != "DJANGO_SECRET_KEY"}
    result = manage("check", **env)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr
    assert "Traceback" not in result.stderr.splitlines()[-1]


def test_production_refuses_the_published_development_key():
    from archive.settings import DEV_SECRET_KEY

    result = manage("check", **(PRODUCTION | {"DJANGO_SECRET_KEY": DEV_SECRET_KEY}))
    assert result.returncode != 0
    assert "published development key" in result.stderr


def test_debug_flag_must_be_a_recognised_word():
    result = manage("check", DJANGO_DEBUG="maybe")
    assert result.returncode != 0
    assert "DJANGO_DEBUG must be one of" in result.stderr


def test_only_postgresql_is_accepted():
    result = manage("check", DJANGO_DEBUG="1", DATABASE_URL="sqlite:///archive.db")
    assert result.returncode != 0
    assert "DATABASE_URL must point at PostgreSQL" in result.stderr


def test_allowed_hosts_are_read_comma_separated():
    result = manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.ALLOWED_HOSTS)",
        **(PRODUCTION | {"DJANGO_ALLOWED_HOSTS": "a.example.org, b.example.org"}),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "['a.example.org', 'b.example.org']"


def test_env_example_lists_every_variable_the_settings_read():
    settings_source = (ROOT / "archive" / "settings.py").read_text()
    read = set(re.findall(r'env_(?:bool|int|list)\(\s*"([A-Z_]+)"', settings_source))
    read |= set(re.findall(r'os\.environ\.get\(\s*"([A-Z_]+)"', settings_source))
    documented = set(re.findall(r"^([A-Z_]+)=", (ROOT / ".env.example").read_text(), re.M))
    assert read - documented == set()
    assert {"DATABASE_URL", "DJANGO_SECRET_KEY", "DJANGO_DEBUG", "DJANGO_ALLOWED_HOSTS"} <= read


@pytest.mark.parametrize(
    ("name", "expected"), [("LANGUAGE_CODE", "zh-hans"), ("TIME_ZONE", "Asia/Shanghai")]
)
def test_locale(settings, name, expected):
    assert getattr(settings, name) == expected
