from django.core.management.base import BaseCommand

from replies.ingest.samples import load_samples


class Command(BaseCommand):
    help = "Load the project's own sample replies (idempotent: a second run changes nothing)."

    def handle(self, *args, **options):
        tally = load_samples()
        summary = ", ".join(f"{outcome.value} {count}" for outcome, count in sorted(tally.items()))
        self.stdout.write(f"Sample replies: {summary}.")
