"""`pmreview check`: read inputs, review each, render, choose the exit code."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from reviewer import config as config_mod
from reviewer.engine import review_text
from reviewer.errors import UsageError
from reviewer.findings import FileReport, Report, Severity, ToolError
from reviewer.render import render
from reviewer.sources import expand


@dataclass(frozen=True)
class LLMOptions:
    enabled: bool = False
    model: str | None = None
    base_url: str | None = None
    required: bool = False
    redact: bool = True


def load_config(explicit: Path | None, first_path: str) -> config_mod.LoadedConfig:
    if explicit is not None:
        if not explicit.is_file():
            raise UsageError(f"--config {explicit}: no such file")
        return config_mod.load(explicit)
    start = Path.cwd() if first_path == "-" else Path(first_path)
    return config_mod.load(config_mod.discover(start if start.exists() else Path.cwd()))


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
                   ignore: list[str] | None, llm_session=None) -> tuple[Report, dict[str, str]]:
    reports: list[FileReport] = []
    texts: dict[str, str] = {}
    for source in expand(paths, loaded.config.max_file_bytes):
        if source.text is None:
            reports.append(FileReport(source.path, errors=(ToolError(source.error or "unreadable", source.code),)))
            continue
        cfg = loaded.for_path(source.path)
        if select is not None or ignore:
            cfg = cfg.model_copy(update={
                **({"select": select} if select is not None else {}),
                **({"ignore": [*cfg.ignore, *(ignore or [])]} if ignore else {}),
            })
        texts[source.path] = source.text
        if llm_session is not None:
            reports.append(llm_session.review(source.text, source.path, cfg))
        else:
            reports.append(review_text(source.text, source.path, cfg))
    return Report(tuple(reports)), texts


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
    report, texts = review_sources(paths, loaded, _split(select), _split(ignore), session)
    if fmt == "text":
        from reviewer.render.text import render_text

        use_color = sys.stdout.isatty() if color is None else color
        output = render_text(report, texts, color=use_color)
        if use_color:
            from rich.console import Console

            Console(highlight=False, soft_wrap=True).print(output, end="")
        else:
            sys.stdout.write(output)
    else:
        sys.stdout.write(render(report, fmt, texts))
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
