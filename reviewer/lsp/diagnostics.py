"""Findings -> LSP Diagnostics. Pure."""

from __future__ import annotations

from lsprotocol import types

from reviewer.document import Span
from reviewer.findings import Finding, Severity
from reviewer.lsp.positions import LineIndex
from reviewer.render.sarif import DOCS_URL

SOURCE = "pmreview"

_SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}


def to_diagnostic(finding: Finding, index: LineIndex, uri: str | None = None) -> types.Diagnostic:
    # A finding on a whole list points at its first item and names the items it is about: the
    # editor lists them under the diagnostic (relatedInformation), each a jump to its line.
    related = [types.DiagnosticRelatedInformation(location=types.Location(uri=uri, range=index.range(span)),
                                                  message=f"{finding.rule}: this item")
               for span in finding.related] if uri and finding.related else None
    return types.Diagnostic(
        related_information=related,
        range=index.range(finding.span),
        severity=_SEVERITY[finding.severity],
        code=finding.rule,
        code_description=types.CodeDescription(href=DOCS_URL.format(id=finding.rule)),
        source=SOURCE,
        message=finding.message,
        # Not relied upon (Helix and Emacs drop it): code actions use the server-side cache.
        data={"fingerprint": finding.fingerprint},
    )


def notice(message: str, code: str, severity: types.DiagnosticSeverity = types.DiagnosticSeverity.Information,
           ) -> types.Diagnostic:
    """One document-level diagnostic at the top of the file (too large, config error, ...)."""
    return types.Diagnostic(
        range=types.Range(start=types.Position(line=0, character=0), end=types.Position(line=0, character=0)),
        severity=severity,
        code=code,
        source=SOURCE,
        message=message,
    )


def same_place(diagnostic: types.Diagnostic, finding: Finding, index: LineIndex) -> bool:
    """Does a diagnostic the client sent back describe this finding (same rule, same range)?"""
    return str(diagnostic.code) == finding.rule and index.span(diagnostic.range) == finding.span


def overlaps(span: Span, other: Span) -> bool:
    """Overlap that also counts touching and empty spans (a cursor at a finding's edge)."""
    return span.start <= other.end and other.start <= span.end
