import uuid
from io import StringIO

import psycopg
import pytest
from django.core.management import call_command
from django.db import connections

from archive.database import DatabaseUnavailable, Target, ensure_database


@pytest.fixture
def scratch_target():
    settings_dict = connections["default"].settings_dict
    target = Target.from_settings(
        settings_dict | {"NAME": f"archive_scratch_{uuid.uuid4().hex[:8]}"}
    )
    yield target
    with target.connect("postgres") as conn:
        conn.execute(
            psycopg.sql.SQL("DROP DATABASE IF EXISTS {}").format(
                psycopg.sql.Identifier(target.name)
            )
        )


def test_creates_a_missing_database_once(scratch_target):
    assert ensure_database(scratch_target, may_start_server=False) is True
    assert ensure_database(scratch_target, may_start_server=False) is False
    with scratch_target.connect(scratch_target.name) as conn:
        assert conn.execute("SELECT current_database()").fetchone()[0] == scratch_target.name


def test_an_unreachable_server_gives_one_clear_sentence():
    target = Target(host="127.0.0.1", port=1, user="", password="", name="archive")
    with pytest.raises(DatabaseUnavailable) as error:
        ensure_database(target, may_start_server=False)
    message = str(error.value)
    assert "PostgreSQL is not reachable at 127.0.0.1:1" in message
    assert "DATABASE_URL" in message


@pytest.mark.django_db
def test_command_reports_an_existing_database_ready():
    out = StringIO()
    call_command("ensure_database", "--no-start", stdout=out)
    name = connections["default"].settings_dict["NAME"]
    assert out.getvalue().strip().endswith(f"Database {name!r} at 127.0.0.1:5432: ready.")
