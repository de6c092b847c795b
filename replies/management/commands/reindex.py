import sys

from django.core.management.base import BaseCommand
from tqdm import tqdm

from replies import search
from replies.models import Department, Region, Reply

BATCH = 200


class Command(BaseCommand):
    help = "Rebuild the search index where it is stale (new tokenizer, changed text or facets)."

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="rebuild every entry")
        parser.add_argument(
            "--no-hot",
            action="store_true",
            help="keep the hot terms and kept phrases as they are (choosing them again reads "
            "every entry)",
        )

    def handle(self, *args, all: bool = False, no_hot: bool = False, **options):
        names = list(Department.objects.values_list("name", flat=True))
        names += [
            a for aliases in Department.objects.values_list("aliases", flat=True) for a in aliases
        ]
        names += list(Region.objects.values_list("name", flat=True))
        search.add_words(names)
        ids = list(Reply.objects.values_list("pk", flat=True)) if all else search.stale_reply_ids()
        with tqdm(
            total=len(ids), unit="reply", file=sys.stderr, disable=not sys.stderr.isatty()
        ) as bar:
            for start in range(0, len(ids), BATCH):
                batch = ids[start : start + BATCH]
                search.index_replies(Reply.objects.filter(pk__in=batch))
                bar.update(len(batch))
        self.stdout.write(f"Reindexed {len(ids)} of {Reply.objects.count()} replies.")
        if not no_hot:
            hot = self.hot_terms()
            self.stdout.write(f"Hot terms (counts kept by combination of facets): {len(hot)}.")
            kept = search.refresh_kept_phrases()
            self.stdout.write(f"Kept phrases (replies holding them listed): {len(kept)}.")

    def hot_terms(self) -> list[str]:
        with tqdm(unit="term", file=sys.stderr, disable=not sys.stderr.isatty()) as bar:
            return search.refresh_hot_terms(progress=bar.update)
