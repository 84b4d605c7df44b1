"""Human output: a ruff-like code frame per finding, then a summary line.

Colour is rich markup, applied only when the CLI says the terminal wants it; the plain
text is what snapshot tests pin.
"""

from __future__ import annotations

from reviewer.findings import FileReport, Finding, Report, Severity

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
MAX_FRAME_LINES = 4


def escape(text: str) -> str:
    """rich markup escaping, imported only for colour output (rich costs start-up time)."""
    from rich.markup import escape as rich_escape

    return rich_escape(text)


def _frame(f: Finding, file: FileReport) -> list[str]:
    first, last = f.start.line, min(f.end.line, f.start.line + MAX_FRAME_LINES - 1)
    width = len(str(last))
    out = [f"{' ' * width} |"]
    for number in range(first, last + 1):
        text = file.line_text(number)
        out.append(f"{number:>{width}} | {text.expandtabs(4)}")
        start = f.start.column if number == first else 1
        end = f.end.column if number == f.end.line else len(text) + 1
        caret = max(1, end - start)
        out.append(f"{' ' * width} | {' ' * (start - 1)}{'^' * caret}")
    return out


def render_finding(f: Finding, file: FileReport, color: bool = False) -> list[str]:
    path = file.path
    tag = f"{f.rule} [{f.severity.label}]"
    if color:
        tag = f"[{_STYLE[f.severity]}]{tag}[/]"
    head = f"{escape(path) if color else path}:{f.start.line}:{f.start.column}: {tag} "
    head += escape(f.message) if color else f.message
    out = [head]
    if file.document is not None:
        frame = _frame(f, file)
        out += [escape(x) if color else x for x in frame]
    if f.suggestion:
        label = "suggestion" if f.edits else "instead"
        text = f"  = {label}: {f.suggestion}"
        out.append(f"[green]{escape(text)}[/]" if color else text)
    if f.note:
        out.append(f"  = note: {escape(f.note) if color else f.note}")
    return out


def file_lines(file: FileReport, color: bool = False) -> list[str]:
    """One file's lines: its errors, each finding with its code frame, its notes."""
    out: list[str] = []
    for error in file.errors:
        msg = f"{file.path}: error: {error.message}"
        out.append(f"[bold red]{escape(msg)}[/]" if color else msg)
    for f in file.findings:
        if f.dismissed:
            continue
        out += render_finding(f, file, color)
        out.append("")
    for note in file.notes:
        out.append(f"{file.path}: note: {note}")
    return out


def summary_line(counts: list[int] | tuple[int, ...], files: int, has_errors: bool) -> str:
    """The last line; `counts` are findings not dismissed: info, warning, error."""
    info, warning, error = counts
    total = info + warning + error
    plural = "s" if files != 1 else ""
    if not total and not has_errors:
        return f"No findings in {files} file{plural}."
    return (f"Found {total} finding{'s' if total != 1 else ''} "
            f"({error} error, {warning} warning, {info} info) in {files} file{plural}.")


def render_text(report: Report, color: bool = False) -> str:
    from reviewer.render.stream import render_all

    return render_all(report, "text", color)
