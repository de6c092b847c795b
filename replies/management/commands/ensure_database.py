from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from archive.database import DatabaseUnavailable, Target, ensure_database


class Command(BaseCommand):
    help = "Make sure PostgreSQL answers (starting a local one if needed) and the database exists."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-start", action="store_true", help="Do not try to start a local server."
        )

    def handle(self, *args, no_start: bool = False, **options):
        target = Target.from_settings(connections["default"].settings_dict)
        try:
            created = ensure_database(target, may_start_server=not no_start, log=self.stdout.write)
        except DatabaseUnavailable as exc:
            raise CommandError(str(exc)) from None
        state = "created" if created else "ready"
        self.stdout.write(f"Database {target.name!r} at {target.where}: {state}.")
