"""Findings the LLM stage adds, built from the rule registry's data (the engine is not involved).

LLM findings read like rule findings: a blame verdict on a sentence no rule flagged reports
under the rule of its category; a rejected rewrite or proposal is RV002, a failed request RV003.
"""

from __future__ import annotations

from reviewer.config import Config
from reviewer.document import Document, Span
from reviewer.findings import Finding, Position, Severity
from reviewer.rules.registry import TOOL_RULES, by_id


def _names(rule_id: str) -> set[str]:
    """What a config selector may call a rule: its id, its name or its group."""
    rule = by_id().get(rule_id)
    name = rule.name if rule else TOOL_RULES.get(rule_id, ("",))[0]
    return {rule_id.upper(), rule_id[:2].upper(), name.upper()}


def enabled(rule_id: str, config: Config) -> bool:
    """The team's select/ignore applies to what the LLM adds exactly as to the rules."""
    names = _names(rule_id)
    if config.select is not None and not any(s.strip().upper() in names for s in config.select):
        return False
    return not any(s.strip().upper() in names for s in config.ignore)


def severity(rule_id: str, default: Severity, config: Config) -> Severity:
    """The team's severity override for a rule, by id, name or group (as in the config file)."""
    names = _names(rule_id)
    for key, value in config.severity.items():
        if key.strip().upper() in names:
            return Severity.parse(value)
    return default


def add(out: list[Finding], document: Document, rule_id: str, span: Span, message: str, config: Config, *,
        segment_span: Span | None = None, suggestion: str | None = None) -> None:
    """Append the finding unless the team's config switches its rule off."""
    if enabled(rule_id, config):
        out.append(finding(document, rule_id, span, message, config, segment_span=segment_span,
                           suggestion=suggestion))


def finding(document: Document, rule_id: str, span: Span, message: str, config: Config, *,
            segment_span: Span | None = None, suggestion: str | None = None) -> Finding:
    if rule_id in TOOL_RULES:
        name, default = TOOL_RULES[rule_id][0], Severity.INFO
    else:
        rule = by_id()[rule_id]
        name, default = rule.name, rule.severity
    start_line, start_col = document.position(span.start)
    end_line, end_col = document.position(span.end)
    return Finding(
        rule=rule_id, name=name, severity=severity(rule_id, default, config), message=message, span=span,
        start=Position(start_line + 1, start_col + 1), end=Position(end_line + 1, end_col + 1),
        excerpt=" ".join(document.source[span.start:span.end].split()), segment_span=segment_span,
        suggestion=suggestion, source="llm",
    )
