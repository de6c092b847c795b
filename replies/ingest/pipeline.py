"""The ingest pipeline: find files, read and parse each in a worker under a budget, load.

One bad file fails alone, with its name and the reason; the rest of the batch goes on, and the
run always ends with its summary: a file over its time or memory budget, a worker killed from
outside, a file name that is not UTF-8 or a symbolic link each fail or are skipped with a line.
"""

import logging
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.db import DatabaseError

from replies import dictionary, metrics
from replies.ingest.budget import DEFAULT_BUDGET, Budget, Overrun, run_bounded
from replies.ingest.load import FieldTooLong, Outcome, upsert_reply
from replies.ingest.normalize import clean
from replies.ingest.parse import parse
from replies.ingest.read import DOCUMENT_TYPES, ReadError, frequent_hanzi, read_document
from replies.ingest.records import ParsedReply, Source
from replies.textnorm import fingerprint

log = logging.getLogger(__name__)
FAILED = "failed"
SKIPPED = "skipped"
# What --json leaves out: the texts themselves (the archive stores them; the contract is fields).
JSON_OMITS = {"text", "proposal_text", "source_meta"}


@dataclass(frozen=True)
class FileResult:
    file: str  # the path as given (printable: bytes that are not UTF-8 shown as \xNN)
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
    skipped: list[tuple[str, str]] = field(default_factory=list)

    def add(self, result: FileResult) -> None:
        self.counts[result.outcome] += 1
        if result.outcome == SKIPPED:
            self.skipped.append((result.file, result.error))
        elif result.error:
            self.failures.append((result.file, result.error))


@dataclass(frozen=True)
class Found:
    """A file to import, or one passed over with the reason."""

    path: str
    skip: str = ""


def printable(path: str) -> str:
    """A path as a person can read it: bytes that are not UTF-8 shown as \\xNN."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def utf8_name(path: str) -> bool:
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:  # os.fsdecode turned bytes that are not UTF-8 into surrogates
        return False
    return True


def discover(paths: Iterable[str], *, follow_links: bool = False) -> list[Found]:
    """Every file named or under a named directory (recursively, hidden files skipped), in order.

    Under a directory, files of no document type (README.md, an index .json) are skipped;
    symbolic links are skipped (a link can publish /etc/passwd); with
    `follow_links`, ones that lead to a file or directory inside the named directory are
    followed. A file whose name is not UTF-8 is skipped: it could not be stored or shown."""
    found: list[Found] = []
    for given in paths:
        if not os.path.isdir(given):
            found.append(Found(given) if utf8_name(given) else Found(given, NOT_UTF8))
            continue
        root = os.path.realpath(given)
        seen = {root}
        under: list[Found] = []
        for folder, dirs, files in os.walk(given, followlinks=follow_links):
            real = os.path.realpath(folder)
            if folder != given and real in seen:
                dirs[:] = []  # a link that loops back into the tree
                continue
            seen.add(real)
            kept = []
            for name in (d for d in dirs if not d.startswith(".")):
                entry = classify(os.path.join(folder, name), root, follow_links)
                if entry.skip:
                    under.append(entry)
                else:
                    kept.append(name)
            dirs[:] = kept
            for name in (f for f in files if not f.startswith(".")):
                under.append(classify(os.path.join(folder, name), root, follow_links))
        found.extend(sorted(under, key=lambda entry: entry.path))
    return found


NOT_UTF8 = "the file name is not valid UTF-8; rename the file and import it again"
LINK_SKIPPED = "a symbolic link, not followed (--follow-links follows links inside the folder)"
LINK_OUTSIDE = "a symbolic link to somewhere outside the folder, not followed"


def classify(path: str, root: str, follow_links: bool) -> Found:
    if not utf8_name(path):
        return Found(path, NOT_UTF8)
    suffix = os.path.splitext(path)[1].lower()
    if not os.path.isdir(path) and suffix not in DOCUMENT_TYPES:
        return Found(path, f"not a reply document ({suffix or 'no extension'}), skipped")
    if os.path.islink(path):
        if not follow_links:
            return Found(path, LINK_SKIPPED)
        if not within(os.path.realpath(path), root):
            return Found(path, LINK_OUTSIDE)
    return Found(path)


def within(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def parse_file(file: str) -> FileResult:
    """Read and parse one file; never raises for a bad file (only MemoryError, which the
    budget turns into this file's failure)."""
    path = Path(file)
    if not path.is_file():
        return FileResult(file=file, error="no such file", outcome=FAILED)
    try:
        document = read_document(path)
        parsed = parse(document)
    except ReadError as exc:
        return FileResult(file=file, error=str(exc), outcome=FAILED)
    except MemoryError:
        raise
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


def warm_up() -> None:
    """Load the tables every parse reads (jieba's dictionary and its parts of speech, the
    frequent characters) once, before the workers fork: they share them instead of each
    spending about two seconds on its own copy."""
    frequent_hanzi()
    metrics.word_tags()
    dictionary.segmenter().initialize()


def parse_all(
    found: list[Found],
    jobs: int,
    budget: Budget = DEFAULT_BUDGET,
    on_progress: Callable[[str, str], None] = lambda file, message: None,
) -> Iterator[FileResult]:
    """Each file's result, in order; the readable ones parsed in workers under the budget
    (their notes on the way, such as OCR's pages, to `on_progress`)."""
    readable = [f.path for f in found if not f.skip]
    if readable:
        warm_up()
    parsed = run_bounded(parse_file, readable, jobs=jobs, budget=budget, on_progress=on_progress)
    for item in found:
        if item.skip:
            yield FileResult(file=printable(item.path), error=item.skip, outcome=SKIPPED)
            continue
        result = next(parsed)
        if isinstance(result, Overrun):
            result = FileResult(file=item.path, error=result.reason, outcome=FAILED)
        yield result


def ingest(
    paths: Iterable[str],
    *,
    dry_run: bool = False,
    update: bool = False,
    force: bool = False,
    jobs: int = 1,
    budget: Budget = DEFAULT_BUDGET,
    follow_links: bool = False,
    on_result: Callable[[FileResult], None] = lambda result: None,
    on_progress: Callable[[str, str], None] = lambda file, message: None,
) -> Summary:
    """Import the files under `paths`; report each file to `on_result` as it is done, and what
    a long one is doing (OCR's pages) to `on_progress`."""
    summary = Summary()
    found = discover(paths, follow_links=follow_links)
    for result in parse_all(found, jobs, budget, on_progress):
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
    except FieldTooLong as exc:
        return FileResult(result.file, result.parsed, result.source, str(exc), FAILED)
    except DatabaseError as exc:  # the document's transaction rolled back: no partial rows
        reason = f"could not store: {str(exc).strip().splitlines()[0]}"
        return FileResult(result.file, result.parsed, result.source, reason, FAILED)
    return FileResult(result.file, result.parsed, result.source, outcome=Outcome(outcome).value)
