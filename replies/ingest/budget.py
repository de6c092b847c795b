"""The budget each document is read and parsed under: worker processes with a memory limit,
and a wall-clock limit per document.

A document that runs past either fails alone with one line saying which limit it passed; its
worker is replaced and the batch goes on. A worker killed from outside (the kernel's OOM killer,
a signal) fails the document it held the same way. Results come back in the order given.
"""

import contextlib
import multiprocessing
import os
import resource
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any

DEFAULT_SECONDS = 60.0
DEFAULT_MEMORY_MB = 2048  # address space: OCR of a 200-dpi page maps about 1.4 GB
MB = 1024 * 1024
PREFETCH = 4  # items sent ahead to each worker
MEMORY_EXIT = 86  # a worker's exit status when it could not even report its MemoryError
STOP = None  # sent to a worker to end it (it also holds the parent's end of the pipe)


@dataclass(frozen=True)
class Budget:
    seconds: float = DEFAULT_SECONDS  # wall-clock time per document
    memory_mb: int = DEFAULT_MEMORY_MB  # memory a document may take beyond a worker's own


DEFAULT_BUDGET = Budget()


@dataclass(frozen=True)
class Overrun:
    """What a document was failed for instead of a result."""

    reason: str


def address_space() -> int:
    """This process's virtual memory size in bytes (what RLIMIT_AS counts)."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")


@dataclass(frozen=True)
class Progress:
    """A note on the item a worker is working on (OCR's pages), sent before its result."""

    message: str


_reporting: Connection | None = None  # in a worker: where report() sends its notes


def report(message: str) -> None:
    """Tell whoever runs this work how it is going; nothing outside a worker."""
    if _reporting is not None:
        _reporting.send(Progress(message))


def serve(connection: Connection, work: Callable[[Any], Any], budget: Budget) -> None:
    """A worker: take items, send back results, until told to stop. The memory limit is the
    worker's size at the start plus the budget; past it, allocations raise MemoryError."""
    global _reporting
    _reporting = connection
    limit = address_space() + budget.memory_mb * MB
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    while True:
        try:
            item = connection.recv()
        except (EOFError, KeyboardInterrupt):
            return
        if item is STOP:
            return
        try:
            connection.send(work(item))  # pickling a large result takes memory too
            continue
        except MemoryError:
            pass
        # Outside the handler, the exception's frames (and what the document took) are freed.
        try:
            connection.send(Overrun(over_memory(budget)))
        except MemoryError:
            os._exit(MEMORY_EXIT)  # the parent reads the status
        return  # a fresh worker for the next document


class Worker:
    """A worker process and the items sent to it, oldest first: it works on the head."""

    def __init__(self, context, work: Callable[[Any], Any], budget: Budget):
        self.connection, child = context.Pipe()
        self.process = context.Process(
            target=serve, args=(child, work, budget), daemon=True, name="ingest-worker"
        )
        self.process.start()
        child.close()
        self.pending: deque[tuple[int, Any]] = deque()
        self.started = 0.0  # when the head began (as far as the parent saw)

    def give(self, index: int, item: Any) -> None:
        if not self.pending:
            self.started = time.monotonic()
        self.pending.append((index, item))
        with contextlib.suppress(OSError):  # it died; collect() reports the head as failed
            self.connection.send(item)

    def stop(self, kill: bool = False) -> None:
        if kill:
            self.process.kill()
        else:
            with contextlib.suppress(OSError):
                self.connection.send(STOP)
        self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()


def over_memory(budget: Budget) -> str:
    return f"needs more than the {budget.memory_mb} MB memory limit"


def died(worker: Worker, budget: Budget) -> Overrun:
    code = worker.process.exitcode
    if code == MEMORY_EXIT:
        return Overrun(over_memory(budget))
    if code is not None and code < 0:
        how = f"was killed by signal {-code}" + (" (out of memory?)" if code == -9 else "")
    else:
        how = f"exited with status {code}"
    return Overrun(f"the worker reading it {how}")


def run_bounded(
    work: Callable[[Any], Any],
    items: Iterable[Any],
    *,
    jobs: int,
    budget: Budget,
    on_progress: Callable[[Any, str], None] = lambda item, message: None,
) -> Iterator[Any]:
    """work(item) for each item in `jobs` worker processes, in order; an item that overran its
    budget or whose worker died gives an Overrun instead.

    Each worker holds up to PREFETCH items, so that it keeps working while the caller handles
    a result (an import loads it into the database). When a worker fails, the item it was on
    fails and the ones queued behind it go to its replacement."""
    queue = deque(enumerate(items))
    total = len(queue)
    if not total:
        return
    context = multiprocessing.get_context("fork")  # workers inherit the configured process
    workers = [Worker(context, work, budget) for _ in range(min(jobs, total))]
    done: dict[int, Any] = {}
    emitted = 0
    try:
        while emitted < total:
            for worker in workers:
                while queue and len(worker.pending) < PREFETCH:
                    worker.give(*queue.popleft())
            busy = [w for w in workers if w.pending]
            timeout = max(0.0, min(w.started for w in busy) + budget.seconds - time.monotonic())
            wait([w.connection for w in busy] + [w.process.sentinel for w in busy], timeout)
            for position, worker in enumerate(workers):
                if worker.pending and not collect(worker, budget, done, on_progress):
                    worker.stop(kill=True)
                    queue.extendleft(reversed(worker.pending))  # not theirs to fail
                    workers[position] = Worker(context, work, budget)
            while emitted in done:
                yield done.pop(emitted)
                emitted += 1
    finally:
        for worker in workers:
            worker.stop(kill=bool(worker.pending))


def collect(
    worker: Worker, budget: Budget, done: dict[int, Any], on_progress: Callable[[Any, str], None]
) -> bool:
    """Move the worker's answers into `done` (its notes to `on_progress`); False when it has to
    be replaced (it died, ran out of time or memory), its head then failed with the reason."""
    while worker.pending and worker.connection.poll():
        try:
            answer = worker.connection.recv()
        except (EOFError, OSError):
            index, _ = worker.pending.popleft()
            done[index] = died(worker, budget)
            return False
        if isinstance(answer, Progress):
            on_progress(worker.pending[0][1], answer.message)
            continue
        index, _ = worker.pending.popleft()
        done[index] = answer
        worker.started = time.monotonic()
        if isinstance(answer, Overrun):  # out of memory: the worker has ended itself
            return False
    if not worker.pending:
        return True
    if not worker.process.is_alive():
        index, _ = worker.pending.popleft()
        done[index] = died(worker, budget)
        return False
    if time.monotonic() - worker.started > budget.seconds:
        index, _ = worker.pending.popleft()
        done[index] = Overrun(f"took longer than the {budget.seconds:g} s time limit")
        return False
    return True
