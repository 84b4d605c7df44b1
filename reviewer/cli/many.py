"""Review many inputs: in this process or in a process pool, always in input order.

A corpus run (hundreds or thousands of postmortems) spends its time in parsing and rules,
which are CPU-bound Python: a process pool is the way to use more than one core. Workers are
forked after the rules are loaded, so they start warm. Each worker sends back its report with
a document reduced to its text and line index (what renderers read), which keeps the pickles
small and the parent's memory flat. An LLM stage always runs in this process: it has its own
request concurrency and its answer cache.

The progress bar goes to stderr, only when stderr is a terminal (never into piped output).
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import nullcontext
from dataclasses import replace
from typing import TYPE_CHECKING, TypeVar

from reviewer.config import Config
from reviewer.findings import FileReport
from reviewer.review import review
from reviewer.sources import Source

if TYPE_CHECKING:
    from reviewer.stage import ReviewStage

T = TypeVar("T")
R = TypeVar("R")
MIN_FILES_PER_JOB = 8  # below this a pool costs more than it saves


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


def _review_one(task: tuple[Source, Config]) -> FileReport:
    source, config = task
    return review(source, config=config)


def _review_one_slim(task: tuple[Source, Config]) -> FileReport:
    return slim(_review_one(task))


def _warm() -> None:
    """Load rules, lexicons and patterns once in the parent, so forked workers start warm."""
    review("# Summary\n\nWarm-up.\n", "<warm-up>")


def _pool(jobs: int) -> ProcessPoolExecutor:
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods:
        _warm()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    return ProcessPoolExecutor(max_workers=jobs, mp_context=context)


def progress_bar(total: int, description: str):
    """A rich progress bar on stderr when it is a terminal; otherwise nothing at all."""
    if total < 2 or not sys.stderr.isatty():
        return nullcontext(None)
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    # redirect_stdout=False: results written to stdout must never be routed into the bar's console.
    return Progress(TextColumn(description), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=Console(stderr=True), transient=True, redirect_stdout=False, redirect_stderr=False)


def map_ordered(fn: Callable[[T], R], tasks: Sequence[T], jobs: int, description: str = "reviewing") -> Iterator[R]:
    """fn over tasks, results in task order, in a pool when jobs > 1."""
    with progress_bar(len(tasks), description) as bar:
        task_id = bar.add_task(description, total=len(tasks)) if bar is not None else None
        if jobs <= 1 or len(tasks) < 2:
            results: Iterator[R] = map(fn, tasks)
            executor = None
        else:
            executor = _pool(jobs)
            chunk = max(1, min(16, len(tasks) // (jobs * 4)))
            results = executor.map(fn, tasks, chunksize=chunk)
        try:
            for result in results:
                if bar is not None and task_id is not None:
                    bar.advance(task_id)
                yield result
        finally:
            if executor is not None:
                executor.shutdown(cancel_futures=True)


def review_all(sources: Sequence[Source], config_for: Callable[[str], Config], jobs: int | None,
               stage: ReviewStage | None = None, keep_documents: bool = False) -> Iterator[FileReport]:
    """Every source reviewed, in order. With a stage (the LLM), one process. Documents are
    slimmed to text + line index unless `keep_documents` (fix needs the parse)."""
    if stage is not None:
        yield from map_ordered(lambda s: review(s, config=config_for(s.path), stage=stage), sources, 1)
        return
    workers = default_jobs(len(sources)) if jobs is None else jobs
    tasks = [(s, config_for(s.path)) for s in sources]
    yield from map_ordered(_review_one if keep_documents else _review_one_slim, tasks, workers)
