"""Sentence boundaries inside one block of prose.

Deliberately small and pinned: fixtures quote sentences, so the splitter must not drift.
"""

from __future__ import annotations

import re

_ABBREVIATIONS = frozenset(
    "e.g i.e etc vs approx incl dept est min max mr mrs ms dr prof sr jr st no nos fig "
    "al cf ca inc ltd co corp jan feb mar apr jun jul aug sep sept oct nov dec u.s a.m p.m".split()
)
# A terminator run, optional closing quotes/brackets, then whitespace.
_BOUNDARY = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s)")
_WORD_BEFORE = re.compile(r"([A-Za-z.]+)\.$")
_VISIBLE = re.compile(r"\S")


def split_sentences(text: str, masked: str | None = None) -> list[tuple[int, int]]:
    """Return (start, end) of each sentence in `text`, whitespace trimmed.

    Boundaries are looked for in `masked` (same length, code and quotes blanked) so a
    period inside `code`, a URL or a quotation does not end a sentence.
    """
    probe = text if masked is None else masked
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(probe):
        end = match.end()
        nxt = _next_visible(probe, end)
        if nxt is None:
            break
        if probe[nxt].islower():
            continue
        if match.group().startswith(".") and _is_abbreviation(probe[start : match.start() + 1]):
            continue
        _append(spans, text, start, end)
        start = nxt
    _append(spans, text, start, len(text))
    return spans


def _next_visible(text: str, pos: int) -> int | None:
    match = _VISIBLE.search(text, pos)  # \S is `not str.isspace()` in CPython's re
    return match.start() if match else None


def _is_abbreviation(head: str) -> bool:
    match = _WORD_BEFORE.search(head)
    if not match:
        return False
    word = match.group(1).lower().rstrip(".")
    # Single letters ("J. Smith") and listed abbreviations do not end a sentence.
    return len(word) == 1 or word in _ABBREVIATIONS


def _append(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    piece = text[start:end]
    kept = piece.strip()  # strip() drops exactly the characters str.isspace() is true for
    if kept:
        start += len(piece) - len(piece.lstrip())
        spans.append((start, start + len(kept)))
