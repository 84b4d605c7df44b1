"""`pmreview check`: read inputs, review each, render, choose the exit code."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reviewer import config as config_mod
from reviewer.config import load_config
from reviewer.errors import UsageError
from reviewer.findings import Report, Severity
from reviewer.render import render
from reviewer.review import review
from reviewer.sources import expand

if TYPE_CHECKING:
    from reviewer.stage import ReviewStage


@dataclass(frozen=True)
class LLMOptions:
    enabled: bool = False
    model: str | None = None
    base_url: str | None = None
    required: bool = False
    redact: bool = True


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
                   ignore: list[str] | None, stage: ReviewStage | None = None) -> Report:
    """Every input reviewed; each FileReport carries its document (or the input's error)."""
    overrides = {**({"select": select} if select is not None else {}), **({"ignore": ignore} if ignore else {})}
    reports = []
    for source in expand(paths, loaded.config.max_file_bytes):
        cfg = config_mod.with_overrides(loaded.for_path(source.path), overrides, "command line: ")
        reports.append(review(source, config=cfg, stage=stage))
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

    return LLMSession(loaded.config.llm, options.model, options.base_url, options.redact)


def run_check(paths: list[str], fmt: str, fail_on: str | None, select: list[str] | None,
              ignore: list[str] | None, config_path: Path | None, color: bool | None,
              llm: LLMOptions | None = None) -> int:
    _validate_selectors("--select", select)
    _validate_selectors("--ignore", ignore)
    llm = llm or LLMOptions()
    loaded = load_config(config_path, paths[0] if paths else ".")
    session = start_llm(llm, loaded)
    report = review_sources(paths, loaded, _split(select), _split(ignore), session)
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
