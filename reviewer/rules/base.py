"""What a rule is: frozen data (id, name, docs, examples) plus one pure detector.

A segment rule's `detect(segment, ctx)` yields `Hit`s; a document rule's
`check(document, ctx)` does. Neither does I/O. The examples are the rule's tests
(tests/rules/test_examples.py) and its documentation (docs/rules/<ID>.md).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

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


@dataclass(frozen=True, slots=True)
class Hit:
    """One match, with a span relative to the document source."""

    span: Span
    message: str
    suggestion: str | None = None
    edits: tuple[Edit, ...] = ()


@dataclass(frozen=True)
class RuleContext:
    """What a detector may know besides its segment."""

    document: Document
    accepted_names: frozenset[str] = frozenset()  # lower-cased names/roles fine to mention
    extra_blame_words: tuple[str, ...] = ()
    required_sections: tuple[str, ...] = ()
    memo: dict = field(default_factory=dict)  # per-document values rules compute once (e.g. root-cause text)


SegmentDetector = Callable[[Segment, RuleContext], Iterable[Hit]]
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
    # A rule that also reads the rest of the document names what it reads in context_key,
    # which becomes part of every cache key.
    context_key: Callable[[Document, RuleContext], object] | None = None
    # A cheap precondition: when it returns False the detector cannot hit this segment, so
    # it is not called at all (most sentences contain none of a lexicon's words).
    gate: Callable[[Segment, RuleContext], bool] | None = None

    def __post_init__(self) -> None:
        if (self.detect is None) == (self.check is None):
            raise ValueError(f"{self.id}: a rule has exactly one of detect or check")

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
        for segment in candidates:
            if self.applies_to(segment) and (gate is None or gate(segment, ctx)):
                yield from self.detect(segment, ctx)


def replace_in_segment(segment: Segment, edits: Iterable[Edit]) -> str:
    """The segment's text with `edits` (absolute spans inside it) applied."""
    text = segment.text
    base = segment.span.start
    for edit in sorted(edits, key=lambda e: e.span.start, reverse=True):
        text = text[: edit.span.start - base] + edit.text + text[edit.span.end - base :]
    return text
