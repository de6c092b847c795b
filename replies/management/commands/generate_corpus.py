import sys

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from replies import search
from replies.corpus import generate


class Command(BaseCommand):
    help = "Add N synthetic replies (recombined from the samples) for benchmarks and demos."

    def add_arguments(self, parser):
        parser.add_argument("count", type=int)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--workers", type=int, default=None, help="processes drafting replies (default: cores)"
        )

    def handle(self, *args, count: int, seed: int, workers: int | None, **options):
        if count < 1:
            raise CommandError("count must be at least 1")
        if workers is not None and workers < 1:
            raise CommandError("--workers must be at least 1")
        with tqdm(
            total=count, unit="reply", file=sys.stderr, disable=not sys.stderr.isatty()
        ) as bar:
            made = generate(count, seed=seed, workers=workers, progress=bar.update)
        self.stdout.write(f"Generated {made} synthetic replies.")
        hot = search.refresh_hot_terms()
        self.stdout.write(f"Hot terms (counts kept by combination of facets): {len(hot)}.")
        kept = search.refresh_kept_phrases()
        self.stdout.write(f"Kept phrases (replies holding them listed): {len(kept)}.")
