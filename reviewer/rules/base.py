"""What a rule is: frozen data (id, name, docs, examples) plus one pure detector.

A segment rule's `detect(segment, ctx)` yields `Hit`s; a document rule's
`check(document, ctx)` does. Neither does I/O. The examples are the rule's tests
(tests/rules/test_examples.py, with full-diagnostic snapshots in tests/rules/snapshots)
and its documentation (docs/rules/<ID>.md).

A segment rule sees its segment and a `SegmentContext`, which has no document: what it
reads from the rest of the document it declares as `DocumentInput`s in `Rule.reads`, and
the engine puts their values into the segment-cache key. A rule cannot read the document
without the cache knowing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from reviewer.document import Document, SectionKind, Segment, Span
from reviewer.findings import Edit, Severity


@dataclass(frozen=True, slots=True)
class Example:
    """`text` is a whole postmortem snippet in Markdown.

    A flagged example must yield at least one hit from its rule; when `fixed` is given,
    applying the rule's edits must produce exactly `fixed` (or, for advice-only rules,
    `fixed` is the better version a writer would choose) and `fixed` must pass the rule.
    """

    text: str
    fixed: str | None = None
    note: str = ""
    name: str = ""  # a stable case name (tests, snapshots); defaults to a slug of the text

    @property
    def case_name(self) -> str:
        if self.name:
            return self.name
        words = re.findall(r"[a-z0-9]+", self.text.lower())
        return "-".join(words[:6]) or "empty"


@dataclass(frozen=True, slots=True)
class Hit:
    """One match, with a span relative to the document source."""

    span: Span
    message: str
    suggestion: str | None = None
    edits: tuple[Edit, ...] = ()


@dataclass(frozen=True)
class DocumentInput:
    """A value a segment rule reads from the whole document (e.g. the root-cause text's guardrail).

    `compute(document, memo)` must return a hashable value: it becomes part of the key of
    every segment-cache entry, so an editor never serves hits computed for another document.
    """

    name: str
    compute: Callable[[Document, dict], Hashable]
    # Optional: the part of the value one segment may see (e.g. the document's names that occur
    # in it). The segment's cache key then holds only that part, so an edit elsewhere in the
    # document invalidates only the segments it concerns. Read it with ctx.read(input, segment).
    project: Callable[[Any, Segment], Hashable] | None = None


class UndeclaredInput(LookupError):
    """A segment rule read a document input it did not declare in `Rule.reads`."""


@dataclass(frozen=True)
class RuleContext:
    """What a document check may know besides its document (and what segment contexts derive from)."""

    document: Document
    accepted_names: frozenset[str] = frozenset()  # lower-cased names/roles fine to mention
    extra_blame_words: tuple[str, ...] = ()
    required_sections: tuple[str, ...] = ()
    memo: dict = field(default_factory=dict)  # per-document values document checks compute once
    segment_memo: dict = field(default_factory=dict)  # per-segment parses segment rules share

    def input(self, item: DocumentInput) -> Hashable:
        key = ("document-input", item.name)
        if key not in self.memo:
            self.memo[key] = item.compute(self.document, self.memo)
        return self.memo[key]


@dataclass(frozen=True)
class SegmentContext:
    """What a segment detector may know besides its segment. There is no document here:
    only the team's config words and the declared inputs of the rule (`read`)."""

    rule_id: str
    accepted_names: frozenset[str] = frozenset()
    extra_blame_words: tuple[str, ...] = ()
    inputs: Mapping[str, Hashable] = field(default_factory=dict)
    memo: dict = field(default_factory=dict)  # keyed by segment: parses shared between rules

    projected: tuple[DocumentInput, ...] = ()  # the declared inputs read per segment

    def read(self, item: DocumentInput, segment: Segment | None = None) -> Any:
        if item.name not in self.inputs:
            raise UndeclaredInput(f"{self.rule_id} reads {item.name!r}: declare it in Rule.reads")
        if item.project is None:
            return self.inputs[item.name]
        if segment is None:
            raise UndeclaredInput(f"{self.rule_id} reads {item.name!r} per segment: ctx.read(input, segment)")
        return item.project(self.inputs[item.name], segment)

    @property
    def input_key(self) -> tuple:
        """The values of the inputs read whole, for every segment's cache key."""
        whole = {item.name for item in self.projected}
        return tuple(sorted((k, v) for k, v in self.inputs.items() if k not in whole))

    def segment_key(self, segment: Segment) -> tuple:
        """The parts of the projected inputs this segment may see, for its cache key."""
        return tuple((item.name, item.project(self.inputs[item.name], segment))
                     for item in self.projected if item.project is not None)


SegmentDetector = Callable[[Segment, SegmentContext], Iterable[Hit]]
DocumentCheck = Callable[[Document, RuleContext], Iterable[Hit]]


@dataclass(frozen=True)
class Rule:
    id: str
    name: str
    summary: str
    rationale: str
    guardrail: str  # what to do instead, in one or two sentences
    severity: Severity
    flagged: tuple[Example, ...]
    passing: tuple[Example, ...]
    sections: frozenset[SectionKind] | None = None  # None: every section
    exclude_sections: frozenset[SectionKind] = field(default_factory=frozenset)
    detect: SegmentDetector | None = None
    check: DocumentCheck | None = None
    tags: tuple[str, ...] = ()
    # The blame category this rule reports (the labelled data's `category`), or None. The LLM
    # schema, prompts, eval data and fixture validator all derive the taxonomy from it.
    category: str | None = None
    # A segment rule's hits are cached per segment (text, kind, section, cells, config words).
    # What it reads from the rest of the document it declares here; the values are part of
    # every cache key (derived, so it cannot be forgotten: SegmentContext has no document).
    reads: tuple[DocumentInput, ...] = ()
    # A cheap precondition: when it returns False the detector cannot hit this segment, so
    # it is not called at all (most sentences contain none of a lexicon's words).
    gate: Callable[[Segment, SegmentContext], bool] | None = None

    def __post_init__(self) -> None:
        if (self.detect is None) == (self.check is None):
            raise ValueError(f"{self.id}: a rule has exactly one of detect or check")
        if self.reads and self.check is not None:
            raise ValueError(f"{self.id}: a document check reads the document itself; `reads` is for segment rules")

    def segment_context(self, ctx: RuleContext) -> SegmentContext:
        """The context this rule's detector gets: config words plus its declared inputs' values."""
        return SegmentContext(
            rule_id=self.id,
            accepted_names=ctx.accepted_names,
            extra_blame_words=ctx.extra_blame_words,
            inputs={item.name: ctx.input(item) for item in self.reads},
            memo=ctx.segment_memo,
            projected=tuple(item for item in self.reads if item.project is not None),
        )

    @property
    def group(self) -> str:
        return self.id[:2]

    def applies_to(self, segment: Segment) -> bool:
        if segment.section in self.exclude_sections:
            return False
        return self.sections is None or segment.section in self.sections

    def run(self, document: Document, ctx: RuleContext) -> Iterator[Hit]:
        if self.check is not None:
            yield from self.check(document, ctx)
            return
        assert self.detect is not None
        if self.sections is not None and len(self.sections) == 1:
            (kind,) = self.sections
            candidates: tuple[Segment, ...] = document.by_section.get(kind, ())
        else:
            candidates = document.segments
        gate = self.gate
        sctx = self.segment_context(ctx)
        for segment in candidates:
            if self.applies_to(segment) and (gate is None or gate(segment, sctx)):
                yield from self.detect(segment, sctx)


def replace_in_segment(segment: Segment, edits: Iterable[Edit]) -> str:
    """The segment's text with `edits` (absolute spans inside it) applied."""
    text = segment.text
    base = segment.span.start
    for edit in sorted(edits, key=lambda e: e.span.start, reverse=True):
        text = text[: edit.span.start - base] + edit.text + text[edit.span.end - base :]
    return text
