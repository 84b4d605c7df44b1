"""reviewdog's rdjsonl: one Diagnostic per line; columns are 1-based UTF-8 byte offsets."""

from __future__ import annotations

import json

from reviewer.findings import FileReport, Finding, Report, Severity
from reviewer.render.sarif import DOCS_URL

_SEVERITY = {Severity.ERROR: "ERROR", Severity.WARNING: "WARNING", Severity.INFO: "INFO"}


def byte_column(line_text: str, column: int) -> int:
    """1-based code-point column -> 1-based UTF-8 byte column."""
    return len(line_text[: column - 1].encode("utf-8")) + 1


def _position(file: FileReport, line: int, column: int) -> dict:
    return {"line": line, "column": byte_column(file.line_text(line), column)}


def _offset_position(file: FileReport, offset: int) -> dict:
    """A 0-based source offset -> rdjson position, through the document's line index."""
    if file.document is None:
        return _position(file, 1, offset + 1)
    line, column = file.document.position(offset)
    return _position(file, line + 1, column + 1)


def _diagnostic(f: Finding, file: FileReport) -> dict:
    path = file.path
    rng = {"start": _position(file, f.start.line, f.start.column), "end": _position(file, f.end.line, f.end.column)}
    out: dict = {
        "message": f.message,
        "location": {"path": path, "range": rng},
        "severity": _SEVERITY[f.severity],
        "source": {"name": "pmreview"},
        "code": {"value": f.rule, "url": DOCS_URL.format(id=f.rule)},
        "original_output": f"{path}:{f.start.line}:{f.start.column}: {f.rule} {f.message}",
    }
    if len(f.edits) == 1:
        edit = f.edits[0]
        # The suggestion names its own range: the finding's range may be wider than the edit.
        rng_edit = {"start": _offset_position(file, edit.span.start), "end": _offset_position(file, edit.span.end)}
        out["suggestions"] = [{"range": rng_edit, "text": edit.text}]
    return out


def file_rows(file: FileReport) -> list[str]:
    return [json.dumps(_diagnostic(f, file), ensure_ascii=False) for f in file.findings if not f.dismissed]


def render_rdjsonl(report: Report) -> str:
    from reviewer.render.stream import render_all

    return render_all(report, "rdjsonl")
