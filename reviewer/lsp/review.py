"""One review of one document version, run off the event loop, through `reviewer.review.review`.

`review_buffer` never raises: a config error, an oversized or binary buffer, or a crash
all become at most one document-level diagnostic, so the editor always gets an answer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePath

from lsprotocol import types

from reviewer.config import Config
from reviewer.document import SegmentKind, Span
from reviewer.errors import PmreviewError
from reviewer.findings import Finding
from reviewer.lsp.diagnostics import notice, to_diagnostic
from reviewer.lsp.positions import LineIndex
from reviewer.review import ReviewCache, review
from reviewer.sources import MARKDOWN_SUFFIXES

MARKDOWN_LANGUAGE_IDS = frozenset({"markdown", "mdx", "markdown.mdx", "rmd", "quarto"})


def is_markdown(language_id: str | None, path: str | None) -> bool:
    if language_id and language_id.lower() in MARKDOWN_LANGUAGE_IDS:
        return True
    return path is not None and PurePath(path).suffix.lower() in MARKDOWN_SUFFIXES


@dataclass(frozen=True)
class BufferVersion:
    """One version of an editor buffer, as the review of it sees it."""

    uri: str
    version: int | None
    text: str
    path: str | None  # filesystem path, None for unsaved buffers
    encoding: str = types.PositionEncodingKind.Utf16


@dataclass(frozen=True)
class Result:
    uri: str
    version: int | None
    index: LineIndex
    findings: tuple[Finding, ...] = ()
    diagnostics: tuple[types.Diagnostic, ...] = ()
    table_rows: tuple[Span, ...] = field(default=(), repr=False)  # spans of table-row segments

    def diagnostic_for(self, finding: Finding) -> types.Diagnostic | None:
        for f, d in zip(self.findings, self.diagnostics, strict=False):
            if f is finding:
                return d
        return None

    def in_table(self, finding: Finding) -> bool:
        return any(row.contains(finding.span) for row in self.table_rows)


def review_buffer(snapshot: BufferVersion, config: Config | PmreviewError, cache: ReviewCache | None = None) -> Result:
    index = LineIndex("", snapshot.encoding)
    if isinstance(config, PmreviewError):
        return Result(snapshot.uri, snapshot.version, index,
                      diagnostics=(notice(f"pmreview: {config}", "config", types.DiagnosticSeverity.Error),))
    report = review(snapshot.text, path=snapshot.path or snapshot.uri, config=config, cache=cache)
    if report.document is None:
        error = report.errors[0]
        if error.code == "internal":
            return Result(snapshot.uri, snapshot.version, index, diagnostics=(notice(
                f"pmreview: {error.message}; see the server log", error.code, types.DiagnosticSeverity.Error),))
        return Result(snapshot.uri, snapshot.version, index,
                      diagnostics=(notice(f"pmreview: not reviewed: {error.message}", error.code),))
    document = report.document
    index = LineIndex.of(document, snapshot.encoding)
    findings = tuple(f for f in report.findings if not f.dismissed)
    return Result(
        snapshot.uri, snapshot.version, index, findings,
        tuple(to_diagnostic(f, index, snapshot.uri) for f in findings),
        tuple(s.span for s in document.segments if s.kind is SegmentKind.TABLE_ROW),
    )
