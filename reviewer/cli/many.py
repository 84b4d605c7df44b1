"""Review many inputs: in this process or in a process pool, always in input order.

A corpus run (hundreds or thousands of postmortems) spends its time in parsing and rules,
which are CPU-bound Python: a process pool is the way to use more than one core. Workers are
forked after the rules are loaded, so they start warm, and take chunks of tasks
(reviewer.cli.forked; a multiprocessing pool of spawned workers where there is no fork). Files are
read by the worker that reviews them, and a corpus run (`check`) has the worker render the
file's part of the output too: only a few strings come back, and the parent writes them in
input order and drops them, so memory stays flat however many files there are. Without such a
step a worker sends back its report with a document reduced to its text and line index (what
renderers read). An LLM stage always runs in this process: it has its own request
concurrency and its answer cache.

The progress bar goes to stderr, only when stderr is a terminal (never into piped output).
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import nullcontext
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from reviewer import gc_hold
from reviewer.findings import FileReport
from reviewer.review import review
from reviewer.sources import Source, read_path

if TYPE_CHECKING:
    from reviewer.config import Config
    from reviewer.stage import ReviewStage

T = TypeVar("T")
R = TypeVar("R")
MIN_FILES_PER_JOB = 8  # below this a pool costs more than it saves
Item = Source | Path  # a Path is read where it is reviewed (a worker), so the parent never holds the corpus

# What a worker does with each report before sending it back (set once per worker by the pool's
# initializer): e.g. render the file's part of the output, so only a few strings cross the pipe.
_after: Callable[[FileReport], object] | None = None


def default_jobs(files: int) -> int:
    """One process per core, but no pool for a handful of files."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(cores, files // MIN_FILES_PER_JOB))


def slim(report: FileReport) -> FileReport:
    """The report with its document reduced to text + line index (what renderers use)."""
    doc = report.document
    if doc is None:
        return report
    return replace(report, document=replace(doc, sections=(), segments=(), comments=()))


def _install(after: Callable[[FileReport], object] | None) -> None:
    global _after
    _after = after


def _review_item(task: tuple[Item, Config, int]) -> FileReport:
    item, config, limit = task
    source = read_path(item, limit) if isinstance(item, Path) else item
    return review(source, config=config)


def _review_one(task: tuple[Item, Config, int]) -> object:
    report = _review_item(task)
    return _after(report) if _after is not None else report


def _review_one_slim(task: tuple[Item, Config, int]) -> object:
    report = _review_item(task)
    return _after(report) if _after is not None else slim(report)


def _warm() -> None:
    """Load rules, lexicons and patterns once in the parent, so forked workers start warm."""
    review("# Summary\n\nWarm-up.\n", "<warm-up>")


def progress_bar(total: int, description: str):
    """A rich progress bar on stderr when it is a terminal; otherwise nothing at all."""
    if total < 2 or not sys.stderr.isatty():
        return nullcontext(None)
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    # redirect_stdout=False: results written to stdout must never be routed into the bar's console.
    return Progress(TextColumn(description), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=Console(stderr=True), transient=True, redirect_stdout=False, redirect_stderr=False)


def _chunk_size(tasks: int, jobs: int) -> int:
    """Chunks small enough that the last one costs little waiting (200 files on 2 cores: 3 files,
    ~30 ms), large enough that 10,000 files are a few hundred messages."""
    return max(1, min(8, tasks // (jobs * 32)))


def _pooled(fn: Callable[[T], R], tasks: Sequence[T], jobs: int,
            after: Callable[[FileReport], object] | None) -> Iterator[R]:
    """fn over tasks in `jobs` forked (else spawned) workers, results in task order. Forked
    workers (reviewer.cli.forked) are started here, before the caller starts a thread (the
    progress bar's): forking a process with threads can deadlock the child."""
    if hasattr(os, "fork"):
        _install(after)  # inherited by the workers
        _warm()
        gc_hold.loaded()  # collections back on (if the CLI held them) before the workers inherit the state
        # What the parent built so far (rules, lexicons, patterns) is never garbage: out of the
        # collector's sight, a worker's collections neither walk it nor touch (copy) its pages.
        gc.freeze()
        from reviewer.cli.forked import forked_map
        from reviewer.disk_cache import save_all

        # Workers keep what they built (word lists, patterns the warm-up did not need) for the next run.
        return forked_map(fn, tasks, jobs, _chunk_size(len(tasks), jobs), at_end=save_all)
    return _spawned(fn, tasks, jobs, after)


def _spawned(fn: Callable[[T], R], tasks: Sequence[T], jobs: int,
             after: Callable[[FileReport], object] | None) -> Iterator[R]:
    """Where there is no fork: a multiprocessing pool of spawned workers, each set up by `_install`."""
    import multiprocessing

    pool = multiprocessing.get_context("spawn").Pool(jobs, initializer=_install, initargs=(after,))
    try:
        yield from pool.imap(fn, tasks, chunksize=_chunk_size(len(tasks), jobs))
        pool.close()
    finally:
        pool.terminate()
        pool.join()


def _serial(fn: Callable[[T], R], tasks: Sequence[T]) -> Iterator[R]:
    """fn over tasks in this process; the first review loads the rules (see reviewer.gc_hold)."""
    for index, task in enumerate(tasks):
        yield fn(task)
        if index == 0:
            gc_hold.loaded()


def map_ordered(fn: Callable[[T], R], tasks: Sequence[T], jobs: int, description: str = "reviewing",
                after: Callable[[FileReport], object] | None = None) -> Iterator[R]:
    """fn over tasks, results in task order, in a pool when jobs > 1 (`after`: see `_after`)."""
    if jobs <= 1 or len(tasks) < 2:
        _install(after)
        results: Iterator[R] = _serial(fn, tasks)
    else:
        results = _pooled(fn, tasks, jobs, after)
    try:
        with progress_bar(len(tasks), description) as bar:
            task_id = bar.add_task(description, total=len(tasks)) if bar is not None else None
            for result in results:
                if bar is not None and task_id is not None:
                    bar.advance(task_id)
                yield result
    finally:
        _install(None)
        close = getattr(results, "close", None)
        if close is not None:
            close()


def review_all(items: Sequence[Item], config_for: Callable[[str], Config], jobs: int | None,
               stage: ReviewStage | None = None, keep_documents: bool = False, *, limit: int,
               after: Callable[[FileReport], R] | None = None) -> Iterator[R]:
    """Every input reviewed, in order. With a stage (the LLM), one process. Documents are
    slimmed to text + line index unless `keep_documents` (fix needs the parse). `after`, when
    given, turns each report into what is yielded, where the review ran (a worker); a Path
    item is read there too, at most `limit` + 1 bytes."""
    if stage is not None:
        def with_stage(item: Item) -> object:
            source = read_path(item, limit) if isinstance(item, Path) else item
            report = review(source, config=config_for(source.path), stage=stage)
            return after(report) if after is not None else report
        yield from map_ordered(with_stage, items, 1)  # type: ignore[misc]
        return
    workers = default_jobs(len(items)) if jobs is None else jobs
    tasks = [(item, config_for(str(item) if isinstance(item, Path) else item.path), limit) for item in items]
    yield from map_ordered(_review_one if keep_documents else _review_one_slim, tasks, workers,  # type: ignore[misc]
                           after=after)
