"""Per-document facts for the audit: counts by rule group, date, action items, structure.

Everything is read from a review's findings and its parsed document, so the audit says exactly
what `pmreview check` says, document by document.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import PurePath

from reviewer.document import Document, SectionKind, SegmentKind
from reviewer.findings import FileReport
from reviewer.rules.registry import BLAME_GROUPS, GROUPS

REMINDER_RULE = "AC001"
OWNER_RULES = frozenset({"AC002", "AC003", "AC004"})  # no owner, several owners, a vague owner
_MISSING = re.compile(r"Missing section: ([\w-]+)")
_ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_COMPACT_DATE = re.compile(r"(?<!\d)(20\d{2})(\d{2})(\d{2})(?!\d)")
_MONTHS = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                                       "dec"), start=1)}
_TITLE_DATE = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)? ([A-Z][a-z]{2,8}),? (\d{4})\b|\b([A-Z][a-z]{2,8}) (\d{1,2})(?:st|nd|rd|th)?, (\d{4})\b")
_FRONT_DATE = re.compile(r"^(?:date|incident[_-]date|created)\s*[:=]\s*[\"']?(\d{4}-\d{2}-\d{2})", re.I | re.M)


@dataclass(frozen=True)
class DocumentFacts:
    path: str
    date: date | None
    words: int
    by_group: dict[str, int]
    action_items: int
    reminder_items: int
    unowned_items: int
    missing_sections: tuple[str, ...]
    blame_phrases: tuple[str, ...] = field(default=())
    error: str | None = None

    @property
    def findings(self) -> int:
        return sum(self.by_group.values())


def _valid(y: str, m: str, d: str) -> date | None:
    try:
        return date(int(y), int(m), int(d))
    except ValueError:
        return None


def document_date(path: str, source: str) -> date | None:
    """From front matter (`date: 2024-05-01`) first, then the file name (2024-05-01, 20240501)."""
    head = source[:2000]
    if head.startswith(("---", "+++")):
        found = _FRONT_DATE.search(head)
        if found:
            parsed = _valid(*found.group(1).split("-"))
            if parsed:
                return parsed
    name = PurePath(path).name
    for pattern in (_ISO_DATE, _COMPACT_DATE):
        found = pattern.search(name)
        if found and (parsed := _valid(*found.groups())):
            return parsed
    return _title_date(head)


def _title_date(head: str) -> date | None:
    """A date in the first heading: '# Outage on 4 October 2024', '# Oct 4, 2024 incident', ISO."""
    title = next((line for line in head.splitlines() if line.startswith("#")), "")
    found = _ISO_DATE.search(title)
    if found:
        return _valid(*found.groups())
    found = _TITLE_DATE.search(title)
    if not found:
        return None
    day, month, year = (found.group(1), found.group(2), found.group(3)) if found.group(1) else \
        (found.group(5), found.group(4), found.group(6))
    number = _MONTHS.get(month[:3].lower())
    return _valid(year, str(number), day) if number else None


def _action_item_count(document: Document) -> int:
    return sum(1 for s in document.by_section.get(SectionKind.ACTION_ITEMS, ())
               if s.kind in (SegmentKind.LIST_ITEM, SegmentKind.TABLE_ROW))


def phrase_of(excerpt: str) -> str:
    """A flagged phrasing as people would group it: lower-case, spaces collapsed, short."""
    text = " ".join(excerpt.lower().split()).strip(" .,;:!?\"'")
    return text if len(text) <= 60 else text[:57] + "..."


def facts(report: FileReport, document: Document | None) -> DocumentFacts:
    if report.errors or document is None:
        message = report.errors[0].message if report.errors else "not reviewed"
        return DocumentFacts(report.path, None, 0, {}, 0, 0, 0, (), error=message)
    live = [f for f in report.findings if not f.dismissed]
    by_group = Counter(f.rule[:2] for f in live)
    missing = tuple(m.group(1) for f in live if f.rule == "ST001" and (m := _MISSING.search(f.message)))
    # A finding on a whole list names its items (related spans): each counts.
    owner_items = {s.start for f in live if f.rule in OWNER_RULES for s in (f.related or (f.span,))}
    return DocumentFacts(
        path=report.path,
        date=document_date(report.path, document.source),
        words=len(document.source.split()),
        by_group={g: by_group.get(g, 0) for g in GROUPS if g != "RV"},
        action_items=_action_item_count(document),
        reminder_items=sum(1 for f in live if f.rule == REMINDER_RULE),
        unowned_items=len(owner_items),
        missing_sections=missing,
        blame_phrases=tuple(phrase_of(f.excerpt) for f in live if f.rule[:2] in BLAME_GROUPS),
    )
