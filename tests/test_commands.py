from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_ensure_admin_creates_then_updates_the_account(settings):
    settings.ARCHIVE_ADMIN_PASSWORD = "kaiwu-2024-archive"
    assert "created" in run("ensure_admin")
    settings.ARCHIVE_ADMIN_PASSWORD = "another-long-password"
    assert "updated" in run("ensure_admin")
    user = get_user_model().objects.get(username="admin")
    assert user.is_superuser and user.is_staff
    assert user.check_password("another-long-password")


def test_ensure_admin_without_a_password_says_how_to_create_one(settings):
    settings.ARCHIVE_ADMIN_PASSWORD = ""
    out = run("ensure_admin")
    assert "ARCHIVE_ADMIN_PASSWORD" in out and "createsuperuser" in out
    assert not get_user_model().objects.exists()
