"""Hover on a finding: the finding's message and its rule's page (generated from the Rule)."""

from __future__ import annotations

from lsprotocol import types

from reviewer.document import Span
from reviewer.findings import Finding
from reviewer.lsp.diagnostics import overlaps
from reviewer.lsp.positions import LineIndex
from reviewer.rules.docs import rule_markdown
from reviewer.rules.registry import TOOL_RULES, lookup


def rule_page(rule_id: str) -> str:
    rule = lookup(rule_id)
    if rule is not None:
        return rule_markdown(rule)
    if rule_id in TOOL_RULES:
        name, summary = TOOL_RULES[rule_id]
        return f"# {rule_id} {name}\n\n{summary}\n"
    return ""


def hover(findings: tuple[Finding, ...], index: LineIndex, position: types.Position,
          markdown: bool = True) -> types.Hover | None:
    offset = index.offset(position)
    here = [f for f in findings if overlaps(f.span, Span(offset, offset))]
    if not here:
        return None
    parts: list[str] = []
    seen: set[str] = set()
    for finding in here:
        parts.append(f"**{finding.rule} {finding.name}** ({finding.severity.label}): {finding.message}")
        if finding.suggestion:
            parts.append(f"Suggestion: {finding.suggestion}")
        if finding.rule not in seen:
            seen.add(finding.rule)
            page = rule_page(finding.rule)
            if page:
                parts.append(page)
    start = min(f.span.start for f in here)
    end = max(f.span.end for f in here)
    return types.Hover(
        contents=types.MarkupContent(kind=types.MarkupKind.Markdown if markdown else types.MarkupKind.PlainText,
                                     value="\n\n---\n\n".join(parts)),
        range=index.range(Span(start, end)),
    )
