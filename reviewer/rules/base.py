"""What a rule is: frozen data (id, name, docs, examples) plus one pure detector.

A segment rule's `detect(segment, ctx)` yields `Hit`s; a document rule's
`check(document, ctx)` does. Neither does I/O. The examples are the rule's tests
(tests/rules/test_examples.py, with full-diagnostic snapshots in tests/rules/snapshots)
and its documentation (docs/rules/<ID>.md).

A segment rule sees its segment and a `SegmentContext`, which has no document: what it
reads from the rest of the document it declares as `DocumentInput`s in `Rule.reads`, and
the engine puts their values into the segment-cache key. A rule cannot read the document
without the cache knowing.

The settings a rule reads (`required-sections`, `accepted-names`, ...) it declares as
`RuleOption`s in `Rule.options`: the config loader validates `[options]` against these
declarations, the rule pages list them, and a rule reads a value only through
`ctx.option(OPTION)`, which refuses an undeclared option (so every value a cached segment rule
reads is in its cache key).
"""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Literal

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
    # Which of the rule's internal shapes or evidence paths produced the hit ("shape:first-person",
    # "lexicon:<tag>:<term>"). Diagnostics only: findings do not carry it; scripts/blame_paths.py
    # reads it to measure precision per path.
    path: str = ""
    # Other places the hit is about (the items of a list judged once, by a finding on the list).
    related: tuple[Span, ...] = ()
    # A lower (or higher) severity for this hit than the rule's default; a configured severity
    # for the rule still wins (engine.severity_for).
    severity: Severity | None = None


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


class UndeclaredOption(LookupError):
    """A rule read an option it did not declare in `Rule.options`."""


def _frozen(value: Any) -> Hashable:
    """A config value as rules read it: lists become tuples (option values are cache-key parts)."""
    if isinstance(value, list | tuple):
        return tuple(_frozen(v) for v in value)
    if isinstance(value, set | frozenset):
        return frozenset(value)
    return value


def describe_type(tp: Any) -> str:
    """A type annotation in the words a config reader uses ("list of strings")."""
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin is Literal:
        return "one of " + ", ".join(f"`{a}`" for a in args)
    if origin in (list, tuple) and args:
        inner = args[0]
        if typing.get_origin(inner) is Literal:
            return "list of " + ", ".join(f"`{a}`" for a in typing.get_args(inner))
        return f"list of {describe_type(inner)}s"
    if origin in (typing.Union, types.UnionType):
        return " or ".join(describe_type(a) for a in args)
    names = {str: "string", int: "integer", float: "number", bool: "boolean", type(None): "none"}
    return names.get(tp, getattr(tp, "__name__", str(tp)))


@dataclass(frozen=True)
class RuleOption:
    """A setting a rule reads, declared on the rule and set under `[options]` in the config.

    `type` is an annotation the config loader validates the value with (pydantic), `default`
    is in config spelling (what `pmreview rule` shows), `convert` turns the validated value
    into what the rule reads (hashable: it is part of segment-cache keys). Several rules may
    declare the same option object (the team's accepted names serve every blame rule).
    """

    key: str  # kebab-case, the key under [options]
    type: Any
    default: Any
    help: str
    convert: Callable[[Any], Hashable] = _frozen

    def configured(self, options: Mapping[str, Any]) -> Any:
        """The value in config spelling: the config's, else the declared default."""
        return options.get(self.key, self.default)

    def value(self, options: Mapping[str, Any]) -> Hashable:
        """What the rule reads, from a config's `[options]`: the one place a value is resolved."""
        return self.convert(self.configured(options))

    @property
    def type_name(self) -> str:
        return describe_type(self.type)


# Options several rules share: the team's vocabulary (also read by the LLM rewrite check).
ACCEPTED_NAMES = RuleOption(
    key="accepted-names", type=list[str], default=[],
    help="Names that look like people but are systems, services or roles here (e.g. a service called "
         "\"Kestrel\"): never read as a person to blame, and kept as identifiers by the LLM rewrite check. "
         "Case-insensitive.",
    convert=lambda names: frozenset(n.lower() for n in names),
)
EXTRA_BLAME_WORDS = RuleOption(
    key="extra-blame-words", type=list[str], default=[],
    help="The team's own judgement words, flagged like the built-in moral-language words.",
)


@dataclass(frozen=True)
class RuleContext:
    """What a document check may know besides its document (and what segment contexts derive from)."""

    document: Document
    options: Mapping[str, Any] = field(default_factory=dict)  # the config's [options], config spelling
    memo: dict = field(default_factory=dict)  # per-document values document checks compute once
    segment_memo: dict = field(default_factory=dict)  # per-segment parses segment rules share
    # The options the rule this context was made for declared (None: not made for one rule).
    declared: frozenset[str] | None = None
    rule_id: str = ""
    # Is (rule id, offset) switched off by an inline comment? The engine knows the document's controls; a
    # check that judges several segments at once (a list) leaves out the ones the writer switched off.
    off: Callable[[str, int], bool] | None = None

    def input(self, item: DocumentInput) -> Hashable:
        key = ("document-input", item.name)
        if key not in self.memo:
            self.memo[key] = item.compute(self.document, self.memo)
        return self.memo[key]

    def option(self, item: RuleOption) -> Any:
        """The value of a declared option (the config's, else its default)."""
        if self.declared is not None and item.key not in self.declared:
            raise UndeclaredOption(f"{self.rule_id} reads option {item.key!r}: declare it in Rule.options")
        key = ("option", item.key)
        if key not in self.memo:
            self.memo[key] = item.value(self.options)
        return self.memo[key]

    def suppressed(self, segment: Segment) -> bool:
        """The writer switched this rule off where the segment starts."""
        return self.off is not None and self.off(self.rule_id, segment.span.start)

    def for_rule(self, rule: Rule) -> RuleContext:
        """This context as `rule`'s check sees it: only its declared options (memos shared)."""
        return replace(self, declared=frozenset(o.key for o in rule.options), rule_id=rule.id)


@dataclass(frozen=True)
class SegmentContext:
    """What a segment detector may know besides its segment. There is no document here:
    only the values of the rule's declared options (`option`) and inputs (`read`)."""

    rule_id: str
    options: Mapping[str, Hashable] = field(default_factory=dict)  # declared options' values
    inputs: Mapping[str, Hashable] = field(default_factory=dict)
    memo: dict = field(default_factory=dict)  # keyed by segment: parses shared between rules

    projected: tuple[DocumentInput, ...] = ()  # the declared inputs read per segment

    def option(self, item: RuleOption) -> Any:
        if item.key not in self.options:
            raise UndeclaredOption(f"{self.rule_id} reads option {item.key!r}: declare it in Rule.options")
        return self.options[item.key]

    @property
    def accepted_names(self) -> frozenset[str]:
        """The team's accepted names, lower-cased (option `accepted-names`)."""
        return self.option(ACCEPTED_NAMES)

    @property
    def extra_blame_words(self) -> tuple[str, ...]:
        return self.option(EXTRA_BLAME_WORDS)

    @property
    def option_key(self) -> tuple:
        """The declared options' values, for every segment's cache key."""
        return tuple(sorted(self.options.items(), key=lambda item: item[0]))

    def read(self, item: DocumentInput, segment: Segment | None = None) -> Any:
        inputs = self.inputs
        if item.name in inputs:
            value = inputs[item.name]
        elif isinstance(inputs, _LazyInputs) and inputs.declares(item.name):
            value = inputs.load(item.name)
        else:
            raise UndeclaredInput(f"{self.rule_id} reads {item.name!r}: declare it in Rule.reads")
        if item.project is None:
            return value
        if segment is None:
            raise UndeclaredInput(f"{self.rule_id} reads {item.name!r} per segment: ctx.read(input, segment)")
        return item.project(value, segment)

    @property
    def input_key(self) -> tuple:
        """The values of the inputs read whole, for every segment's cache key."""
        whole = {item.name for item in self.projected}
        return tuple(sorted((k, v) for k, v in self.inputs.items() if k not in whole))

    def segment_key(self, segment: Segment) -> tuple:
        """The parts of the projected inputs this segment may see, for its cache key."""
        return tuple((item.name, item.project(self.inputs[item.name], segment))
                     for item in self.projected if item.project is not None)


class _LazyInputs(dict):
    """A rule's declared document inputs, each computed when first read (once per review: the
    values live in the RuleContext's memo). A detector that reads an input only for some segments
    ("the root cause's guardrail" only for an item it flags) leaves it uncomputed in a document
    where none of them occurs. Holds the values read so far (a read after the first is one dict
    lookup); the segment cache, which keys on every value, gets a plain dict (Rule.segment_context)."""

    def __init__(self, ctx: RuleContext, reads: tuple[DocumentInput, ...]) -> None:
        super().__init__()
        self._ctx = ctx
        self._reads = {item.name: item for item in reads}

    def declares(self, name: str) -> bool:
        return name in self._reads

    def load(self, name: str) -> Hashable:
        """The value of a declared input not read before."""
        self[name] = value = self._ctx.input(self._reads[name])
        return value


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
    # it is not called at all (most sentences contain none of a lexicon's words). A gate with a
    # `select(segments, ctx)` method answers for all of a document's segments in one call.
    gate: Callable[[Segment, SegmentContext], bool] | None = None
    # The settings this rule reads (`ctx.option(OPTION)`); validated under [options] in the config,
    # listed on the rule's page, and, for a segment rule, part of every cache key.
    options: tuple[RuleOption, ...] = ()

    def __post_init__(self) -> None:
        if (self.detect is None) == (self.check is None):
            raise ValueError(f"{self.id}: a rule has exactly one of detect or check")
        if self.reads and self.check is not None:
            raise ValueError(f"{self.id}: a document check reads the document itself; `reads` is for segment rules")

    def segment_context(self, ctx: RuleContext, *, lazy: bool = False) -> SegmentContext:
        """The context this rule's detector gets: its declared options' and inputs' values (with
        `lazy`, each input computed when the detector first reads it: `run`, which keys no cache)."""
        return SegmentContext(
            rule_id=self.id,
            options={item.key: ctx.option(item) for item in self.options},
            inputs=_LazyInputs(ctx, self.reads) if lazy else {item.name: ctx.input(item) for item in self.reads},
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
            yield from self.check(document, ctx.for_rule(self))
            return
        detect = self.detect
        assert detect is not None
        # The segments this rule applies to, without asking `applies_to` of each where the
        # section index already answers (a corpus run makes this loop ~80,000 times per 200 files).
        candidates: Iterable[Segment]
        if self.sections is not None and len(self.sections) == 1:
            (kind,) = self.sections
            candidates = () if kind in self.exclude_sections else document.by_section.get(kind, ())
        elif self.sections is None and not self.exclude_sections:
            candidates = document.segments
        else:
            candidates = [s for s in document.segments if self.applies_to(s)]
        gate = self.gate
        sctx = self.segment_context(ctx, lazy=True)
        select = getattr(gate, "select", None)  # a gate that answers for many segments at once
        if select is not None:
            candidates = select(candidates, sctx)
            gate = None
        if gate is None:
            for segment in candidates:
                yield from detect(segment, sctx)
        else:
            for segment in candidates:
                if gate(segment, sctx):
                    yield from detect(segment, sctx)


def replace_in_segment(segment: Segment, edits: Iterable[Edit]) -> str:
    """The segment's text with `edits` (absolute spans inside it) applied."""
    text = segment.text
    base = segment.span.start
    for edit in sorted(edits, key=lambda e: e.span.start, reverse=True):
        text = text[: edit.span.start - base] + edit.text + text[edit.span.end - base :]
    return text
