"""What a review produces: findings, tool errors and the report. Pure data."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from enum import IntEnum

from reviewer.document import Document, Span


class Severity(IntEnum):
    """Ordered so that `severity >= fail_level` reads naturally."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, value: str) -> Severity:
        try:
            return cls[value.strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {value!r} (use error, warning or info)") from None


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace `span` of the source with `text`."""

    span: Span
    text: str


@dataclass(frozen=True, slots=True)
class Position:
    """1-based line and column (column in code points), as users and most outputs count."""

    line: int
    column: int


@dataclass(frozen=True)
class Finding:
    rule: str
    name: str
    severity: Severity
    message: str
    span: Span
    start: Position
    end: Position
    excerpt: str
    segment_span: Span | None = None
    suggestion: str | None = None  # the segment rewritten, or a recommended replacement item
    edits: tuple[Edit, ...] = ()  # mechanical edits that produce `suggestion`, when it is one
    source: str = "rules"  # "rules" | "llm"
    note: str | None = None  # e.g. why an LLM dismissed it
    dismissed: bool = False  # the LLM judged the pattern hit a false positive
    suppressed_reason: str | None = None
    # Other places the finding is about: the items of an action-item list reported once, on the
    # list (their spans; `related_lines` are their 1-based first lines).
    related: tuple[Span, ...] = ()
    related_lines: tuple[int, ...] = ()

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.rule, self.excerpt, self.message_key)

    @property
    def message_key(self) -> str:
        # The message may carry counts or positions; the first clause is stable.
        return self.message.split(":", 1)[0]

    def with_severity(self, severity: Severity) -> Finding:
        return replace(self, severity=severity)


def fingerprint(rule: str, excerpt: str, key: str = "") -> str:
    """Stable across line moves: rule + normalised excerpt text, not positions."""
    normal = " ".join(excerpt.split()).lower()
    return hashlib.sha256(f"{rule}\x00{normal}\x00{key}".encode()).hexdigest()[:16]


@dataclass(frozen=True)
class ToolError:
    """A file that could not be reviewed: reported, not raised, so other files go on."""

    message: str
    code: str = "input"


@dataclass(frozen=True)
class Rewrite:
    """A segment rewritten by a review stage; `accepted` when it passed verification."""

    segment_index: int
    span: Span  # the segment's span in the source
    text: str
    accepted: bool
    reasons: tuple[str, ...] = ()  # why it was rejected (empty when accepted)


@dataclass(frozen=True)
class ActionLabel:
    """A review stage's judgement of one action-item segment."""

    segment_index: int
    span: Span
    label: str  # e.g. "reminder", "guardrail"
    proposal: str | None = None  # a guardrail to replace a reminder-style item
    owner_ok: bool | None = None


@dataclass(frozen=True)
class FileReport:
    """The review of one input. `document` is None only when the input could not be read."""

    path: str
    findings: tuple[Finding, ...] = ()
    errors: tuple[ToolError, ...] = ()
    notes: tuple[str, ...] = ()  # e.g. "LLM review incomplete: …"
    document: Document | None = field(default=None, repr=False, compare=False)
    rewrites: tuple[Rewrite, ...] = ()
    action_labels: tuple[ActionLabel, ...] = ()
    usage: Mapping[str, float] | None = None  # what an optional stage spent (requests, tokens…)
    incomplete: bool = False  # an optional stage did not finish (its notes say why)

    def line_text(self, line: int) -> str:
        """1-based line of the reviewed text without its ending ('' when there is none)."""
        doc = self.document
        if doc is None or not 0 < line <= len(doc.line_starts):
            return ""
        return doc.line_text(line - 1)

    def counts(self) -> dict[Severity, int]:
        out = {s: 0 for s in Severity}
        for f in self.findings:
            if not f.dismissed:
                out[f.severity] += 1
        return out


@dataclass(frozen=True)
class Report:
    files: tuple[FileReport, ...] = field(default_factory=tuple)

    @property
    def findings(self) -> list[Finding]:
        return [f for file in self.files for f in file.findings]

    @property
    def has_errors(self) -> bool:
        return any(file.errors for file in self.files)

    def fails(self, fail_on: Severity | None) -> bool:
        if fail_on is None:
            return False
        return any(f.severity >= fail_on and not f.dismissed for f in self.findings)
