"""`pmreview check`: read inputs, review each, render, choose the exit code."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from reviewer import baseline as baseline_mod
from reviewer import config as config_mod
from reviewer.config import load_config
from reviewer.errors import UsageError
from reviewer.findings import FileReport, Report, Severity
from reviewer.render.stream import StreamWriter
from reviewer.sources import locate

R = TypeVar("R")

if TYPE_CHECKING:
    from reviewer.stage import ReviewStage


@dataclass(frozen=True)
class LLMOptions:
    enabled: bool = False
    model: str | None = None
    base_url: str | None = None
    required: bool = False
    redact: bool = True
    batch: bool = False  # through the provider's Batch API (half price, answers within 24 h)
    batch_state: Path = Path(".pmreview-batch.json")
    batch_poll: float = 30.0
    timeout: float | None = None  # --llm-timeout: seconds for one answer (config [llm] timeout)
    may_dismiss: bool = False  # --llm-may-dismiss: the LLM's "not blame" may lower the exit code


def _validate_selectors(option: str, values: list[str] | None) -> None:
    for value in values or []:
        for item in value.split(","):
            if item and not config_mod.known_rule_selector(item):
                raise UsageError(f"{option} {item}: unknown rule (see `pmreview rules`)")


def _split(values: list[str] | None) -> list[str] | None:
    if values is None:
        return None
    return [item for value in values for item in value.split(",") if item]


def _config_for(loaded: config_mod.LoadedConfig, select: list[str] | None,
                ignore: list[str] | None) -> Callable[[str], config_mod.Config]:
    overrides = {**({"select": select} if select is not None else {}), **({"ignore": ignore} if ignore else {})}
    made: dict[int, tuple[config_mod.Config, config_mod.Config]] = {}  # one merged config per base config

    def config_for(path: str) -> config_mod.Config:
        base = loaded.for_path(path)
        found = made.get(id(base))
        if found is None or found[0] is not base:
            found = made[id(base)] = (base, config_mod.with_overrides(base, overrides, "command line: "))
        return found[1]

    return config_for


def review_sources(paths: list[str], loaded: config_mod.LoadedConfig, select: list[str] | None,
                   ignore: list[str] | None, stage: ReviewStage | None = None, jobs: int | None = 1,
                   keep_documents: bool = False) -> Report:
    """Every input reviewed, in input order (a process pool when jobs > 1; None: one per core).
    Documents are reduced to text + line index unless `keep_documents`."""
    from reviewer.cli.many import review_all

    limit = loaded.config.max_file_bytes
    items = locate(paths, limit)
    reports: Iterator[FileReport] = review_all(items, _config_for(loaded, select, ignore), jobs, stage,
                                               keep_documents, limit=limit)
    return Report(tuple(reports))


def exit_code(report: Report, fail_on: str) -> int:
    if report.has_errors:
        return 2
    level = None if fail_on == "never" else Severity.parse(fail_on)
    return 1 if report.fails(level) else 0


def start_llm(options: LLMOptions, loaded: config_mod.LoadedConfig):
    """The LLM session, or None for a rules-only run (which never imports the LLM stack)."""
    if not options.enabled:
        return None
    from reviewer.llm.review import LLMSession

    if options.timeout is not None and options.timeout <= 0:
        raise UsageError(f"--llm-timeout {options.timeout:g}: must be more than 0 seconds")
    settings = loaded.config.llm.model_copy(update={
        **({"timeout": options.timeout} if options.timeout is not None else {}),
        **({"may_dismiss": True} if options.may_dismiss else {}),
    })
    return LLMSession(settings, model=options.model, base_url=options.base_url, redact=options.redact)


def with_batches(options: LLMOptions, session, review_round: Callable[[], R]) -> R:
    """`review_round()` directly, or through Batch API rounds with --llm-batch."""
    if session is None or not options.batch:
        return review_round()
    from reviewer.llm.batch.driver import BatchRun

    runner = BatchRun(session, state_path=options.batch_state, poll_seconds=options.batch_poll)
    result = runner.run(review_round)
    print(f"pmreview: {runner.usage.summary()}", file=sys.stderr)
    return result


def run_check(paths: list[str], fmt: str, fail_on: str | None, select: list[str] | None,
              ignore: list[str] | None, config_path: Path | None, color: bool | None,
              llm: LLMOptions | None = None, *, jobs: int | None = None, baseline: Path | None = None,
              write_baseline: Path | None = None) -> int:
    from reviewer.cli.many import review_all
    from reviewer.cli.outcome import Outcome, OutputOptions, outcome

    _validate_selectors("--select", select)
    _validate_selectors("--ignore", ignore)
    llm = llm or LLMOptions()
    loaded = load_config(config_path, paths[0] if paths else ".")
    session = start_llm(llm, loaded)
    known = baseline_mod.load(baseline) if baseline is not None else None  # a bad file fails before the work
    use_color = fmt == "text" and (sys.stdout.isatty() if color is None else color)
    options = OutputOptions(fmt, use_color, known, write_baseline.parent if write_baseline is not None else None)
    limit = loaded.config.max_file_bytes
    config_for = _config_for(loaded, _split(select), _split(ignore))

    def review_round() -> Iterator[Outcome]:
        # Each file's output is rendered where it was reviewed (a worker) and written here in
        # input order; no report is kept, so a run of 10,000 files needs no more memory than one.
        items = locate(paths, limit)
        return review_all(items, config_for, 1 if session else jobs, session, limit=limit,
                          after=functools.partial(outcome, options))

    # Batch API rounds repeat the review until every answer is in: only the last round's output counts.
    rounds = (lambda: list(review_round())) if session is not None and llm.batch else review_round
    outcomes: Iterable[Outcome] = with_batches(llm, session, rounds)
    console = None
    if use_color:
        from rich.console import Console

        console = Console(highlight=False, soft_wrap=True)
    writer = StreamWriter(fmt, (lambda text: console.print(text, end="")) if console else sys.stdout.write, use_color)
    recorded: list[tuple[str, list[dict]]] = []
    errors: list[str] = []
    dropped = 0
    level = None if (fail_on or loaded.config.fail_on) == "never" else Severity.parse(fail_on or loaded.config.fail_on)
    fails = False
    for result in outcomes:
        writer.add(result.part)
        dropped += result.dropped
        if result.entries is not None:
            recorded.append(result.entries)
        errors += [f"{result.part.path}: {message}" for message in result.part.errors]
        fails = fails or result.part.fails(level)
    if write_baseline is not None:  # written before the report ends, as before streaming
        count = baseline_mod.write_document(baseline_mod.document(recorded), write_baseline)
        print(f"pmreview: baseline {write_baseline}: {count} finding{'s' if count != 1 else ''} recorded",
              file=sys.stderr)
    if dropped:
        print(f"pmreview: {dropped} known finding{'s' if dropped != 1 else ''} in the baseline not shown",
              file=sys.stderr)
    writer.close()
    if fmt != "text":  # the text report lists file errors itself; for the machine formats they go to stderr too
        for message in errors:
            print(f"pmreview: error: {message}", file=sys.stderr)
    if session is not None:
        print(f"pmreview: {session.usage.summary(session.settings)}", file=sys.stderr)
        for note in session.incomplete:
            print(f"pmreview: warning: {note}", file=sys.stderr)
        if llm.required and session.incomplete:
            print("pmreview: error: the LLM review was incomplete and --llm-required is set", file=sys.stderr)
            return 2
    if writer.has_errors:
        return 2
    return 1 if fails else 0
