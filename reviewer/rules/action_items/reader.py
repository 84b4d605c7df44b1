"""Text written to the document's readers: what they must do, and what the publisher tells them will change.

A security notice or a status-page report speaks to the people it affects. Its "what you need to do"
part is a how-to for them ("Open your project's settings", "Rotate your token"), and its announcements
("Support for the old endpoint will be removed on 1 March") tell them what the publisher has scheduled.
Neither is the team's own follow-up: nobody on the team owns a reader's step, and a reader's step is
no reminder the team relies on. The action-item rules read both as they read any other text outside a
follow-up part (followups.outside_follow_ups, and not asked for owners or tickets).

They are told by whom the text addresses, not by its words:
- a reader part: a section (its own text, not its subsections) that speaks to the reader in the second
  person in most of its sentences and items, more often than the writer speaks as "we", in a document
  that addresses the same reader in other sections too (the affected reader of a notice, not a generic
  "you" in one section of advice the team gives itself). A lessons or an action-items section is the
  team's own part wherever it says "you" ("Always check your backups" there is advice to itself);
- a notice: a document that speaks to its reader in the second person throughout (in a quarter of its
  sentences and items at least). There a sentence with a passive future and no writer in it ("Plain
  tokens will be rejected from 1 May") announces a scheduled change; the publisher owns it. And a promise
  the writer makes to the reader in the same sentence ("we will email you once the audit is done", "we'll
  tell you what we find") is told to them: the notice keeps the reader informed, nobody's follow-up.
"""

from __future__ import annotations

import re

from reviewer.document import Document, SectionKind, Segment, SegmentKind
from reviewer.patterns import lazy

# The reader addressed: "you", "your", "you'll".
_SECOND_PERSON = lazy(r"\byou(?:rs?|rself|rselves)?\b|\byou['’](?:ll|re|ve|d)\b", re.I)
# The writer as a party of its own: "we", "our", "us".
_WRITER = lazy(r"\b(?:we|our|ours|us)\b|\bwe['’](?:ll|re|ve|d)\b", re.I)
# A future in the passive, with no one named as its doer: "will be removed", "will no longer be accepted".
_PASSIVE_FUTURE = lazy(r"\b(?:will|shall)\s+(?:also\s+|now\s+|no longer\s+|then\s+)?be\s+\w+", re.I)
# The writer's own future, to be followed in the same sentence by the reader it is promised to.
_WRITER_FUTURE = lazy(r"\b(?:we|i)\s+(?:will|shall)\b|\b(?:we|i)['’]ll\b", re.I)
_FIRST_PERSON = lazy(r"\b(?:we|i|our|us|my)\b|\b(?:we|i)['’](?:ll|re|ve|d|m)\b", re.I)
# The team's own parts: what it learned and what it will do, whoever they address.
_OWN_PARTS = frozenset({SectionKind.ACTION_ITEMS, SectionKind.LESSONS})
# A reader part has this many sentences and items at least: a lone "you" line is no part of its own.
_PART_SIZE = 3
# ... and the document speaks to the same reader elsewhere too: a team's report with one section of advice in
# the generic "you" ("If you deploy on a Friday, check ...") is still the team talking to itself.
_ELSEWHERE = 2
# A notice speaks to its reader in this share of its sentences and items (a postmortem's "you" is rare:
# an aside to a colleague, a quoted message).
_NOTICE_SHARE = 0.25
_NOTICE_SIZE = 4


def _addresses(segment: Segment) -> bool:
    return bool(_SECOND_PERSON.search(segment.prose))


def _reader_parts(document: Document, addressed: frozenset[int]) -> set[int]:
    """The segments of the sections that speak mostly to the reader (`addressed`: the segments that say
    "you")."""
    starts = [s.span.start for s in document.sections]
    by_section: dict[int, list[Segment]] = {}
    at = -1
    for segment in document.segments:
        while at + 1 < len(starts) and starts[at + 1] <= segment.span.start:
            at += 1
        if at >= 0:  # the last section opened before a segment is the innermost one holding it
            by_section.setdefault(at, []).append(segment)
    out: set[int] = set()
    everywhere = len(addressed)
    for at, segments in by_section.items():
        section = document.sections[at]
        if section.kind in _OWN_PARTS or len(segments) < _PART_SIZE:
            continue
        you = sum(s.index in addressed for s in segments)
        we = sum(bool(_WRITER.search(s.prose)) for s in segments)
        if you * 2 >= len(segments) and you > we and everywhere - you >= _ELSEWHERE:
            out.update(s.index for s in segments)
    return out


def notice(document: Document, addressed: frozenset[int]) -> bool:
    """The document speaks to its reader throughout: a notice to the people it affects."""
    you = len(addressed)
    return you >= _NOTICE_SIZE and you >= _NOTICE_SHARE * len(document.segments)


def _announcements(document: Document, addressed: frozenset[int]) -> set[int]:
    """In a notice: the sentences that announce a scheduled change, with no writer as their doer, and the
    writer's promises to the reader."""
    if not notice(document, addressed):
        return set()
    return {
        s.index
        for s in document.segments
        if s.kind is SegmentKind.SENTENCE and (
            _PASSIVE_FUTURE.search(s.prose) and not _FIRST_PERSON.search(s.prose) or _promised_to_reader(s.prose))
    }


def _promised_to_reader(prose: str) -> bool:
    """'When the audit is done, we will email you the results': the writer's future with the reader after it."""
    future = _WRITER_FUTURE.search(prose)
    return future is not None and _SECOND_PERSON.search(prose, future.end()) is not None


def for_readers(document: Document, memo: dict | None = None) -> frozenset[int]:
    """Indices of the segments written to the reader: a reader part's text and a notice's announcements.
    (Once per review with `memo`: the reminder rule and the owner rules both ask.)"""
    if memo is not None and "for-readers" in memo:
        return memo["for-readers"]
    # whom each segment addresses, read once: both readings count it
    addressed = frozenset(s.index for s in document.segments if _addresses(s))
    found = frozenset(_reader_parts(document, addressed) | _announcements(document, addressed))
    if memo is not None:
        memo["for-readers"] = found
    return found
