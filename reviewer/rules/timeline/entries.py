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
    r"(?:\s*(?P<ampm>[ap]\.?m\.?))?\b"
    # "2022-02-02 1930": a date then a four-digit clock time, as some logs write it.
    r"|(?P<date2>\d{4}-\d{2}-\d{2})[ T](?P<h2>[01]\d|2[0-3])(?P<m2>[0-5]\d)\b", re.I)
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH_DAY = re.compile(
    r"\b(?:(?P<mon>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?"
    r"|(?P<day2>\d{1,2})(?:st|nd|rd|th)?\s+(?P<mon2>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*)\b"
    r"(?:,?\s+(?P<year>\d{4}))?", re.I)


def day_of(text: str) -> str | None:
    """A sortable day ('2024-03-12', or '0000-03-12' without a year) from an ISO or month-name date."""
    iso = re.search(r"\b\d{4}-\d{2}-\d{2}\b", text)
    if iso:
        return iso.group()
    match = _MONTH_DAY.search(text)
    if not match:
        return None
    month = _MONTHS.index((match.group("mon") or match.group("mon2")).lower()[:3]) + 1
    day = int(match.group("day") or match.group("day2"))
    return f"{match.group('year') or '0000'}-{month:02d}-{day:02d}" if 1 <= day <= 31 else None
_DATE_ONLY = re.compile(r"\b\d{4}-\d{2}-\d{2}\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}\b|\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b|\bday\s+\d\b", re.I)
_ZONE = re.compile(
    r"\b(?:(?:US )?(?:Eastern|Pacific|Central|Mountain)(?: (?:Standard |Daylight )?Time)?\b|UTC|GMT|Z|[A-Z]{1,4}[SD]T|CET|CEST|EET|EEST|WET|BST|IST|JST|KST|AEST|AEDT|SGT|HKT|MSK)\b|"
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


# Not entries: images, questions (a template's prompt), and a zone note's wrapped tail ("UTC.").
_NOT_ENTRY = re.compile(r"^\s*!\[|\?\s*$|^\W*(?:UTC|GMT)\W*$")


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
        if is_zone_declaration(segment.text) or _NOT_ENTRY.search(segment.text):
            continue  # a note, an image, or a question/prose line about the timeline
        head = segment.text if segment.kind is not SegmentKind.TABLE_ROW else \
            " ".join(c.text for c in segment.cells[:2])
        match = _TIME.search(head[:40])
        minutes = None
        if match:
            hour = int(match.group("h") or match.group("h2")) % 24
            ampm = (match.group("ampm") or "").lower()
            if ampm.startswith("p") and hour < 12:
                hour += 12
            if ampm.startswith("a") and hour == 12:
                hour = 0
            minutes = hour * 60 + int(match.group("m") or match.group("m2"))
        day = (match.group("date") or match.group("date2")) if match else None
        if day is None and minutes is not None:
            # The entry's own date ("Jan 3, 14:02"), else a date sub-heading ("### March 12") above it.
            day = day_of(head[: match.start()] if match else head) or day_of(segment.section_title)
        out.append(Entry(segment, head, minutes, day, bool(_ZONE.search(head))))
    return out


def _zone_declared(document: Document) -> bool:
    """A heading like 'Timeline (UTC)', a table header 'Time (UTC)' or a line 'All times UTC'."""
    for section in document.sections:
        if section.kind is not SectionKind.TIMELINE:
            continue
        if _ZONE.search(section.title):
            return True
        header_line = document.source[section.span.start : section.span.end]
        lines = header_line.splitlines()[:8]
        for line in lines:
            if "|" in line and _ZONE.search(line):
                return True
        # A declaration may wrap over lines ("... and all times\nare UTC."): read the lines as one text.
        if _DECLARED.search(" ".join("\n".join(lines).split())):
            return True
    # A declaration at the top of the document covers the timeline too.
    return bool(_DECLARED.search(" ".join(document.source[:1500].split())))


# "all times are in UTC", "times below are US Eastern", "timestamps in CET" (zone names in capitals).
_DECLARED = re.compile(r"\b(?i:times|timestamps)\b[^.\n|]{0,30}?\b(?:UTC|GMT|[A-Z]{1,3}[SD]T|CET|CEST|EET|EEST|"
                       r"Eastern|Pacific|Central|Mountain|(?i:local time))\b")


def _entry_span(entry: Entry) -> Span:
    return entry.first.span


def _is_prose(entry: Entry, before_first: bool) -> bool:
    """A paragraph (not a list item or row) that opens the timeline, or runs long, is narrative."""
    if entry.first.kind is not SegmentKind.SENTENCE:
        return False
    return before_first or len(entry.text) > 200


def check_missing(document: Document, ctx: RuleContext) -> Iterator[Hit]:
    found = entries(document, ctx.memo)
    if sum(e.minutes is not None for e in found) < 2:
        return  # a prose timeline; nothing to hold it to
    first_timed = next(i for i, e in enumerate(found) if e.minutes is not None)
    for i, entry in enumerate(found):
        if entry.minutes is None and _is_prose(entry, before_first=i < first_timed):
            continue  # an introduction or a paragraph of narrative, not an entry
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
    passing=(Example("## Timeline (UTC)\n\n- 14:00 deploy starts\n- 14:05 errors rise\n"),
             Example("## Timeline\n\nTimes come from the gateway logs; all times are in UTC.\n\n"
                     "![error rate during the incident](rate.png)\n\n### 2024-05-02\n\n- 14:00 deploy starts\n"
                     "- 14:05 errors rise\n", note="an introduction, an image and a date sub-heading are not entries")),
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
    passing=(Example("## Timeline (all times UTC)\n\n- 14:00 deploy starts\n- 14:05 errors rise\n"),
             Example("## Timeline\n\n- 9:12 AM Eastern the import job stalls\n- 9:30 AM Eastern a restart clears it\n",
                     note="zone names count, not only abbreviations"),
             Example("All times in this report are CET.\n\n## Timeline\n\n- 08:10 disk fills\n- 08:25 disk freed\n",
                     note="a zone declared once at the top covers the timeline")),
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
                     "## Timeline (UTC)\n\n- 14:00 deploy starts\n- 14:05 errors rise\n- 14:30 rollback\n"),
             Example("## Timeline (UTC)\n\n- 2024-06-04 10:00 the replica is rebuilt\n"
                     "- 2024-06-03 21:00 the lag alert fires\n", note="the dates decide, not the clock")),
    passing=(Example("## Timeline (UTC)\n\n- 23:50 deploy starts\n- 00:10 errors rise\n"),
             Example("## Timeline (UTC)\n\n### 2024-06-03\n\n- 09:00 a replica falls behind\n- 21:00 the lag alert "
                     "fires\n\n### 2024-06-04\n\n- 10:00 the replica is rebuilt\n",
                     note="entries under a later date sub-heading are later, whatever the clock says"),
             Example("## Timeline (UTC)\n\n- Jun 3 22:40 a batch job starts\n- Jun 4 07:15 the batch job is stopped\n")),
    tags=("timeline",),
)
