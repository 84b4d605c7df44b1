"""The parsed postmortem: spans, segments and sections. Frozen data, no I/O.

Offsets are 0-based, end-exclusive indexes into `Document.source` (a str, so code points).

Lines end at \n, \r\n or a lone \r: the line model markdown-it (and LSP) use. Every line
number this package hands out comes from `line_starts_of`, so they all agree.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Generic, TypeVar, overload

T = TypeVar("T")


class computed_once(Generic[T]):  # noqa: N801 - used like functools.cached_property
    """functools.cached_property without the lock Python 3.11 takes on every first read: a corpus run
    reads each segment's `lower`, `words` and memo once, ~100 first reads per document, and the
    lock was a visible share of that. The values are pure, so two threads computing one at once
    store equal values (a memo dict lost that way only costs a recomputation)."""

    def __init__(self, compute: Callable[[Any], T]) -> None:
        self.compute = compute
        self.name = compute.__name__
        self.__doc__ = compute.__doc__

    @overload
    def __get__(self, instance: None, owner: type) -> computed_once[T]: ...

    @overload
    def __get__(self, instance: object, owner: type) -> T: ...

    def __get__(self, instance: object | None, owner: type) -> T | computed_once[T]:
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.compute(instance)
        return value


@dataclass(frozen=True, slots=True, order=True)
class Span:
    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"bad span {self.start}:{self.end}")

    def shift(self, offset: int) -> Span:
        return Span(self.start + offset, self.end + offset)

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end


class SectionKind(StrEnum):
    SUMMARY = "summary"
    IMPACT = "impact"
    TIMELINE = "timeline"
    ROOT_CAUSE = "root-cause"
    TRIGGER = "trigger"
    RESOLUTION = "resolution"
    DETECTION = "detection"
    ACTION_ITEMS = "action-items"
    LESSONS = "lessons"
    WENT_WELL = "went-well"
    METADATA = "metadata"
    OTHER = "other"


class SegmentKind(StrEnum):
    SENTENCE = "sentence"
    LIST_ITEM = "list-item"
    TABLE_ROW = "table-row"


@dataclass(frozen=True, slots=True)
class Cell:
    """One table cell: its header (lower-cased, '' when none) and its span in the source."""

    header: str
    span: Span
    text: str


_WORDS = re.compile(r"[\w'’!?-]+")
_RUNS = re.compile(r"\w+")
_PUNCT = re.compile(r"['’!?-]")  # the characters a token may hold besides \w
_CORE = re.compile(r"\w(?:[\w'’!?-]*\w)?")  # a token without its edge punctuation


def lexicon_words(lower_text: str) -> frozenset[str]:
    """The tokens lexicons look words up by: a token keeps inner punctuation for terms that hold
    it ("what were you thinking?") and also counts without its edge punctuation, so "careless!"
    still asks about "careless"."""
    if _PUNCT.search(lower_text) is None:  # most sentences: the tokens are the \w runs, nothing to strip
        return frozenset(_runs(lower_text))
    return _punctuated_words(lower_text)


# In ASCII text \w is [a-zA-Z0-9_]: blanking every other character and splitting on whitespace finds
# the same runs (and tokens) as the regex, about twice as fast.
_ASCII_GAPS = {i: " " for i in range(128) if not (chr(i).isalnum() or chr(i) == "_")}
_RUN_GAPS = str.maketrans(_ASCII_GAPS)
_TOKEN_GAPS = str.maketrans({i: c for i, c in _ASCII_GAPS.items() if chr(i) not in "'!?-"})


def _runs(lower_text: str) -> list[str]:
    return lower_text.translate(_RUN_GAPS).split() if lower_text.isascii() else _RUNS.findall(lower_text)


def _punctuated_words(lower_text: str) -> frozenset[str]:
    tokens = lower_text.translate(_TOKEN_GAPS).split() if lower_text.isascii() else _WORDS.findall(lower_text)
    cores = _CORE.findall(lower_text)  # each token's core, in C: token.strip("'’!?-") where not empty
    words = frozenset(tokens).union(cores)
    # A token of punctuation alone ("--", "!!") has no core; stripped, it is "".
    return words | {""} if len(cores) < len(tokens) else words


def word_sets(lower_text: str) -> tuple[frozenset[str], frozenset[str]]:
    """(lexicon_words, the \\w runs) of a lower-cased text, from one scan where the text holds no
    token punctuation (most sentences): there the two sets are one."""
    runs = frozenset(_runs(lower_text))
    if _PUNCT.search(lower_text) is None:
        return runs, runs
    return _punctuated_words(lower_text), runs


@dataclass(frozen=True)
class Segment:
    """A unit a rule looks at: a sentence, a list item or a table row.

    `prose` is `text` with inline code, URLs, inline HTML and quoted speech blanked out
    (same length, so offsets still line up): rules match on `prose`, never inside those.
    """

    index: int
    kind: SegmentKind
    span: Span
    text: str
    prose: str
    section: SectionKind
    section_title: str
    block: int  # segments of one paragraph line / list item / table row share a block
    list_depth: int = 0
    cells: tuple[Cell, ...] = ()

    @property
    def id(self) -> str:
        return f"s{self.index}"

    @computed_once
    def lower(self) -> str:
        return self.prose.lower()

    @computed_once
    def words(self) -> frozenset[str]:
        """Lower-cased tokens of `prose`: lexicons look words up here before running patterns."""
        return self._word_sets[0]

    @computed_once
    def runs(self) -> frozenset[str]:
        """The maximal \\w runs of `lower` (rules' word-run gates read them)."""
        return self._word_sets[1]

    @computed_once
    def _word_sets(self) -> tuple[frozenset[str], frozenset[str]]:
        return word_sets(self.lower)

    @computed_once
    def lexicon_memo(self) -> dict:
        """Per-segment scratch for lexicon pre-checks (a rule's gate and detector share them).
        Not a field: not part of equality, hashing or cache keys."""
        return {}


@dataclass(frozen=True, slots=True)
class Section:
    kind: SectionKind
    title: str
    level: int
    heading: Span | None  # None for the text before the first heading
    span: Span  # heading start to the next heading of the same or higher level


@dataclass(frozen=True, slots=True)
class Comment:
    """An HTML comment outside code: where inline `pmreview-disable` controls live."""

    span: Span
    body: str


@dataclass(frozen=True)
class Document:
    source: str
    path: str
    sections: tuple[Section, ...]
    segments: tuple[Segment, ...]
    line_starts: tuple[int, ...] = field(repr=False, default=())
    comments: tuple[Comment, ...] = field(repr=False, default=())

    def position(self, offset: int) -> tuple[int, int]:
        """0-based (line, column in code points) of a source offset."""
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return line, offset - self.line_starts[line]

    def offset(self, line: int, column: int) -> int:
        return self.line_starts[line] + column

    def line_text(self, line: int) -> str:
        return self.source[self.line_starts[line] : line_end(self.source, self.line_starts, line)]

    @computed_once
    def _segment_starts(self) -> list[int]:
        return [s.span.start for s in self.segments]

    def segment_at(self, span: Span) -> Segment | None:
        """The segment holding `span` (segments are ordered and do not overlap)."""
        i = bisect.bisect_right(self._segment_starts, span.start) - 1
        if i >= 0 and self.segments[i].span.contains(span):
            return self.segments[i]
        return None

    def segments_within(self, span: Span) -> tuple[Segment, ...]:
        """The segments inside `span`, found by bisection (segments are ordered, disjoint)."""
        lo = bisect.bisect_left(self._segment_starts, span.start)
        hi = bisect.bisect_left(self._segment_starts, span.end, lo)
        return tuple(s for s in self.segments[lo:hi] if s.span.end <= span.end)

    @computed_once
    def by_section(self) -> dict[SectionKind, tuple[Segment, ...]]:
        """Segments of each section kind, in document order (rules limited to a section use it)."""
        groups: dict[SectionKind, list[Segment]] = {}
        for segment in self.segments:
            groups.setdefault(segment.section, []).append(segment)
        return {kind: tuple(items) for kind, items in groups.items()}

    def section_kinds(self) -> set[SectionKind]:
        return {s.kind for s in self.sections}

    def segments_in(self, kind: SectionKind) -> list[Segment]:
        return [s for s in self.segments if s.section is kind]


LINE_BREAK = re.compile(r"\r\n|\r|\n")


def line_starts_of(source: str) -> tuple[int, ...]:
    """Offset of the first character of each line (markdown-it's line numbering)."""
    if "\r" not in source:  # the common case, without a regex match object per line
        starts = [0]
        pos = source.find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = source.find("\n", pos + 1)
        return tuple(starts)
    return (0, *(m.end() for m in LINE_BREAK.finditer(source)))


def split_lines(source: str) -> list[str]:
    """The lines of `source` without their endings, numbered like `line_starts_of`."""
    return LINE_BREAK.split(source)


def line_end(source: str, starts: tuple[int, ...], line: int) -> int:
    """Offset just past the last character of `line`, before its line break."""
    if line + 1 >= len(starts):
        return len(source)
    end = starts[line + 1]
    if source[end - 1] == "\n":
        end -= 1
        if end > starts[line] and source[end - 1] == "\r":
            end -= 1
    else:  # a lone \r
        end -= 1
    return end
