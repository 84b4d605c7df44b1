"""reviewdog's rdjsonl: one Diagnostic per line; columns are 1-based UTF-8 byte offsets."""

from __future__ import annotations

import bisect
import json

from reviewer.document import line_starts_of, split_lines
from reviewer.findings import Finding, Report, Severity
from reviewer.render.sarif import DOCS_URL

_SEVERITY = {Severity.ERROR: "ERROR", Severity.WARNING: "WARNING", Severity.INFO: "INFO"}


def byte_column(line_text: str, column: int) -> int:
    """1-based code-point column -> 1-based UTF-8 byte column."""
    return len(line_text[: column - 1].encode("utf-8")) + 1


def _position(lines: list[str], line: int, column: int) -> dict:
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    return {"line": line, "column": byte_column(text, column)}


def _offset_position(lines: list[str], starts: tuple[int, ...], offset: int) -> dict:
    """A 0-based source offset -> rdjson position (the document's line model)."""
    line = bisect.bisect_right(starts, offset) - 1
    return _position(lines, line + 1, offset - starts[line] + 1)


def _diagnostic(f: Finding, path: str, lines: list[str], starts: tuple[int, ...]) -> dict:
    rng = {"start": _position(lines, f.start.line, f.start.column), "end": _position(lines, f.end.line, f.end.column)}
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
        rng_edit = {"start": _offset_position(lines, starts, edit.span.start),
                    "end": _offset_position(lines, starts, edit.span.end)}
        out["suggestions"] = [{"range": rng_edit, "text": edit.text}]
    return out


def render_rdjsonl(report: Report, sources: dict[str, str]) -> str:
    rows = []
    for file in report.files:
        source = sources.get(file.path, "")
        lines, starts = split_lines(source), line_starts_of(source)
        for f in file.findings:
            if not f.dismissed:
                rows.append(json.dumps(_diagnostic(f, file.path, lines, starts), ensure_ascii=False))
    return "".join(r + "\n" for r in rows)
