"""The versioned JSON output (schema: docs/schema/report-v1.json)."""

from __future__ import annotations

from reviewer.findings import FileReport, Finding, Report

VERSION = 1


def finding_dict(f: Finding) -> dict[str, object]:
    out: dict[str, object] = {
        "rule": f.rule,
        "name": f.name,
        "severity": f.severity.label,
        "message": f.message,
        "range": {
            "start": {"line": f.start.line, "column": f.start.column},
            "end": {"line": f.end.line, "column": f.end.column},
        },
        "excerpt": f.excerpt,
        "suggestion": f.suggestion,
        "source": f.source,
        "fingerprint": f.fingerprint,
    }
    if f.related_lines:
        out["related_lines"] = list(f.related_lines)
    if f.note:
        out["note"] = f.note
    if f.dismissed:
        out["dismissed"] = True
    return out


def file_dict(file: FileReport) -> dict[str, object]:
    return {
        "path": file.path,
        "findings": [finding_dict(f) for f in file.findings],
        "errors": [{"code": e.code, "message": e.message} for e in file.errors],
        **({"notes": list(file.notes)} if file.notes else {}),
    }


def report_dict(report: Report) -> dict:
    return {"version": VERSION, "files": [file_dict(file) for file in report.files]}


def render_json(report: Report) -> str:
    from reviewer.render.stream import render_all

    return render_all(report, "json")
