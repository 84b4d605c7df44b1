"""Rounds of review -> batch -> cache until the chain needs nothing more (see the package docstring)."""

from __future__ import annotations

import sys
import time
import uuid
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from reviewer.errors import UsageError
from reviewer.llm.batch import api
from reviewer.llm.batch.requests import Deferred, Recorder, cache_entry, line_for
from reviewer.llm.batch.state import BatchRecord, RunFile

R = TypeVar("R")
MAX_ROUNDS = 5  # detect + actions, rewrites, re-asks of each, and one resubmission of expired lines


@dataclass
class BatchUsage:
    requests: int = 0
    batches: int = 0
    tokens_in: int = 0
    tokens_out: int = 0
    failed: dict[str, str] = field(default_factory=dict)  # cache key -> why the line has no answer
    resumed: int = 0  # batches polled from an earlier, interrupted run

    def summary(self) -> str:
        text = (f"LLM batch: {self.requests} requests in {self.batches} batches, "
                f"{self.tokens_in} tokens in / {self.tokens_out} out")
        if self.resumed:
            text += f", {self.resumed} resumed from the state file"
        if self.failed:
            first = next(iter(self.failed.values()))
            text += f", {len(self.failed)} without an answer ({first})"
        return text


class BatchRun:
    """Runs `review_round` until every request it needs has an answer in the cache."""

    def __init__(self, session: Any, *, state_path: Path, poll_seconds: float = 30.0,
                 client: Any = None, progress: bool | None = None, log: Callable[[str], None] | None = None) -> None:
        if session.cache is None:
            raise UsageError("--llm-batch needs the answer cache (it is where batch answers land)")
        self.session = session
        self.state_path = state_path
        self.poll_seconds = poll_seconds
        self.client = client or api.client_for(session.target, session.settings)
        self.progress = sys.stderr.isatty() if progress is None else progress
        self.log = log or (lambda message: print(f"pmreview: {message}", file=sys.stderr))
        self.usage = BatchUsage()
        self.run_id = uuid.uuid4().hex[:12]
        self._submitted: set[str] = set()  # batch ids this process created (the rest are resumed)

    def run(self, review_round: Callable[[], R]) -> R:
        if not api.supports_batches(self.client):
            self.log("the server has no Batch API (/v1/batches): sending the requests directly")
            return review_round()
        runfile = RunFile.open(self.state_path, self.session.identity)
        state = self.session.state
        for _ in range(MAX_ROUNDS):
            recorder = Recorder()
            state.recorder = recorder
            self._fresh_round()
            result = review_round()
            pending = [p for p in recorder.take() if p.key not in self.usage.failed]
            if not pending:
                break
            self._resolve(pending, runfile)
        state.recorder = None
        return result

    def _fresh_round(self) -> None:
        """Earlier rounds only gather requests: their counts and notes are not the run's."""
        from reviewer.llm.budget import Usage

        self.session.state.usage = Usage()
        self.session.incomplete.clear()

    # -- one round's requests -------------------------------------------------------------------
    def _resolve(self, pending: list[Deferred], runfile: RunFile) -> None:
        by_key = {p.key: p for p in pending}
        waiting: dict[str, BatchRecord] = {}
        new: list[Deferred] = []
        for request in pending:
            record = runfile.open_batch_for(request.key)
            if record is not None:
                waiting[record.id] = record
            else:
                new.append(request)
        self.usage.resumed += sum(1 for r in waiting.values() if r.id not in self._submitted)
        if new:
            model = self.session.chat_model()
            lines = [line_for(model, request) for request in new]
            for data in api.chunks(lines):
                keys = [line["custom_id"] for line in lines[: data.count(b"\n")]]
                lines = lines[len(keys):]
                batch_id = api.submit(self.client, data, self.run_id)
                record = BatchRecord(batch_id, keys)
                runfile.batches.append(record)
                runfile.save()  # before polling: a killed run finds this batch again
                self._submitted.add(batch_id)
                waiting[batch_id] = record
                self.usage.batches += 1
                self.usage.requests += len(keys)
        for record in waiting.values():
            self._collect(record, by_key, runfile)

    def _wait(self, record: BatchRecord) -> api.Status:
        bar = _progress(self.progress, f"batch {record.id}")
        with bar as progress:
            task = progress.add_task(f"batch {record.id}", total=len(record.keys)) if progress else None
            while True:
                status = api.status(self.client, record.id)
                if progress is not None and task is not None:
                    progress.update(task, total=status.total or len(record.keys), completed=status.done)
                if status.terminal:
                    return status
                time.sleep(self.poll_seconds)

    def _collect(self, record: BatchRecord, by_key: dict[str, Deferred], runfile: RunFile) -> None:
        status = self._wait(record)
        cache = self.session.cache
        answered: set[str] = set()
        for line in api.results(self.client, status):
            key = line.get("custom_id")
            request = by_key.get(key) if isinstance(key, str) else None
            if request is None:
                continue
            entry, why, usage = cache_entry(request, line)
            self.usage.tokens_in += int(usage.get("prompt_tokens") or 0)
            self.usage.tokens_out += int(usage.get("completion_tokens") or 0)
            if entry is not None:
                cache.put(request.key, entry)
                answered.add(request.key)
            elif why is not None and "expired" not in why:
                self.usage.failed[request.key] = why  # a per-line error: resubmitting repeats it
        if status.status == "failed":
            for key in record.keys:
                self.usage.failed.setdefault(key, "the provider rejected the batch input")
        # Expired or missing lines are not failures: the next round submits them again.
        record.status = "collected" if status.status in ("completed", "expired") else status.status
        runfile.save()


def _progress(show: bool, description: str):
    if not show:
        return nullcontext(None)
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(TextColumn(description), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=Console(stderr=True), transient=True, redirect_stdout=False, redirect_stderr=False)
