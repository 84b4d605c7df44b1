"""reviewdog's rdjsonl: one Diagnostic per line; columns are 1-based UTF-8 byte offsets."""

from __future__ import annotations

import json

from reviewer.findings import Finding, Report, Severity
from reviewer.render.sarif import DOCS_URL

_SEVERITY = {Severity.ERROR: "ERROR", Severity.WARNING: "WARNING", Severity.INFO: "INFO"}


def byte_column(line_text: str, column: int) -> int:
    """1-based code-point column -> 1-based UTF-8 byte column."""
    return len(line_text[: column - 1].encode("utf-8")) + 1


def _position(lines: list[str], line: int, column: int) -> dict:
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    return {"line": line, "column": byte_column(text, column)}


def _diagnostic(f: Finding, path: str, lines: list[str]) -> dict:
    rng = {"start": _position(lines, f.start.line, f.start.column), "end": _position(lines, f.end.line, f.end.column)}
    out: dict = {
        "message": f.message,
        "location": {"path": path, "range": rng},
        "severity": _SEVERITY[f.severity],
        "source": {"name": "pmreview"},
        "code": {"value": f.rule, "url": DOCS_URL.format(id=f.rule)},
        "original_output": f"{path}:{f.start.line}:{f.start.column}: {f.rule} {f.message}",
    }
    if f.edits and len(f.edits) == 1:
        edit = f.edits[0]
        # The finding range may be wider than the edit; suggestions name their own range.
        source = "\n".join(lines)
        starts = [0]
        for ln in lines:
            starts.append(starts[-1] + len(ln) + 1)

        def pos(offset: int) -> dict:
            import bisect

            line = bisect.bisect_right(starts, offset) - 1
            return _position(lines, line + 1, offset - starts[line] + 1)

        if edit.span.end <= len(source):
            out["suggestions"] = [{"range": {"start": pos(edit.span.start), "end": pos(edit.span.end)},
                                   "text": edit.text}]
    return out


def render_rdjsonl(report: Report, sources: dict[str, str]) -> str:
    rows = []
    for file in report.files:
        lines = sources.get(file.path, "").split("\n")
        lines = [ln.rstrip("\r") for ln in lines]
        for f in file.findings:
            if not f.dismissed:
                rows.append(json.dumps(_diagnostic(f, file.path, lines), ensure_ascii=False))
    return "".join(r + "\n" for r in rows)
