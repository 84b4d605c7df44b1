"""TL001-TL003: timeline entries carry timestamps with a timezone, in order."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from reviewer.document import Document, SectionKind, Segment, SegmentKind, Span
from reviewer.findings import Severity
from reviewer.rules.base import Example, Hit, Rule, RuleContext

_TIME = re.compile(
    r"(?:(?P<date>\d{4}-\d{2}-\d{2})[ T]?)?\b(?P<h>[01]?\d|2[0-3])[:.h](?P<m>[0-5]\d)(?::(?P<s>[0-5]\d))?"
    r"(?:\s*(?P<ampm>[ap]\.?m\.?))?\b", re.I)
_DATE_ONLY = re.compile(r"\b\d{4}-\d{2}-\d{2}\b|\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b|\bday\s+\d\b", re.I)
_ZONE = re.compile(
    r"\b(?:UTC|GMT|Z|[A-Z]{1,4}[SD]T|CET|CEST|EET|EEST|WET|BST|IST|JST|KST|AEST|AEDT|SGT|HKT|MSK)\b|"
    r"\d(?:Z|[+-]\d{2}:?\d{2})\b|\b(?:UTC|GMT)[+-]\d{1,2}\b|(?:all\s+)?times?\s+(?:are\s+)?(?:in\s+)?(?:utc|local)",
    re.I)
_TIMES_WORD = re.compile(r"\btimes?\b|\btimestamps?\b", re.I)


def is_zone_declaration(line: str) -> bool:
    """'All times UTC, 2024-03-12.' or '2024-07-08, all times UTC.': a note, not an entry."""
    return bool(_TIMES_WORD.search(line) and _ZONE.search(line) and not _TIME.search(line))
_VAGUE_TIME = re.compile(r"\b(?:around|about|approx\.?|approximately|~|roughly|later|shortly|soon|morning|"
                         r"afternoon|evening|night|lunch|midnight|noon)\b", re.I)


@dataclass(frozen=True)
class Entry:
    first: Segment
    text: str  # the entry's leading text (first cell or first segment)
    minutes: int | None
    day: str | None
    has_zone: bool


def entries(document: Document, memo: dict | None = None) -> list[Entry]:
    """One entry per timeline block (a line, list item or table row); memoised per run."""
    if memo is not None:
        if "timeline-entries" not in memo:
            memo["timeline-entries"] = entries(document)
        return memo["timeline-entries"]
    seen: set[int] = set()
    out: list[Entry] = []
    for segment in document.segments:
        if segment.section is not SectionKind.TIMELINE or segment.block in seen or segment.list_depth > 1:
            continue  # nested list items are details of the entry above
        seen.add(segment.block)
        if is_zone_declaration(segment.text):
            continue
        head = segment.text if segment.kind is not SegmentKind.TABLE_ROW else \
            " ".join(c.text for c in segment.cells[:2])
        match = _TIME.search(head[:40])
        minutes = None
        if match:
            hour = int(match.group("h")) % 24
            ampm = (match.group("ampm") or "").lower()
            if ampm.startswith("p") and hour < 12:
                hour += 12
            if ampm.startswith("a") and hour == 12:
                hour = 0
            minutes = hour * 60 + int(match.group("m"))
        out.append(Entry(segment, head, minutes, match.group("date") if match else None, bool(_ZONE.search(head))))
    return out


def _zone_declared(document: Document) -> bool:
    """A heading like 'Timeline (UTC)', a table header 'Time (UTC)' or a line 'All times UTC'."""
    for section in document.sections:
        if section.kind is not SectionKind.TIMELINE:
            continue
        if _ZONE.search(section.title):
            return True
        header_line = document.source[section.span.start : section.span.end]
        for line in header_line.splitlines()[:6]:
            if "|" in line and _ZONE.search(line):
                return True
            if is_zone_declaration(line):
                return True
    return False


def _entry_span(entry: Entry) -> Span:
    return entry.first.span


def check_missing(document: Document, ctx: RuleContext) -> Iterator[Hit]:
    found = entries(document, ctx.memo)
    if sum(e.minutes is not None for e in found) < 2:
        return  # a prose timeline; nothing to hold it to
    for entry in found:
        if entry.minutes is None and not _DATE_ONLY.search(entry.text[:30]):
            yield Hit(_entry_span(entry), "Timeline entry has no timestamp: give the time (with timezone) and "
                                          "the evidence it comes from")
        elif entry.minutes is not None and _VAGUE_TIME.search(entry.text[:25]):
            yield Hit(_entry_span(entry), "Timeline entry has an approximate time: give the exact timestamp "
                                          "from a log or graph")


def check_zone(document: Document, ctx: RuleContext) -> Iterator[Hit]:
    if _zone_declared(document):
        return
    for entry in entries(document, ctx.memo):
        if entry.minutes is not None and not entry.has_zone:
            yield Hit(_entry_span(entry), "Timestamp has no timezone: add UTC (or declare it in the timeline "
                                          "heading)")


def check_order(document: Document, ctx: RuleContext) -> Iterator[Hit]:
    previous: Entry | None = None
    day: str | None = None  # the last date written on an entry; later entries inherit it
    for entry in entries(document, ctx.memo):
        if entry.minutes is None:
            continue
        if previous is not None and previous.minutes is not None:
            if entry.day and entry.day != day:
                # A new explicit date moves the clock; with no earlier date there is nothing to compare.
                out_of_order = day is not None and entry.day < day
            else:
                # Without a new date, a drop of more than 12 hours reads as the next day (23:50 -> 00:10).
                drop = previous.minutes - entry.minutes
                out_of_order = 0 < drop <= 12 * 60
            if out_of_order:
                yield Hit(_entry_span(entry), "Timeline entry is out of order: it comes before the entry above it")
        day = entry.day or day
        previous = entry


MISSING = Rule(
    id="TL001",
    name="timeline-missing-timestamp",
    summary="A timeline entry without an exact timestamp.",
    rationale="When blame enters the room, timestamps turn into narrative. Exact times from logs keep the "
              "timeline an engineering record.",
    guardrail="Give the exact time and the graph or log it comes from.",
    severity=Severity.WARNING,
    check=check_missing,
    flagged=(Example("## Timeline (UTC)\n\n- 14:00 deploy starts\n- 14:05 errors rise\n- the team looked into it\n",
                     "## Timeline (UTC)\n\n- 14:00 deploy starts\n- 14:05 errors rise\n- 14:09 the team looked into it\n"),),
    passing=(Example("## Timeline (UTC)\n\n- 14:00 deploy starts\n- 14:05 errors rise\n"),),
    tags=("timeline",),
)

ZONE = Rule(
    id="TL002",
    name="timeline-missing-timezone",
    summary="Timeline timestamps without a timezone.",
    rationale="Responders and readers sit in different zones; '14:05' is ambiguous by up to a day.",
    guardrail="Write UTC on each entry or in the timeline heading: 'Timeline (all times UTC)'.",
    severity=Severity.WARNING,
    check=check_zone,
    flagged=(Example("## Timeline\n\n- 14:00 deploy starts\n- 14:05 errors rise\n",
                     "## Timeline\n\n- 14:00 UTC deploy starts\n- 14:05 UTC errors rise\n"),),
    passing=(Example("## Timeline (all times UTC)\n\n- 14:00 deploy starts\n- 14:05 errors rise\n"),),
    tags=("timeline",),
)

ORDER = Rule(
    id="TL003",
    name="timeline-out-of-order",
    summary="A timeline entry earlier than the one before it.",
    rationale="An out-of-order entry usually means an edited narrative or a wrong time; either misleads the "
              "causal analysis.",
    guardrail="Move the entry to its place, or correct its time from the source log.",
    severity=Severity.WARNING,
    check=check_order,
    flagged=(Example("## Timeline (UTC)\n\n- 14:00 deploy starts\n- 14:30 rollback\n- 14:05 errors rise\n",
                     "## Timeline (UTC)\n\n- 14:00 deploy starts\n- 14:05 errors rise\n- 14:30 rollback\n"),),
    passing=(Example("## Timeline (UTC)\n\n- 23:50 deploy starts\n- 00:10 errors rise\n"),),
    tags=("timeline",),
)
