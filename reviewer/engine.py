"""Run the rules over a document and produce a FileReport.

A crashing rule becomes an RV001 finding and the other rules still run; suppressions,
severity overrides and de-duplication happen here, once, for every surface.
"""

from __future__ import annotations

from collections.abc import Iterable

from reviewer import suppress
from reviewer.config import Config
from reviewer.document import Document, Span
from reviewer.findings import FileReport, Finding, Position, Severity, ToolError
from reviewer.parser import parse_markdown
from reviewer.rules.base import Hit, Rule, RuleContext
from reviewer.rules.registry import TOOL_RULES, all_rules, lookup

GROUPS = ("BL", "AC", "ST", "TL", "HR", "RV")


def resolve_selector(name: str) -> set[str]:
    """Rule ids named by an id, a name or a group prefix ("BL")."""
    key = name.strip().upper()
    if key in GROUPS:
        ids = {r.id for r in all_rules() if r.group == key}
        return ids | {t for t in TOOL_RULES if t.startswith(key)}
    if key in TOOL_RULES:
        return {key}
    rule = lookup(name)
    return {rule.id} if rule else set()


def enabled_rules(config: Config) -> list[Rule]:
    selected: set[str] | None = None
    if config.select is not None:
        selected = set().union(*(resolve_selector(s) for s in config.select)) if config.select else set()
    ignored = set().union(*(resolve_selector(s) for s in config.ignore)) if config.ignore else set()
    return [r for r in all_rules() if (selected is None or r.id in selected) and r.id not in ignored]


def severity_for(rule_id: str, default: Severity, config: Config) -> Severity:
    for key, value in config.severity.items():
        if rule_id in resolve_selector(key):
            return Severity.parse(value)
    return default


def make_finding(document: Document, rule_id: str, name: str, severity: Severity, hit: Hit,
                 segment_span: Span | None = None, source: str = "rules") -> Finding:
    start_line, start_col = document.position(hit.span.start)
    end_line, end_col = document.position(hit.span.end)
    return Finding(
        rule=rule_id,
        name=name,
        severity=severity,
        message=hit.message,
        span=hit.span,
        start=Position(start_line + 1, start_col + 1),
        end=Position(end_line + 1, end_col + 1),
        excerpt=" ".join(document.source[hit.span.start : hit.span.end].split()),
        segment_span=segment_span,
        suggestion=hit.suggestion,
        edits=hit.edits,
        source=source,
    )


def _segment_span(document: Document, span: Span) -> Span | None:
    for segment in document.segments:
        if segment.span.contains(span):
            return segment.span
    return None


def run_rules(document: Document, config: Config) -> tuple[list[Finding], list[Finding]]:
    """(findings, tool findings): every enabled rule's hits; a crash becomes RV001."""
    ctx = RuleContext(
        document=document,
        accepted_names=frozenset(n.lower() for n in config.words.accepted_names),
        extra_blame_words=tuple(config.words.extra_blame_words),
        required_sections=tuple(config.required_sections or ()),
    )
    findings: list[Finding] = []
    tool: list[Finding] = []
    for rule in enabled_rules(config):
        severity = severity_for(rule.id, rule.severity, config)
        try:
            hits = list(rule.run(document, ctx))
        except Exception as exc:  # a rule bug must not cost the user the other rules
            name, _ = TOOL_RULES["RV001"]
            tool.append(make_finding(
                document, "RV001", name, Severity.ERROR,
                Hit(Span(0, 0), f"Rule {rule.id} crashed ({exc.__class__.__name__}: {exc}); other rules ran"),
            ))
            continue
        for hit in hits:
            findings.append(make_finding(document, rule.id, rule.name, severity, hit,
                                         _segment_span(document, hit.span)))
    return findings, tool


def merge(document: Document, findings: Iterable[Finding], config: Config) -> list[Finding]:
    """Drop suppressed and duplicate findings; order by position."""
    controls = suppress.collect(document, lambda n: next(iter(resolve_selector(n)), None))
    out: list[Finding] = []
    seen: set[tuple[str, int, int, str]] = set()
    for finding in findings:
        key = (finding.rule, finding.span.start, finding.span.end, finding.message)
        if key in seen:
            continue
        seen.add(key)
        if controls.reason_for(finding.rule, finding.span.start, finding.start.line - 1) is not None:
            continue
        out.append(finding)
    for control, name in controls.unknown:
        out.append(make_finding(
            document, "RV001", TOOL_RULES["RV001"][0], Severity.WARNING,
            Hit(Span(control.offset, control.offset), f"Unknown rule '{name}' in a pmreview comment"),
        ))
    out.sort(key=lambda f: (f.span.start, f.span.end, f.rule))
    return out


def review_document(document: Document, config: Config) -> FileReport:
    findings, tool = run_rules(document, config)
    return FileReport(path=document.path, findings=tuple(merge(document, [*findings, *tool], config)))


def review_text(text: str, path: str = "<stdin>", config: Config | None = None) -> FileReport:
    config = config or Config()
    if not text.strip():
        return FileReport(path=path, errors=(ToolError("file is empty", "empty"),))
    return review_document(parse_markdown(text, path), config)
