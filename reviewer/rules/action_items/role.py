"""The role of the part of a document an item sits in: work done, or work to do.

A heading told in the past or the perfect ("Actions taken", "What we did", "Safeguards we put in
place") reports finished work. Its role reaches its subsections ("### Storage" under "## Actions
taken"), until a nearer heading names open work ("### Still to do", "### Action items"). A short
label line that heads a list ("Completed:", "**Already done**") gives that list the same role;
"Still open:" does not. An item in a done part needs no owner and no ticket.

Only list items and table rows take the role from a heading above their own: a sentence of prose
("We will also add an alert.") says for itself whether it is a plan.

A heading or a label line may also name a part that holds no work at all ("### Notes", "Open
questions:", "**What went well**" inside the follow-up part): its items and sentences are asides
(`aside_parts`), read as the text outside the follow-up part is.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from reviewer.document import Document, SectionKind, Segment, SegmentKind
from reviewer.patterns import lazy
from reviewer.rules.action_items.item import DONE_TITLE, NOT_DONE_TITLE
from reviewer.rules.base import DocumentInput

# Words by which a heading or a label names open work: a plan, what remains, what comes next.
_OPEN_TITLE = lazy(r"\b(?:to ?do|todos?|open|remaining|remains|pending|planned|plans?|next|future|upcoming|"
                   r"outstanding|proposed|recommended|will|shall|to take|still|follow[- ]?ups?|action items?|"
                   r"in progress|backlog|not yet|ongoing|todo)\b", re.I)
# A label line: a few words ending in a colon, or a line in emphasis only ("**Already done**").
_LABEL_LINE = lazy(r"^\s*(?:[*_]{1,2}[^*_]{2,60}[*_]{1,2}\s*:?|[^.!?:]{2,60}:\s*[*_]{0,2})\s*$")
_ROLED = (SegmentKind.LIST_ITEM, SegmentKind.TABLE_ROW)
# Words by which a heading or a label names what is not work: notes, open questions, what went well.
_ASIDE_TITLE = lazy(r"^\W*(?:(?:open|unanswered|other)\s+)?(?:notes?|questions?|what went (?:well|right))\W*$", re.I)
# A list item that labels the items nested under it ("- **Actions taken**:"); a colon ends it.
_LABEL_ITEM = lazy(r"^\s*[*_]{0,2}[^.!?:*_]{2,60}[*_]{0,2}\s*:\s*[*_]{0,2}\s*$")


def _label_line(text: str) -> bool:
    # Each of _LABEL_LINE's two shapes needs an emphasis mark or a colon: most sentences have
    # neither, and the pattern's bounded runs cost a scan of up to 60 characters to fail.
    return ("*" in text or "_" in text or ":" in text) and bool(_LABEL_LINE.match(text))


def _role(title: str) -> bool | None:
    """True: the title reports work done; False: it names open work; None: it says neither."""
    if _OPEN_TITLE.search(title) or NOT_DONE_TITLE.search(title):
        return False
    return True if DONE_TITLE.search(title) else None


def done_parts(document: Document, memo: dict | None = None) -> frozenset[int]:
    """Indices of the list items and table rows that sit in a part reporting finished work
    (once per review: the reminder rule asks for them through followups.py, the owner rules here)."""
    if memo is None:
        return _done_parts(document)
    if "done-parts" not in memo:
        memo["done-parts"] = _done_parts(document)
    return memo["done-parts"]


def _done_parts(document: Document) -> frozenset[int]:
    # The role of each heading: its own, or else the role of the nearest heading above it.
    roles: list[tuple[int, bool]] = []  # (heading start, done?) in document order
    stack: list[tuple[int, bool | None]] = []  # (level, role) of the open headings
    for section in document.sections:
        if section.heading is None:
            continue
        while stack and stack[-1][0] >= section.level:
            stack.pop()
        own = _role(section.title)
        inherited = next((role for _, role in reversed(stack) if role is not None), None)
        role = own if own is not None else inherited
        stack.append((section.level, own))
        roles.append((section.heading.start, bool(role)))
    under_label = _under_labels(document, lambda item: _role(item.text))
    out: set[int] = set()
    done_heading = False
    label: bool | None = None  # the role a label line gives the list right after it
    at = 0
    for segment in document.segments:
        while at < len(roles) and roles[at][0] <= segment.span.start:
            done_heading, label = roles[at][1], None
            at += 1
        if segment.kind not in _ROLED:
            label = _role(segment.text) if _label_line(segment.text) else None
            continue
        nested = under_label.get(segment.index)
        if nested or (nested is None and (label or (label is None and done_heading))):
            out.add(segment.index)
    return frozenset(out)


def _under_labels(document: Document, role: Callable[[Segment], bool | None]) -> dict[int, bool | None]:
    """The role of the nearest list item above each nested item that is a label of its own
    ("- **Actions taken**:" over "  - Rolled back the release"): a label heads its nested items."""
    out: dict[int, bool | None] = {}
    stack: list[tuple[int, bool | None]] = []  # (depth, role) of the open label items
    for segment in document.segments:
        if segment.kind is not SegmentKind.LIST_ITEM:
            stack = []
            continue
        while stack and stack[-1][0] >= segment.list_depth:
            stack.pop()
        if stack:
            out[segment.index] = stack[-1][1]
        if ":" in segment.text and _LABEL_ITEM.match(segment.text):  # (the colon is needed: a cheap pre-check)
            stack.append((segment.list_depth, role(segment)))
    return out


def _aside_title(title: str, in_follow_ups: bool) -> bool:
    """Only inside the follow-up part: a "## Notes" section of its own may be where a report keeps its plans."""
    return in_follow_ups and bool(_ASIDE_TITLE.match(title.strip(" *_:")))


def aside_parts(document: Document, memo: dict | None = None) -> frozenset[int]:
    """Indices of the segments under a heading that names no work ("### Open questions"), and of the
    list right after such a label line ("Notes:"). A nearer heading of another name ends the aside.
    (Once per review with `memo`: the reminder rule and the owner rules both ask.)"""
    if memo is None:
        return _aside_parts(document)
    if "aside-parts" not in memo:
        memo["aside-parts"] = _aside_parts(document)
    return memo["aside-parts"]


def _aside_parts(document: Document) -> frozenset[int]:
    out: set[int] = set()
    asides: list[tuple[int, bool]] = []  # (heading start, aside?) of every heading
    stack: list[tuple[int, bool]] = []  # (level, aside?) of the open headings
    for section in document.sections:
        if section.heading is None:
            continue
        while stack and stack[-1][0] >= section.level:
            stack.pop()
        # an aside's subsections are asides too, until one names open work ("### Still to do")
        inherited = bool(stack and stack[-1][1]) and not _OPEN_TITLE.search(section.title)
        stack.append((section.level, _aside_title(section.title, section.kind is SectionKind.ACTION_ITEMS) or inherited))
        asides.append((section.heading.start, stack[-1][1]))
    under_label = _under_labels(document, lambda item: _aside_title(item.text, item.section is SectionKind.ACTION_ITEMS))
    aside = label = False
    at = 0
    for segment in document.segments:
        while at < len(asides) and asides[at][0] <= segment.span.start:
            aside, label = asides[at][1], False
            at += 1
        if segment.kind not in _ROLED:
            # (an aside label counts only in the follow-up part: asked first, the cheapest test)
            label = segment.section is SectionKind.ACTION_ITEMS and _label_line(segment.text) and \
                _aside_title(segment.text, True)
        if aside or (label and segment.kind in _ROLED) or under_label.get(segment.index):
            out.add(segment.index)
    return frozenset(out)


# Read per segment (is this item in a done part?), so an edit elsewhere keeps its cached hits.
DONE_PARTS = DocumentInput("done-parts", done_parts, project=lambda parts, segment: segment.index in parts)
ASIDE_PARTS = DocumentInput("aside-parts", aside_parts, project=lambda parts, segment: segment.index in parts)
