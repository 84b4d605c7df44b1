"""The role of the part of a document an item sits in: work done, or work to do.

A heading told in the past or the perfect ("Actions taken", "What we did", "Safeguards we put in
place") reports finished work. Its role reaches its subsections ("### Storage" under "## Actions
taken"), until a nearer heading names open work ("### Still to do", "### Action items"). A short
label line that heads a list ("Completed:", "**Already done**") gives that list the same role;
"Still open:" does not. An item in a done part needs no owner and no ticket.

Only list items and table rows take the role from a heading above their own: a sentence of prose
("We will also add an alert.") says for itself whether it is a plan.
"""

from __future__ import annotations

import re

from reviewer.document import Document, SegmentKind
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


def _role(title: str) -> bool | None:
    """True: the title reports work done; False: it names open work; None: it says neither."""
    if _OPEN_TITLE.search(title) or NOT_DONE_TITLE.search(title):
        return False
    return True if DONE_TITLE.search(title) else None


def done_parts(document: Document, memo: dict | None = None) -> frozenset[int]:
    """Indices of the list items and table rows that sit in a part reporting finished work."""
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
    out: set[int] = set()
    done_heading = False
    label: bool | None = None  # the role a label line gives the list right after it
    at = 0
    for segment in document.segments:
        while at < len(roles) and roles[at][0] <= segment.span.start:
            done_heading, label = roles[at][1], None
            at += 1
        if segment.kind not in _ROLED:
            label = _role(segment.text) if _LABEL_LINE.match(segment.text) else None
            continue
        if label or (label is None and done_heading):
            out.add(segment.index)
    return frozenset(out)



# Read per segment (is this item in a done part?), so an edit elsewhere keeps its cached hits.
DONE_PARTS = DocumentInput("done-parts", done_parts, project=lambda parts, segment: segment.index in parts)
