"""The rules over a parsed document: findings, then one merge. Front ends call
`reviewer.review.review`, which parses, runs this and the optional stage.

A crashing rule becomes an RV001 finding and the other rules still run; suppressions,
severity overrides and de-duplication happen here, once, for every surface.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable
from typing import TYPE_CHECKING

from reviewer import suppress
from reviewer.document import Document, Segment, Span
from reviewer.findings import Edit, FileReport, Finding, Position, Severity
from reviewer.rules.base import Hit, Rule, RuleContext, SegmentContext
from reviewer.rules.registry import GROUPS, TOOL_RULES, all_rules, lookup

if TYPE_CHECKING:
    from reviewer.config import Config


class SegmentCache:
    """Hits of cacheable segment rules, keyed by what they depend on (LRU, bounded).

    An editor re-reviews the whole buffer on every keystroke; with this cache only the
    segments that changed run their rules again. Spans are stored relative to the segment.
    """

    def __init__(self, max_entries: int = 50_000) -> None:
        self.max_entries = max_entries
        self._data: OrderedDict[tuple, tuple[tuple[str, Hit], ...]] = OrderedDict()
        self.hits = 0
        self.misses = 0

    def get(self, key: tuple) -> tuple[tuple[str, Hit], ...] | None:
        value = self._data.get(key)
        if value is None:
            self.misses += 1
            return None
        self._data.move_to_end(key)
        self.hits += 1
        return value

    def put(self, key: tuple, value: tuple[tuple[str, Hit], ...]) -> None:
        self._data[key] = value
        if len(self._data) > self.max_entries:
            self._data.popitem(last=False)


def _segment_key(segment: Segment, config_key: tuple, rule_ids: tuple[str, ...]) -> tuple:
    headers = tuple(c.header for c in segment.cells)
    return (segment.kind, segment.section, segment.section_title, segment.list_depth, headers, segment.text,
            config_key, rule_ids)


def _shift(hit: Hit, offset: int) -> Hit:
    return Hit(hit.span.shift(offset), hit.message, hit.suggestion,
               tuple(Edit(e.span.shift(offset), e.text) for e in hit.edits), hit.path,
               tuple(r.shift(offset) for r in hit.related), hit.severity)


def _run_cached(rules: list[Rule], document: Document, contexts: dict[str, SegmentContext], cache: SegmentCache,
                config_key: tuple) -> dict[str, list[Hit]]:
    """Hits of cacheable segment rules: from the cache where a segment is unchanged.

    One lookup per segment covers every rule, so an unchanged 1,000-line buffer costs a
    dictionary probe per sentence.
    """
    out: dict[str, list[Hit]] = {rule.id: [] for rule in rules}
    by_section: dict[object, list[Rule]] = {}
    for segment in document.segments:
        applicable = by_section.get(segment.section)
        if applicable is None:
            applicable = by_section[segment.section] = [r for r in rules if r.applies_to(segment)]
        if not applicable:
            continue
        key = _segment_key(segment, config_key, tuple(r.id for r in applicable))
        projected = tuple((r.id, contexts[r.id].segment_key(segment)) for r in applicable if contexts[r.id].projected)
        if projected:  # the part of a document input this segment may see (DocumentInput.project)
            key = (*key, projected)
        relative = cache.get(key)
        if relative is None:
            fresh: list[tuple[str, Hit]] = []
            for rule in applicable:
                assert rule.detect is not None
                sctx = contexts[rule.id]
                if rule.gate is None or rule.gate(segment, sctx):
                    fresh.extend((rule.id, h) for h in rule.detect(segment, sctx))
            cache.put(key, tuple((rid, _shift(h, -segment.span.start)) for rid, h in fresh))
            for rid, h in fresh:
                out[rid].append(h)
        else:
            for rid, h in relative:
                out[rid].append(_shift(h, segment.span.start))
    return out


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


# enabled_rules per (select, ignore, rule set): a corpus run asks once per file with one config.
_ENABLED: dict[tuple, tuple[Rule, ...]] = {}


def enabled_rules(config: Config) -> list[Rule]:
    rules = all_rules()
    key = (None if config.select is None else tuple(config.select), tuple(config.ignore), id(rules))
    found = _ENABLED.get(key)
    if found is None:
        selected: set[str] | None = None
        if config.select is not None:
            selected = set().union(*(resolve_selector(s) for s in config.select)) if config.select else set()
        ignored = set().union(*(resolve_selector(s) for s in config.ignore)) if config.ignore else set()
        found = tuple(r for r in rules if (selected is None or r.id in selected) and r.id not in ignored)
        if len(_ENABLED) > 64:
            _ENABLED.clear()
        _ENABLED[key] = found
    return list(found)


def severity_for(rule_id: str, default: Severity, config: Config) -> Severity:
    configured = configured_severity(rule_id, config)
    return default if configured is None else configured


def configured_severity(rule_id: str, config: Config) -> Severity | None:
    """The severity the config sets for this rule, or None when it sets none."""
    for key, value in config.severity.items():
        if rule_id in resolve_selector(key):
            return Severity.parse(value)
    return None


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
        related=hit.related,
        related_lines=tuple(document.position(r.start)[0] + 1 for r in hit.related),
    )


def _span_of(segment: Segment | None) -> Span | None:
    return segment.span if segment is not None else None


def run_rules(document: Document, config: Config,
              cache: SegmentCache | None = None) -> tuple[list[Finding], list[Finding]]:
    """(findings, tool findings): every enabled rule's hits; a crash becomes RV001."""
    controls = _controls(document)
    ctx = RuleContext(document=document, options=config.options, off=lambda rule, offset: controls.reason_for(
        rule, offset, document.position(offset)[0]) is not None)
    findings: list[Finding] = []
    tool: list[Finding] = []
    rules = enabled_rules(config)
    cached: dict[str, list[Hit]] = {}
    if cache is not None:
        segment_rules = [r for r in rules if r.detect is not None]
        try:
            # Every option and document input a rule declares is part of the key (Rule.options, Rule.reads).
            contexts = {r.id: r.segment_context(ctx) for r in segment_rules}
            config_key = tuple((rid, c.option_key, c.input_key) for rid, c in contexts.items()
                               if c.option_key or c.input_key)
            cached = _run_cached(segment_rules, document, contexts, cache, config_key)
        except Exception:  # fall back to one rule at a time, so a crash is pinned to its rule
            cached = {}
    for rule in rules:
        configured = configured_severity(rule.id, config)
        severity = rule.severity if configured is None else configured
        try:
            hits = cached[rule.id] if rule.id in cached else list(rule.run(document, ctx))
        except Exception as exc:  # a rule bug must not cost the user the other rules
            name, _ = TOOL_RULES["RV001"]
            tool.append(make_finding(
                document, "RV001", name, Severity.ERROR,
                Hit(Span(0, 0), f"Rule {rule.id} crashed ({exc.__class__.__name__}: {exc}); other rules ran"),
            ))
            continue
        for hit in hits:
            # A hit may carry its own severity (a list judged once); the config's word wins.
            own = severity if configured is not None or hit.severity is None else hit.severity
            findings.append(make_finding(document, rule.id, rule.name, own, hit,
                                         _span_of(document.segment_at(hit.span))))
    return findings, tool


def _controls(document: Document) -> suppress.Suppressions:
    return suppress.collect(document, lambda n: next(iter(resolve_selector(n)), None))


def merge(document: Document, findings: Iterable[Finding], config: Config) -> list[Finding]:
    """Drop suppressed and duplicate findings; order by position."""
    controls = _controls(document)
    out: list[Finding] = []
    seen: set[tuple[str, int, int, str]] = set()
    for finding in findings:
        key = (finding.rule, finding.span.start, finding.span.end, finding.message)
        if key in seen:
            continue
        seen.add(key)
        if controls.reason_for(finding.rule, finding.span.start, finding.start.line - 1) is not None:
            continue
        if finding.related and all(controls.reason_for(finding.rule, r.start, document.position(r.start)[0]) is not None
                                   for r in finding.related):
            continue  # a finding on a list whose every named item is suppressed where it stands
        out.append(finding)
    for control, name in controls.unknown:
        out.append(make_finding(
            document, "RV001", TOOL_RULES["RV001"][0], Severity.WARNING,
            Hit(Span(control.offset, control.offset), f"Unknown rule '{name}' in a pmreview comment"),
        ))
    out.sort(key=lambda f: (f.span.start, f.span.end, f.rule))
    return out


def review_document(document: Document, config: Config, cache: SegmentCache | None = None) -> FileReport:
    findings, tool = run_rules(document, config, cache)
    return FileReport(path=document.path, findings=tuple(merge(document, [*findings, *tool], config)))
