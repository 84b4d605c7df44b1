"""Headings (real and pseudo) -> the document's sections, each with its kind.

A section runs from its heading to the next heading of the same or a higher level.
Pseudo-headings ("**Actions planned:**") sit below every real heading: they end at the
next heading of any kind. A heading whose title names no kind ("### Database team")
inherits the kind of the section it sits in.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Protocol

from reviewer.document import Section, SectionKind, Span
from reviewer.parser.headings import section_kind

PSEUDO_LEVEL = 7  # below h6


class HeadingLike(Protocol):
    level: int
    title: str
    span: Span


def build_sections(headings: Sequence[HeadingLike], end_of_text: int) -> tuple[Section, ...]:
    sections: list[Section] = []
    first = headings[0].span.start if headings else end_of_text
    if first > 0:
        sections.append(Section(SectionKind.OTHER, "", 0, None, Span(0, first)))
    parents: list[tuple[int, SectionKind]] = []
    # A lone top-level heading above deeper ones is the document title ("# Checkout outage
    # after cert expiry"), not an "impact" or "metadata" section.
    levels = [h.level for h in headings if h.level < PSEUDO_LEVEL]
    title_index = 0 if levels and headings[0].level == 1 and levels.count(1) == 1 and len(levels) > 1 else -1
    ends = section_ends(headings, end_of_text)
    for i, head in enumerate(headings):
        end = ends[i]
        while parents and parents[-1][0] >= head.level:
            parents.pop()
        kind = SectionKind.OTHER if i == title_index else section_kind(head.title)
        if kind is SectionKind.OTHER and parents and i != title_index:
            kind = parents[-1][1]  # "### Database team" under "## Action items"
        if i != title_index:
            parents.append((head.level, kind))
        sections.append(Section(kind, head.title, head.level, head.span, Span(head.span.start, end)))
    return tuple(sections)


def section_ends(headings: Sequence[HeadingLike], end_of_text: int) -> list[int]:
    """Where each heading's section ends: the next heading of the same or a higher level.

    One pass with a stack of open headings (a scan forward from each heading was
    quadratic for a title above thousands of subheadings)."""
    ends = [end_of_text] * len(headings)
    open_: list[int] = []
    for i, head in enumerate(headings):
        while open_ and headings[open_[-1]].level >= head.level:
            ends[open_.pop()] = head.span.start
        open_.append(i)
    return ends


def task_item_section(section: Section) -> Section:
    """The section a task-list item ("- [ ] rotate the key") belongs to: action items, whatever
    heading it sits under (a timeline keeps its entries)."""
    if section.kind is SectionKind.TIMELINE:
        return section
    return dataclasses.replace(section, kind=SectionKind.ACTION_ITEMS)
