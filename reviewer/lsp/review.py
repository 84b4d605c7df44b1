"""One review of one document version, run off the event loop. Pure apart from config reads.

`review_snapshot` never raises: a config error, an oversized or binary buffer, or a crash
all become at most one document-level diagnostic, so the editor always gets an answer.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import PurePath

from lsprotocol import types

from reviewer.config import Config
from reviewer.document import Document, SegmentKind, Span
from reviewer.engine import ReviewCache, review_document
from reviewer.errors import PmreviewError
from reviewer.findings import Finding
from reviewer.lsp.diagnostics import notice, to_diagnostic
from reviewer.lsp.positions import LineIndex
from reviewer.parser import parse_markdown
from reviewer.sources import MARKDOWN_SUFFIXES

log = logging.getLogger(__name__)
MARKDOWN_LANGUAGE_IDS = frozenset({"markdown", "mdx", "markdown.mdx", "rmd", "quarto"})


def is_markdown(language_id: str | None, path: str | None) -> bool:
    if language_id and language_id.lower() in MARKDOWN_LANGUAGE_IDS:
        return True
    return path is not None and PurePath(path).suffix.lower() in MARKDOWN_SUFFIXES


@dataclass(frozen=True)
class Snapshot:
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


def _size_bytes(text: str, limit: int) -> int:
    if len(text) * 4 <= limit:  # cannot exceed the limit whatever the characters
        return len(text)
    return len(text.encode("utf-8", "surrogatepass"))


def review_snapshot(snapshot: Snapshot, config: Config | PmreviewError, cache: ReviewCache | None = None) -> Result:
    index = LineIndex("", snapshot.encoding)
    if isinstance(config, PmreviewError):
        return Result(snapshot.uri, snapshot.version, index,
                      diagnostics=(notice(f"pmreview: {config}", "config", types.DiagnosticSeverity.Error),))
    size = _size_bytes(snapshot.text, config.max_file_bytes)
    if size > config.max_file_bytes:
        message = (f"pmreview: not reviewed: document is too large ({size / 1_000_000:.1f} MB, limit "
                   f"{config.max_file_bytes / 1_000_000:.1f} MB; raise max-file-bytes in the config)")
        return Result(snapshot.uri, snapshot.version, index, diagnostics=(notice(message, "too-large"),))
    if "\x00" in snapshot.text[:8192]:
        return Result(snapshot.uri, snapshot.version, index,
                      diagnostics=(notice("pmreview: not reviewed: binary content", "binary"),))
    if not snapshot.text.strip():
        return Result(snapshot.uri, snapshot.version, index)
    try:
        document: Document = parse_markdown(snapshot.text, snapshot.path or snapshot.uri,
                                            cache.tokens if cache else None)
        report = review_document(document, config, cache.segments if cache else None)
    except Exception as exc:  # a reviewer bug must not take the server down
        log.exception("review of %s failed", snapshot.uri)
        return Result(snapshot.uri, snapshot.version, index, diagnostics=(notice(
            f"pmreview: internal error while reviewing ({exc.__class__.__name__}); see the server log",
            "internal", types.DiagnosticSeverity.Error),))
    index = LineIndex(snapshot.text, snapshot.encoding)
    findings = tuple(f for f in report.findings if not f.dismissed)
    return Result(
        snapshot.uri, snapshot.version, index, findings,
        tuple(to_diagnostic(f, index) for f in findings),
        tuple(s.span for s in document.segments if s.kind is SegmentKind.TABLE_ROW),
    )
