"""A scratch database for benchmarks, on the configured server: never the archive itself."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def open_scratch_database(name: str) -> None:
    """Point Django at database `name` on the configured server, create it, migrate it."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings")
    os.environ.setdefault("DJANGO_DEBUG", "1")
    import dj_database_url

    url = os.environ.get("DATABASE_URL") or "postgres://127.0.0.1:5432/archive"
    parsed = dj_database_url.parse(url)
    user = f"{parsed['USER']}:{parsed['PASSWORD']}@" if parsed.get("USER") else ""
    host = f"{parsed.get('HOST') or '127.0.0.1'}:{parsed.get('PORT') or 5432}"
    os.environ["DATABASE_URL"] = f"postgres://{user}{host}/{name}"

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connections

    from archive.database import Target, ensure_database

    ensure_database(Target.from_settings(connections["default"].settings_dict), log=lambda m: None)
    call_command("migrate", verbosity=0)
