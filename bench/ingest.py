"""Import benchmark: documents per second for parsing alone and for a full import.

Runs against a scratch database (archive_bench on the configured server), never the archive
itself. The corpus is the project's sample documents (all four formats), each copied N times
with one varied sentence so every copy is a distinct document.

    python bench/ingest.py [--copies 40] [--jobs 2]
"""

import argparse
import os
import shutil
import tempfile
import time
from pathlib import Path

from scratch import ROOT, open_scratch_database

BENCH_DB = "archive_bench_ingest"


def make_corpus(folder: Path, copies: int) -> list[str]:
    """Text-based samples get a unique sentence per copy; binary ones are copied as they are
    (their parse is timed, and the load sees them as re-imports after the first copy)."""
    files = []
    for sample in sorted((ROOT / "samples").iterdir()):
        for n in range(copies):
            target = folder / f"{sample.stem}-{n}{sample.suffix}"
            if sample.suffix == ".txt":
                from replies.ingest.read import decode_text

                text, _ = decode_text(sample.read_bytes())
                target.write_text(text + f"\n附：第{n}份。\n", encoding="utf-8")
            elif sample.suffix == ".html":
                html = sample.read_text(encoding="utf-8")
                target.write_text(
                    html.replace("</body>", f"<p>附：第{n}份。</p></body>"), encoding="utf-8"
                )
            else:
                shutil.copy(sample, target)
            files.append(str(target))
    return files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=40)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    open_scratch_database(BENCH_DB)

    from django.core.management import call_command
    from django.db import connections

    from replies.ingest.pipeline import discover, ingest, parse_all
    from replies.metrics import extract

    call_command("flush", interactive=False, verbosity=0)
    with tempfile.TemporaryDirectory() as tmp:
        files = make_corpus(Path(tmp), args.copies)
        n = len(files)
        print(
            f"corpus: {n} documents ({len(list((ROOT / 'samples').iterdir()))} samples x "
            f"{args.copies}), machine: {os.cpu_count()} cores"
        )
        list(parse_all(discover(files[:1]), 1))  # warm up: compile the gazetteer's patterns once
        for jobs in sorted({1, args.jobs}):
            start = time.perf_counter()
            failed = sum(1 for r in parse_all(discover(files), jobs) if r.error)
            took = time.perf_counter() - start
            print(
                f"parse only, {jobs} process(es): {n / took:8.1f} docs/s "
                f"({took * 1000 / n:.2f} ms/doc, {failed} failed)"
            )
        texts = [r.parsed.text for r in parse_all(discover(files), 1) if r.parsed]
        start = time.perf_counter()
        count = sum(len(extract(text)) for text in texts)
        took = time.perf_counter() - start
        print(
            f"figure extraction alone: {len(texts) / took:8.1f} docs/s "
            f"({took * 1000 / len(texts):.2f} ms/doc, {count / len(texts):.1f} figures/doc)"
        )
        for what in ("full import (parse + load)", "re-import (all unchanged)"):
            start = time.perf_counter()
            summary = ingest(files, jobs=args.jobs)
            took = time.perf_counter() - start
            print(
                f"{what}, {args.jobs} process(es): {n / took:8.1f} docs/s ({dict(summary.counts)})"
            )
    connections.close_all()


if __name__ == "__main__":
    main()
