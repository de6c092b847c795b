import json
import sys

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from replies.ingest.budget import DEFAULT_MEMORY_MB, DEFAULT_SECONDS, Budget
from replies.ingest.pipeline import FAILED, SKIPPED, FileResult, discover, ingest
from replies.ingest.read import SUPPORTED

ORDER = ["created", "updated", "unchanged", "parsed", SKIPPED, FAILED]


class Command(BaseCommand):
    help = f"Import reply documents ({SUPPORTED}) from files and directories (recursive)."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="files or directories")
        parser.add_argument("--dry-run", action="store_true", help="parse only, write nothing")
        parser.add_argument("--json", action="store_true", help="print one JSON object per file")
        parser.add_argument(
            "--update", action="store_true", help="re-parse documents already imported"
        )
        parser.add_argument(
            "--force", action="store_true", help="with --update, also overwrite hand corrections"
        )
        parser.add_argument("--jobs", type=int, default=1, help="parse in N processes")
        parser.add_argument(
            "--time-limit",
            type=float,
            default=DEFAULT_SECONDS,
            metavar="SECONDS",
            help=f"fail a file that takes longer to read and parse (default {DEFAULT_SECONDS:g})",
        )
        parser.add_argument(
            "--memory-limit",
            type=int,
            default=DEFAULT_MEMORY_MB,
            metavar="MB",
            help=f"fail a file that needs more memory (default {DEFAULT_MEMORY_MB})",
        )
        parser.add_argument(
            "--follow-links",
            action="store_true",
            help="follow symbolic links that stay inside the folders given",
        )

    def handle(self, *args, paths, dry_run, json, update, force, jobs, **options):
        if jobs < 1:
            raise CommandError("--jobs must be at least 1")
        if force and not update:
            raise CommandError("--force only makes sense with --update")
        if options["time_limit"] <= 0 or options["memory_limit"] <= 0:
            raise CommandError("--time-limit and --memory-limit must be positive")
        budget = Budget(seconds=options["time_limit"], memory_mb=options["memory_limit"])
        bar = None
        if not json and sys.stderr.isatty():
            total = len(discover(paths, follow_links=options["follow_links"]))
            bar = tqdm(total=total, unit="file", file=sys.stderr)

        def report(result: FileResult) -> None:
            if json:
                self.stdout.write(dumps(result.as_json()))
            elif bar is not None:
                bar.update()
                if result.error:
                    bar.write(f"{result.file}: {result.error}", file=sys.stderr)
            else:
                self.stdout.write(f"{result.outcome}: {result.file}")

        summary = ingest(
            paths,
            dry_run=dry_run,
            update=update,
            force=force,
            jobs=jobs,
            budget=budget,
            follow_links=options["follow_links"],
            on_result=report,
            on_progress=lambda file, message: bar.set_postfix_str(message) if bar else None,
        )
        if bar is not None:
            bar.close()
        counts = ", ".join(
            f"{name} {summary.counts[name]}" for name in ORDER if summary.counts[name]
        )
        out = self.stderr if json else self.stdout
        out.write(f"Summary: {counts or 'no files'}.")
        for file, reason in [*summary.skipped, *summary.failures]:
            self.stderr.write(f"{file}: {reason}")
        if summary.failures:
            raise CommandError(f"{len(summary.failures)} file(s) failed")


def dumps(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, default=str)
