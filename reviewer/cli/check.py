"""`pmreview check`: read inputs, review each, render, choose the exit code."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from reviewer import baseline as baseline_mod
from reviewer import config as config_mod
from reviewer.config import load_config
from reviewer.errors import UsageError
from reviewer.findings import Report, Severity
from reviewer.render import render
from reviewer.sources import expand

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


def review_sources(paths: list[str], loaded: config_mod.LoadedConfig, select: list[str] | None,
                   ignore: list[str] | None, stage: ReviewStage | None = None, jobs: int | None = 1,
                   keep_documents: bool = False) -> Report:
    """Every input reviewed, in input order (a process pool when jobs > 1; None: one per core).
    Documents are reduced to text + line index unless `keep_documents`."""
    from reviewer.cli.many import review_all

    overrides = {**({"select": select} if select is not None else {}), **({"ignore": ignore} if ignore else {})}

    def config_for(path: str) -> config_mod.Config:
        return config_mod.with_overrides(loaded.for_path(path), overrides, "command line: ")

    sources = expand(paths, loaded.config.max_file_bytes)
    return Report(tuple(review_all(sources, config_for, jobs, stage, keep_documents)))


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
    _validate_selectors("--select", select)
    _validate_selectors("--ignore", ignore)
    llm = llm or LLMOptions()
    loaded = load_config(config_path, paths[0] if paths else ".")
    session = start_llm(llm, loaded)
    known = baseline_mod.load(baseline) if baseline is not None else None  # a bad file fails before the work
    report = with_batches(llm, session, lambda: review_sources(paths, loaded, _split(select), _split(ignore),
                                                               session, jobs=1 if session else jobs))
    if write_baseline is not None:
        recorded = baseline_mod.write(report, write_baseline)
        print(f"pmreview: baseline {write_baseline}: {recorded} finding{'s' if recorded != 1 else ''} recorded",
              file=sys.stderr)
    if known is not None:
        report, dropped = baseline_mod.only_new(report, known)
        if dropped:
            print(f"pmreview: {dropped} known finding{'s' if dropped != 1 else ''} in the baseline not shown",
                  file=sys.stderr)
    if fmt == "text":
        from reviewer.render.text import render_text

        use_color = sys.stdout.isatty() if color is None else color
        output = render_text(report, color=use_color)
        if use_color:
            from rich.console import Console

            Console(highlight=False, soft_wrap=True).print(output, end="")
        else:
            sys.stdout.write(output)
    else:
        sys.stdout.write(render(report, fmt))
        # The text report lists file errors itself; for the machine formats they go to stderr too.
        for file in report.files:
            for error in file.errors:
                print(f"pmreview: error: {file.path}: {error.message}", file=sys.stderr)
    if session is not None:
        print(f"pmreview: {session.usage.summary(session.settings)}", file=sys.stderr)
        for note in session.incomplete:
            print(f"pmreview: warning: {note}", file=sys.stderr)
        if llm.required and session.incomplete:
            print("pmreview: error: the LLM review was incomplete and --llm-required is set", file=sys.stderr)
            return 2
    return exit_code(report, fail_on or loaded.config.fail_on)
