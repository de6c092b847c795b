from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Create or update the admin account from ARCHIVE_ADMIN_USER / ARCHIVE_ADMIN_PASSWORD, "
        "or say how to create one."
    )

    def handle(self, *args, **options):
        users = get_user_model()
        username, password = settings.ARCHIVE_ADMIN_USER, settings.ARCHIVE_ADMIN_PASSWORD
        if not password:
            if users.objects.filter(is_superuser=True).exists():
                self.stdout.write("Admin account: already present.")
            else:
                self.stdout.write(
                    "Admin account: none yet. Set ARCHIVE_ADMIN_PASSWORD and run `make run` "
                    "again, or run: .venv/bin/python manage.py createsuperuser"
                )
            return
        user, created = users.objects.get_or_create(
            username=username, defaults={"is_staff": True, "is_superuser": True}
        )
        user.is_staff = user.is_superuser = True
        user.set_password(password)
        user.save()
        verb = "created" if created else "updated"
        self.stdout.write(f"Admin account {username!r} {verb}; sign in at /admin/.")
