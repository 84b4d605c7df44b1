"""SARIF 2.1.0 with rule metadata from the registry (GitHub code scanning compatible)."""

from __future__ import annotations

import functools

from reviewer import __version__
from reviewer.findings import FileReport, Finding, Report, Severity
from reviewer.rules.registry import TOOL_RULES, all_rules

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
DOCS_URL = "https://github.com/pmreview/pmreview/blob/main/docs/rules/{id}.md"


def _rules() -> list[dict]:
    out = []
    for rule in all_rules():
        out.append({
            "id": rule.id,
            "name": rule.name,
            "shortDescription": {"text": rule.summary[:1024]},
            "fullDescription": {"text": rule.rationale[:1024]},
            "help": {"text": rule.guardrail, "markdown": f"**Instead:** {rule.guardrail}"},
            "helpUri": DOCS_URL.format(id=rule.id),
            "defaultConfiguration": {"level": _LEVEL[rule.severity]},
            "properties": {"tags": ["postmortem", *rule.tags], "precision": "high",
                           "problem.severity": "recommendation" if rule.severity is Severity.INFO
                           else _LEVEL[rule.severity]},
        })
    for rule_id, (name, summary) in TOOL_RULES.items():
        out.append({"id": rule_id, "name": name, "shortDescription": {"text": summary},
                    "fullDescription": {"text": summary}, "help": {"text": summary},
                    "defaultConfiguration": {"level": "warning"}})
    return out


def _region(f: Finding) -> dict:
    return {"startLine": f.start.line, "startColumn": f.start.column,
            "endLine": f.end.line, "endColumn": f.end.column}


def _result(f: Finding, path: str, index: dict[str, int]) -> dict:
    result = {
        "ruleId": f.rule,
        "ruleIndex": index[f.rule],
        "level": _LEVEL[f.severity],
        "message": {"text": f.message + (f" Suggestion: {f.suggestion}" if f.suggestion else "")},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": path}, "region": _region(f)}}],
        "partialFingerprints": {"pmreview/v1": f.fingerprint},
    }
    if f.related_lines:  # the items a finding on a whole list is about
        result["relatedLocations"] = [
            {"id": i, "physicalLocation": {"artifactLocation": {"uri": path}, "region": {"startLine": line}},
             "message": {"text": "item"}} for i, line in enumerate(f.related_lines)]
    if f.edits:
        replacements = []
        for edit in f.edits:
            # Edits carry document spans; the finding's own region locates them well enough
            # for single-span edits, which is what rules produce.
            replacements.append({"deletedRegion": {"charOffset": edit.span.start,
                                                   "charLength": edit.span.end - edit.span.start},
                                 "insertedContent": {"text": edit.text}})
        result["fixes"] = [{"description": {"text": "Apply pmreview's suggestion"},
                            "artifactChanges": [{"artifactLocation": {"uri": path},
                                                 "replacements": replacements}]}]
    return result


@functools.cache
def _rule_index() -> dict[str, int]:
    return {r["id"]: i for i, r in enumerate(_rules())}


def file_results(file: FileReport) -> list[dict]:
    index = _rule_index()
    return [_result(f, file.path, index) for f in file.findings if not f.dismissed]


def sarif_log(results: list, notifications: list[dict]) -> dict:
    """The SARIF log around `results` (the stream writer passes a placeholder to split on)."""
    run = {
        "tool": {"driver": {"name": "pmreview", "semanticVersion": __version__,
                            "informationUri": "https://github.com/pmreview/pmreview", "rules": _rules()}},
        "automationDetails": {"id": "pmreview/"},
        "columnKind": "unicodeCodePoints",
        "results": results,
        "invocations": [{"executionSuccessful": not notifications,
                         "toolExecutionNotifications": notifications}],
    }
    return {"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0", "runs": [run]}


def render_sarif(report: Report) -> str:
    from reviewer.render.stream import render_all

    return render_all(report, "sarif")
