"""TL001-TL003: timeline entries carry timestamps with a timezone, in order."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from reviewer.document import Document, SectionKind, Segment, SegmentKind, Span
from reviewer.findings import Severity
from reviewer.patterns import lazy
from reviewer.rules.base import Example, Hit, Rule, RuleContext
from reviewer.rules.timeline.dates import NUMERIC_DATE, day_of, day_order

_TIME = lazy(
    r"(?:(?P<date>\d{4}-\d{2}-\d{2})[ T]?)?\b(?P<h>[01]?\d|2[0-3])[:.h](?P<m>[0-5]\d)(?::(?P<s>[0-5]\d))?"
    r"(?:\s*(?P<ampm>[ap]\.?m\.?))?\b"
    # "2022-02-02 1930": a date then a four-digit clock time, as some logs write it.
    r"|(?P<date2>\d{4}-\d{2}-\d{2})[ T](?P<h2>[01]\d|2[0-3])(?P<m2>[0-5]\d)\b", re.I)
_DATE_ONLY = lazy(r"\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}-\d{1,2}-\d{4}\b|\b\d{1,4}/\d{1,2}(?:/\d{2,4})?\b|\b(?:next|following) day\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}\b|\b\d{1,2}(?:st|nd|rd|th)? (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b|\bday\s+\d\b", re.I)
_ZONE = lazy(
    r"\b(?:(?:US )?(?:Eastern|Pacific|Central|Mountain)(?: (?:Standard |Daylight )?Time)?\b|UTC|GMT|(?-i:Z|[A-Z]{1,4}[SD]T|CET|CEST|EET|EEST|WET|BST|IST|JST|KST|AEST|AEDT|SGT|HKT|MSK))\b|"
    # zone abbreviations only in capitals: 'first', 'test', 'last' are words, not zones
    # US zone names without the season ("All times PT", "Timeline (ET)"), in capitals only
    r"(?-i:\b[PECM]T\b)|"
    r"\d(?:Z|[+-]\d{2}:?\d{2})\b|\b(?:UTC|GMT)[+-]\d{1,2}\b|(?:all\s+)?times?\s+(?:are\s+)?(?:in\s+)?(?:utc|local)",
    re.I)
_TIMES_WORD = lazy(r"\btimes?\b|\btimestamps?\b", re.I, prefilter=True)


def is_zone_declaration(line: str) -> bool:
    """'All times UTC, 2024-03-12.' or '2024-07-08, all times UTC.': a note, not an entry."""
    return bool(_TIMES_WORD.search(line) and _ZONE.search(line) and not _TIME.search(line))
_VAGUE_TIME = lazy(r"\b(?:around|about|approx\.?|approximately|~|roughly|later|shortly|soon|morning|"
                         r"afternoon|evening|night|lunch|midnight|noon)\b", re.I, prefilter=True)


# "T+12m", and an offset with its unit spelt out ("+10 minutes", "[+6.5 hrs]") from the entry above
_RELATIVE = lazy(r"^[\W_]*(?:T\s?\+\s?(\d{1,4}(?:\.\d+)?)\s?(s|secs?|m|mins?|h|hrs?|d|days?)?|"
                 r"\+\s?(\d{1,4}(?:\.\d+)?)\s?(secs?|seconds?|mins?|minutes?|hrs?|hours?|days?))\b", re.I)


@dataclass(frozen=True)
class Entry:
    first: Segment
    text: str  # the entry's leading text (first cell or first segment)
    minutes: int | None
    day: str | None
    has_zone: bool
    relative: bool = False  # an offset ("T+12m", "+10 minutes"), not a clock time


# Not entries: images, questions (a template's prompt), and a zone note's wrapped tail ("UTC.").
# A label before the entry's time or date, as key-value timelines write it ("**Detected:** 09:14 UTC").
_LABEL = lazy(r"^[\s*_]*[A-Za-z][^:\n]{0,40}?[*_]*:[*_]*\s+(?=\d)")
_NOT_ENTRY = lazy(r"^\s*!\[|\?\s*$|^\W*(?:UTC|GMT)\W*$", prefilter=True)


def entries(document: Document, memo: dict | None = None) -> list[Entry]:
    """One entry per timeline block (a line, list item or table row); memoised per run."""
    if memo is not None:
        if "timeline-entries" not in memo:
            memo["timeline-entries"] = entries(document)
        return memo["timeline-entries"]
    seen: set[int] = set()
    out: list[Entry] = []
    days: dict[str, str | None] = {}  # day_of per text: every entry asks it of its section's title

    def day(text: str) -> str | None:
        if text not in days:
            days[text] = day_of(text)
        return days[text]

    for segment in document.segments:
        if segment.section is not SectionKind.TIMELINE or segment.block in seen or segment.list_depth > 1:
            continue  # nested list items are details of the entry above
        seen.add(segment.block)
        if is_zone_declaration(segment.text) or _NOT_ENTRY.search(segment.text):
            continue  # a note, an image, or a question/prose line about the timeline
        if segment.kind is SegmentKind.LIST_ITEM and not _TIME.search(segment.text[:40]) and \
                _line_head(document, segment)[:1].isspace():
            continue  # an indented bullet is a detail of the entry above, however Markdown nests it
        head = segment.text if segment.kind is not SegmentKind.TABLE_ROW else \
            " ".join(c.text for c in segment.cells[:2])
        label = _LABEL.match(head) if ":" in head[:45] else None
        head = head[label.end():] if label else head  # "**Incident start:** 2024-05-02 09:10 UTC": the time leads
        lead = head[:40]
        numeric = NUMERIC_DATE.search(lead)  # "12.03.2024 14:00": the date is not a time
        match = _TIME.search(lead, numeric.end() if numeric and numeric.start() < 12 else 0)
        minutes = None
        if match:
            hour = int(match.group("h") or match.group("h2")) % 24
            ampm = (match.group("ampm") or "").lower()
            if ampm.startswith("p") and hour < 12:
                hour += 12
            if ampm.startswith("a") and hour == 12:
                hour = 0
            minutes = hour * 60 + int(match.group("m") or match.group("m2"))
        relative = _RELATIVE.match(lead) if minutes is None else None
        if relative:  # "T+12m": an offset from the start is a timestamp that needs no zone
            unit = (relative.group(2) or relative.group(4) or "m").lower()[0]
            value = float(relative.group(1) or relative.group(3))
            minutes = int(value // 60 if unit == "s" else value * {"m": 1, "h": 60, "d": 1440}[unit])
            anchor = next((e for e in reversed(out) if e.minutes is not None and not e.relative), None)
            if anchor is not None and anchor.minutes is not None:  # "+1 hrs" under "11:30 AM UTC": from that time
                minutes += anchor.minutes
            out.append(Entry(segment, head, minutes, anchor.day if anchor else day(segment.section_title), True,
                             relative=True))
            continue
        # The entry's own date ("2024-03-12 14:02", "Jan 3, 14:02", a line that is only a date), else
        # a date sub-heading ("### March 12") above it.
        found = (match.group("date") or match.group("date2") or day(head[: match.start()])) if match else \
            day(head[:25])
        found = found or day(segment.section_title)
        out.append(Entry(segment, head, minutes, found, bool(_ZONE.search(head)) or _city_zone(head, match)))
    return out


_AFTER_TIME = lazy(r"\s*[(\[]?\s*([A-Z][A-Za-z]+(?:[ _][A-Z][a-z]+)?)\b")
_CITIES: frozenset[str] | None = None


def _city_zone(head: str, match: re.Match[str] | None) -> bool:
    """'16:37 Denver', '09:10 (Berlin)': a time zone named by its tz-database city."""
    if match is None:
        return False
    city = _AFTER_TIME.match(head, match.end())
    if not city:
        return False
    global _CITIES
    if _CITIES is None:  # read once, on the first timed entry followed by a capitalised word
        import zoneinfo
        _CITIES = frozenset(z.rsplit("/", 1)[-1].replace("_", " ") for z in zoneinfo.available_timezones() if "/" in z)
    return city.group(1).title() in _CITIES  # "DEnver": a slip of the shift key still names the zone


def _line_head(document: Document, segment: Segment) -> str:
    """The source of the segment's line before the segment (its indentation and list marker)."""
    return document.source[document.source.rfind("\n", 0, segment.span.start) + 1 : segment.span.start]


def _opens_paragraph(document: Document, segment: Segment) -> bool:
    """The segment starts a paragraph: the line above it is blank or a heading."""
    start = document.source.rfind("\n", 0, segment.span.start)
    above = document.source[document.source.rfind("\n", 0, max(start, 0)) + 1 : max(start, 0)]
    return start < 0 or not above.strip() or above.lstrip().startswith("#")


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
_DECLARED = lazy(r"\b(?i:times|timestamps)\b[^.\n|]{0,30}?\b(?:UTC|GMT|[A-Z]{1,3}[SD]T|[PECM]T|CET|CEST|EET|EEST|"
                       r"Eastern|Pacific|Central|Mountain|(?i:local time))\b", prefilter=True)


def _in_list(segment: Segment) -> bool:
    """A list item or a table row, whatever kind of segment opens it."""
    return segment.kind is not SegmentKind.SENTENCE or segment.list_depth > 0


def _entry_span(entry: Entry) -> Span:
    return entry.first.span


def _is_prose(entry: Entry, before_first: bool) -> bool:
    """A paragraph (not a list item or row) that opens the timeline, or runs long, is narrative."""
    if entry.first.kind is not SegmentKind.SENTENCE:
        return False
    return before_first or len(entry.text) > 200


# A time left as a placeholder: "2024-03-12 X:", "XX:XX", "??:??", "hh:mm", "TBD".
_PLACEHOLDER_TIME = lazy(r"^[\W_]*(?:\d{4}-\d{2}-\d{2}[ T]+)?(?:X{1,2}(?:[:.]X{2})?|\?{2}(?:[:.]\?{2})?|hh:mm|TBD)\b", prefilter=True)


_FILLER = lazy(r"^[\s.…|-]*$")


def check_missing(document: Document, ctx: RuleContext) -> Iterator[Hit]:
    found = entries(document, ctx.memo)
    for entry in found:
        if entry.minutes is None and _PLACEHOLDER_TIME.match(entry.text):
            yield Hit(_entry_span(entry), "Timeline entry has a placeholder for its time: fill in the time from "
                                          "the log or chat it comes from")
    if sum(e.minutes is not None for e in found) < 2:
        # No clock at all: a list of steps (not a dated story, not prose) lacks its times, once.
        steps = [e for e in found if e.minutes is None and e.first.kind is not SegmentKind.SENTENCE
                 and not _DATE_ONLY.search(e.text[:30]) and not _PLACEHOLDER_TIME.match(e.text)]
        if len(steps) >= 3 and 2 * len(steps) >= len(found):
            yield Hit(_entry_span(steps[0]), f"Timeline entries have no times ({len(steps)} steps): give each "
                                             "the time (with timezone) from the log or chat it comes from")
        return
    first_timed = next(i for i, e in enumerate(found) if e.minutes is not None)
    # When the timed entries are list items or table rows, a paragraph between them is commentary.
    # (A list item of several sentences starts with a sentence segment: it is still a list item.)
    listed = all(_in_list(e.first) for e in found if e.minutes is not None)
    # When they are paragraphs, the timeline is told as a story: an untimed paragraph of its own
    # carries the story on, and a list inside it (the steps of a test, the plugins affected) is detail.
    told = all(e.first.kind is SegmentKind.SENTENCE for e in found if e.minutes is not None)
    for i, entry in enumerate(found):
        if entry.minutes is None and (_is_prose(entry, before_first=i < first_timed)
                                      or (listed and entry.first.kind is SegmentKind.SENTENCE)
                                      or (told and (entry.first.kind is SegmentKind.LIST_ITEM
                                                    or _opens_paragraph(document, entry.first)))):
            continue  # an introduction or a paragraph of narrative, not an entry
        if entry.minutes is None and _FILLER.match(entry.text):
            continue  # a template's filler row ("| ... | ... |")
        if _PLACEHOLDER_TIME.match(entry.text):
            continue  # reported above
        if entry.minutes is None and not _DATE_ONLY.search(entry.text[:30]):
            yield Hit(_entry_span(entry), "Timeline entry has no timestamp: give the time (with timezone) and "
                                          "the evidence it comes from")
        elif entry.minutes is not None and _VAGUE_TIME.search(entry.text[:25]):
            yield Hit(_entry_span(entry), "Timeline entry has an approximate time: give the exact timestamp "
                                          "from a log or graph")


def check_zone(document: Document, ctx: RuleContext) -> Iterator[Hit]:
    if _zone_declared(document):
        return
    timed = [e for e in entries(document, ctx.memo) if e.minutes is not None]
    bare = [e for e in timed if not e.has_zone]
    if not bare:
        return
    if len(bare) == len(timed):
        # No entry names a zone: one missing declaration, reported once.
        yield Hit(_entry_span(bare[0]), f"Timeline times have no timezone ({len(bare)} entries): declare it once "
                                        "in the heading ('Timeline (all times UTC)') or write it on each entry")
        return
    # The writer's habit decides what an omission is. When most entries carry the zone, a bare one
    # lacks it; when a few do, a zone carries to the entries after it, as a date does ("14:00 UTC
    # deploy", "14:05 errors rise"), and only the entries before the first zone lack one.
    first_zoned = next(i for i, e in enumerate(timed) if e.has_zone)
    per_entry = 2 * (len(timed) - len(bare)) >= len(timed)
    for i, entry in enumerate(timed):
        if not entry.has_zone and (per_entry or i < first_zoned):
            yield Hit(_entry_span(entry), "Timestamp has no timezone: add UTC (or declare it in the timeline "
                                          "heading)")


def _twelve_hour(found: list[Entry]) -> bool:
    """The timeline writes a 12-hour clock without am/pm: no hour past 12 and no am/pm marker
    ('11:55', '12:20', '1:05' runs on into the afternoon)."""
    times = [e.minutes for e in found if e.minutes is not None]
    return bool(times) and max(times) < 13 * 60 and not any(_AMPM.search(e.text[:40]) for e in found)


_AMPM = lazy(r"\d\s*[ap]\.?m\b", re.I)


def check_order(document: Document, ctx: RuleContext) -> Iterator[Hit]:
    previous: Entry | None = None  # the last timed entry of the current day
    day: str | None = None  # the current day: the last date written on an entry, a date line or a heading
    found = entries(document, ctx.memo)
    twelve_hour = _twelve_hour(found)
    for entry in found:
        if entry.minutes is None:
            if entry.day and entry.day != day and day_order(entry.day, day or "~") != 0:
                if day is not None and day_order(entry.day, day) == -1:
                    yield Hit(_entry_span(entry), "Timeline date is out of order: it is before the entries above it")
                day, previous = entry.day, None  # a date line ("2024-03-12", "Day 2"): a new day starts
            continue
        same_day = entry.day is None or entry.day == day or (day is not None and day_order(entry.day, day) == 0)
        if same_day and previous is not None:
            # A drop of more than 12 hours within a day reads as the next day (23:50 -> 00:10).
            drop = previous.minutes - entry.minutes if previous.minutes is not None else 0
            if twelve_hour and previous.minutes is not None and previous.minutes >= 10 * 60 and entry.minutes < 7 * 60:
                drop -= 12 * 60  # "11:55" then "1:05" on a 12-hour clock: the afternoon, not the small hours
            if 0 < drop <= 12 * 60:
                yield Hit(_entry_span(entry), "Timeline entry is out of order: it comes before the entry above it")
        elif not same_day and day is not None and day_order(entry.day or "~", day) == -1:
            yield Hit(_entry_span(entry), "Timeline entry is out of order: its date is before the entry above it")
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
             Example("## Timeline (UTC)\n\n| Time | Event |\n|---|---|\n| 2024-05-02 09:00 | the upgrade starts |\n"
                     "| +20 minutes | nodes stall |\n| +30 minutes | the stall is traced to a driver |\n"
                     "| +45 minutes | a rollback starts |\n| +1.5 hrs | the rollback ends |\n",
                     note="offsets from the first, dated entry are times"),
             Example("## Timeline\n\nTimes come from the gateway logs; all times are in UTC.\n\n"
                     "![error rate during the incident](rate.png)\n\n### 2024-05-02\n\n- 14:00 deploy starts\n"
                     "- 14:05 errors rise\n", note="an introduction, an image and a date sub-heading are not entries"),
             Example("## Timeline (UTC)\n\n09:14 - Priya merges the queue change, not knowing that the new limit also\n"
                     "Applies to the billing workers. (Change ref 4471.)\n"
                     "(Reverted later that day.)\n09:31 - Billing jobs start to back up.\n",
                     note="a hard-wrapped line and a bracketed aside carry on the entry above"),
             Example("## Timeline (all times PT)\n\n### 2024-03-02\n\nThe batch host gets a new kernel. The change "
                     "ships with a check that:\n\n1. Boots a canary VM\n2. Runs the smoke suite\n\n"
                     "### 2024-03-04\n\n07:10am - Nightly jobs fail on the canary.\n\nAt this point every job "
                     "that pins the old driver is affected.\n\n08:45am - The kernel is rolled back.\n",
                     note="a timeline told in paragraphs: an untimed paragraph carries the story, a list in it is detail"),
             Example("## Timeline (UTC)\n\n9. **3 May 2024, 10:05 - Links down**\n   - Both uplinks drop.\n"
                     "10. **3 May 2024, 12:40 - Backup link up**\n   - Traffic moves to the spare router.\n"
                     "11. **4 May 2024 - Vendor ships a new line card**\n",
                     note="indented bullets are details even where Markdown does not nest them; a day-first date "
                          "entry is a dated entry"),
             Example("## Timeline\n\n- **First failed checkout:**   2024-05-02 09:10 UTC\n- **Alert on queue depth:**"
                     "    2024-05-02 09:14 UTC\n- **Rollback of the release:** 2024-05-02 09:52 UTC\n",
                     note="a label before the time, as key-value timelines write it"),
             Example("## Timeline\n\n- **06:02 UTC** - The export job starts.\n- **06:20 UTC** - Exports stall. "
                     "The queue grows.\n\nReaders could not download reports from 06:20 to 07:05. Uploads kept "
                     "working.\n\n- **07:05 UTC** - The stalled worker is replaced.\n",
                     name="summary-paragraph-among-bullets",
                     note="a paragraph between dated bullets is commentary, even where a bullet runs to two sentences")),
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
                     "## Timeline\n\n- 14:00 UTC deploy starts\n- 14:05 UTC errors rise\n",
                     note="no entry names a zone: reported once, on the first entry"),
             Example("## Timeline\n\n- 13:58 UTC a config push starts\n- 14:00 UTC deploy starts\n"
                     "- 14:05 errors rise\n",
                     "## Timeline\n\n- 13:58 UTC a config push starts\n- 14:00 UTC deploy starts\n"
                     "- 14:05 UTC errors rise\n",
                     note="most entries name the zone: the one without lacks it")),
    passing=(Example("## Timeline (all times UTC)\n\n- 14:00 deploy starts\n- 14:05 errors rise\n"),
             Example("## Timeline\n\n- 9:12 AM Eastern the import job stalls\n- 9:30 AM Eastern a restart clears it\n",
                     note="zone names count, not only abbreviations"),
             Example("All times in this report are CET.\n\n## Timeline\n\n- 08:10 disk fills\n- 08:25 disk freed\n",
                     note="a zone declared once at the top covers the timeline"),
             Example("## Timeline (PT)\n\n- 21:40 the batch starts\n- 23:55 the queue passes 50k\n",
                     note="US zone names without the season count (PT, ET, CT, MT)"),
             Example("## Timeline\n\n- 07:15 Lisbon the nightly export stalls\n- 07:40 Lisbon the export is restarted\n",
                     note="a zone named by its tz-database city counts"),
             Example("## Timeline\n\n- T+0 the deploy starts\n- T+6m errors rise\n- T+14m rollback\n",
                     note="offsets from the start need no zone"),
             Example("## Timeline\n\n- 08:10 CET disk fills\n- 08:25 disk freed\n- 08:40 alert cleared\n",
                     note="a zone on the first entries carries to the entries after it")),
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
             Example("## Timeline (UTC)\n\n- Jun 3 22:40 a batch job starts\n- Jun 4 07:15 the batch job is stopped\n"),
             Example("## Timeline (all times ET)\n\n- 11:40 the deploy starts\n- 12:25 errors rise\n- 1:10 the rollback "
                     "finishes\n", note="a 12-hour clock without am/pm runs on into the afternoon"),
             Example("## Timeline (UTC)\n\n2024-06-03\n\n- 21:00 the lag alert fires\n\n2024-06-04\n\n- 10:00 the "
                     "replica is rebuilt\n", note="a line that is only a date starts a new day"),
             Example("## Timeline\n\n### 28-05-2024 (all times CEST)\n\n- 16:20 the disk quota is lowered\n\n"
                     "### 02-06-2024 (all times CEST)\n\n- 03:10 the first write fails\n- 18:45 a user reports "
                     "errors\n\n### 03-06-2024 (all times CEST)\n\n- 08:30 the quota is restored\n",
                     note="day-month-year headings joined by hyphens start new days, even where day and month "
                          "could be read either way")),
    tags=("timeline",),
)
