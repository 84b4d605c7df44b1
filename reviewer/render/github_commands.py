"""GitHub Actions workflow commands (::warning file=…::…): annotations without a token."""

from __future__ import annotations

from reviewer.findings import FileReport, Report, Severity

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def file_commands(file: FileReport) -> list[str]:
    lines = []
    for error in file.errors:
        lines.append(f"::error file={_escape_property(file.path)},title=pmreview::{_escape_data(error.message)}")
    for f in file.findings:
        if f.dismissed:
            continue
        props = [f"file={_escape_property(file.path)}", f"line={f.start.line}", f"endLine={f.end.line}"]
        if f.start.line == f.end.line:
            props += [f"col={f.start.column}", f"endColumn={f.end.column}"]
        props.append(f"title={_escape_property(f'{f.rule} {f.name}')}")
        body = f.message + (f"\nSuggestion: {f.suggestion}" if f.suggestion else "")
        lines.append(f"::{_COMMAND[f.severity]} {','.join(props)}::{_escape_data(body)}")
    return lines


def render_github(report: Report) -> str:
    from reviewer.render.stream import render_all

    return render_all(report, "github")
