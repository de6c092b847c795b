"""The ingest pipeline: find files, read and parse each (optionally in several processes), load.

One bad file fails alone, with its name and the reason; the rest of the batch goes on.
"""

import logging
import multiprocessing
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from django.db import DatabaseError

from replies.ingest.load import Outcome, upsert_reply
from replies.ingest.normalize import clean
from replies.ingest.parse import parse
from replies.ingest.read import ReadError, read_document
from replies.ingest.records import ParsedReply, Source
from replies.textnorm import fingerprint

log = logging.getLogger(__name__)
FAILED = "failed"
# What --json leaves out: the texts themselves (the archive stores them; the contract is fields).
JSON_OMITS = {"text", "proposal_text", "source_meta"}


@dataclass(frozen=True)
class FileResult:
    file: str  # the path as given
    parsed: ParsedReply | None = None
    source: Source | None = None
    error: str | None = None
    outcome: str | None = None

    def as_json(self) -> dict:
        if self.error:
            return {"file": self.file, "error": self.error}
        data = {k: v for k, v in self.parsed.as_json().items() if k not in JSON_OMITS}
        return {"file": self.file, **data}


@dataclass
class Summary:
    counts: Counter = field(default_factory=Counter)
    failures: list[tuple[str, str]] = field(default_factory=list)

    def add(self, result: FileResult) -> None:
        self.counts[result.outcome] += 1
        if result.error:
            self.failures.append((result.file, result.error))


def discover(paths: Iterable[str]) -> list[str]:
    """Every file named or under a named directory (recursively, hidden files skipped), in order."""
    found: list[str] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found.extend(
                str(p)
                for p in sorted(path.rglob("*"))
                if p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        else:
            found.append(given)
    return found


def parse_file(file: str) -> FileResult:
    """Read and parse one file; never raises for a bad file."""
    path = Path(file)
    if not path.is_file():
        return FileResult(file=file, error="no such file", outcome=FAILED)
    try:
        document = read_document(path)
        parsed = parse(document)
    except ReadError as exc:
        return FileResult(file=file, error=str(exc), outcome=FAILED)
    except Exception as exc:  # a parser bug must not stop the batch; the file fails alone
        log.exception("could not parse %s", file)
        return FileResult(
            file=file, error=f"could not parse: {type(exc).__name__}: {exc}", outcome=FAILED
        )
    source = Source(
        file=file,
        format=document.format,
        sha256=fingerprint(clean(document.text)),
        url=document.url,
    )
    return FileResult(file=file, parsed=parsed, source=source)


def parse_all(files: list[str], jobs: int) -> Iterator[FileResult]:
    if jobs <= 1 or len(files) < 2:
        yield from map(parse_file, files)
        return
    # fork: the workers inherit the configured Django process; they never touch the database.
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        yield from pool.map(parse_file, files, chunksize=8)


def ingest(
    paths: Iterable[str],
    *,
    dry_run: bool = False,
    update: bool = False,
    force: bool = False,
    jobs: int = 1,
    on_result: Callable[[FileResult], None] = lambda result: None,
) -> Summary:
    """Import the files under `paths`; report each file to `on_result` as it is done."""
    summary = Summary()
    for result in parse_all(discover(paths), jobs):
        if result.error is None:
            result = load(result, dry_run=dry_run, update=update, force=force)
        summary.add(result)
        on_result(result)
    return summary


def load(result: FileResult, *, dry_run: bool, update: bool, force: bool) -> FileResult:
    if dry_run:
        return FileResult(result.file, result.parsed, result.source, outcome="parsed")
    try:
        outcome, _ = upsert_reply(
            parsed=result.parsed, source=result.source, update=update, force=force
        )
    except DatabaseError as exc:  # the document's transaction rolled back: no partial rows
        reason = f"could not store: {str(exc).strip().splitlines()[0]}"
        return FileResult(result.file, result.parsed, result.source, reason, FAILED)
    return FileResult(result.file, result.parsed, result.source, outcome=Outcome(outcome).value)
