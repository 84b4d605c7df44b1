"""Cheap pre-checks in front of costly searches only skip work: with them or without, the same answer.

Each pre-check is a literal the pattern needs (a substring, a colon) or a start position a match
cannot come before; random texts built from the patterns' own words, Unicode spaces and case
folds must get the same answer from the pre-checked call and from the plain search.
"""

from __future__ import annotations

import random

from reviewer.document import SectionKind, Segment, SegmentKind, Span
from reviewer.rules.action_items import item
from reviewer.rules.structure import content

PIECES = ["would", "could", "should have", "have", "nobody", "no one", "no", "one", "without", "?", ":", "to",
          "TO", "To", "which will", "Which Will", "which", "will", "into", "auto", "Impact", "Root cause", "*", "_",
          " ", "  ", "\n", "\t", "\u00a0", "\u2003", "ſ", "İ", "K", "x", "we", "Timeline", "-", "’"]


def _texts(seed: int, count: int = 3000) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        n = rng.randint(0, 9)
        out.append("".join(rng.choice(PIECES) + rng.choice(["", " ", " ", "\n"]) for _ in range(n)))
    return out


def test_hypothetical_precheck_agrees_with_the_search() -> None:
    for text in _texts(1):
        lower = text.lower()
        assert content._hypothetical(lower) == bool(content._HYPOTHETICAL.search(lower)), text


def test_lead_in_needs_a_colon() -> None:
    for text in _texts(2):
        if ":" not in text:
            assert content._LEAD_IN.match(text) is None, text


def test_intro_search_from_the_tail_agrees_with_a_full_search() -> None:
    for text in _texts(3):
        segment = Segment(0, SegmentKind.LIST_ITEM, Span(0, len(text)), text, text, SectionKind.ACTION_ITEMS, "", 1)
        assert item.is_intro(segment) == bool(item._INTRO.search(text.rstrip(" *_"))), text
