"""Code actions for one finding: apply the suggestion, suggest a guardrail, disable the rule.

Pure: each function takes the reviewed text (via its LineIndex) and a Finding and returns
lsprotocol objects. Every edit is computed eagerly (it is cheap); only an LLM rewrite is
left for `codeAction/resolve` (see reviewer/lsp/rewrite.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lsprotocol import types

from reviewer.document import Span
from reviewer.edits import EditModel
from reviewer.findings import Finding
from reviewer.lsp.positions import LineIndex

REASON_PLACEHOLDER = "TODO: why this is acceptable here"
_NEXT_LINE = re.compile(r"^(?P<prefix>[ \t>]*)<!--\s*pmreview-disable-next-line\b(?P<rules>[^\"]*?)(?P<rest>\s+reason=.*)?-->\s*$")
_LINE_PREFIX = re.compile(r"^[ \t]*(?:>[ \t]?)*")
_FRONT_MATTER = re.compile(r"\A(?:---|\+\+\+)[ \t]*\r?\n.*?\r?\n(?:---|\+\+\+|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
_TRAILING_OWNER = re.compile(r"\s*(?:\((?:owners?:\s*)?@[^()]*\)|[—–]\s*@?[\w][\w .,/&@-]*)\s*$")


@dataclass(frozen=True)
class EditTarget:
    """Where edits go: the document URI and the version they were computed against."""

    uri: str
    version: int | None
    document_changes: bool  # the client supports versioned TextDocumentEdits


def workspace_edit(target: EditTarget, edits: list[types.TextEdit]) -> types.WorkspaceEdit:
    if target.document_changes:
        return types.WorkspaceEdit(document_changes=[types.TextDocumentEdit(
            text_document=types.OptionalVersionedTextDocumentIdentifier(uri=target.uri, version=target.version),
            edits=edits,
        )])
    return types.WorkspaceEdit(changes={target.uri: edits})


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def apply_suggestion(finding: Finding, index: LineIndex, target: EditTarget, diagnostic: types.Diagnostic | None,
                     model: EditModel | None = None) -> types.CodeAction | None:
    """The rule's own mechanical fix, as one quick fix: the edits `fix` would apply
    (reviewer/edits.py), none when they would change the document's block structure."""
    if not finding.edits:
        return None
    checked = (model or EditModel(index.text)).check(finding).edits
    if not checked:
        return None
    edits = [types.TextEdit(range=index.range(e.span), new_text=e.text) for e in checked]
    if len(checked) == 1:
        edit = checked[0]
        old = index.text[edit.span.start : edit.span.end]
        title = f"Replace '{_short(old)}' with '{_short(edit.text)}'" if edit.text else f"Remove '{_short(old)}'"
    else:
        title = f"Apply suggestion ({len(edits)} edits)"
    return types.CodeAction(
        title=f"pmreview: {title}",
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[diagnostic] if diagnostic else None,
        is_preferred=True,
        edit=workspace_edit(target, edits),
    )


def suggest_guardrail(finding: Finding, index: LineIndex, target: EditTarget, diagnostic: types.Diagnostic | None,
                      ) -> types.CodeAction | None:
    """AC001: replace a reminder-style action item with the guardrail the rule proposes."""
    if finding.rule != "AC001" or not finding.suggestion or finding.edits:
        return None
    span = finding.span
    owner = _TRAILING_OWNER.search(index.text[span.start : span.end])
    if owner:  # keep "(@dana)" / "— @li": the owner stays with the new item
        span = Span(span.start, span.start + owner.start())
    return types.CodeAction(
        title=f"pmreview: Suggest a guardrail: '{_short(finding.suggestion, 60)}'",
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[diagnostic] if diagnostic else None,
        edit=workspace_edit(target, [types.TextEdit(range=index.range(span), new_text=finding.suggestion)]),
    )


def _is_table_line(line: str) -> bool:
    """Within a known table: rows, the delimiter row and the header all contain a pipe."""
    return "|" in line and not line.lstrip().startswith("<!--")


def _newline(index: LineIndex) -> str:
    return "\r\n" if "\r\n" in index.text[: 10_000] else "\n"


def _insert(index: LineIndex, line: int, text: str) -> types.TextEdit:
    pos = types.Position(line=line, character=0)
    return types.TextEdit(range=types.Range(start=pos, end=pos), new_text=text)


def disable_rule(finding: Finding, index: LineIndex, target: EditTarget, diagnostic: types.Diagnostic | None,
                 in_table: bool = False) -> types.CodeAction | None:
    """Insert an inline control with a reason placeholder (see reviewer/suppress.py).

    Line findings get `pmreview-disable-next-line` on the line above (or join an existing one
    there, since a second comment line would break the first); table rows get a disable/enable
    pair around the table (a comment line inside a table would end it); document-level findings
    get `pmreview-disable-file` at the top, after any front matter.
    """
    rule, nl = finding.rule, _newline(index)
    diagnostics = [diagnostic] if diagnostic else None
    reason = f'reason="{REASON_PLACEHOLDER}"'
    # Outside every segment (a missing section, a heading, the whole file): no line to disable it on.
    if finding.segment_span is None or finding.span == Span(0, 0):
        front = _FRONT_MATTER.match(index.text)
        line = index.line_of(front.end()) if front else 0
        if front and not front.group().endswith("\n"):
            edit = types.TextEdit(range=types.Range(start=index.position(front.end()), end=index.position(front.end())),
                                  new_text=f"{nl}<!-- pmreview-disable-file {rule} {reason} -->")
        else:
            edit = _insert(index, line, f"<!-- pmreview-disable-file {rule} {reason} -->{nl}")
        return types.CodeAction(title=f"pmreview: Disable {rule} for this file", kind=types.CodeActionKind.QuickFix,
                                diagnostics=diagnostics, edit=workspace_edit(target, [edit]))

    line = index.line_of(finding.span.start)
    text = index.line_text(line).rstrip("\r")
    if in_table:
        first = line
        while first > 0 and index.line_text(first - 1).strip() and _is_table_line(index.line_text(first - 1)):
            first -= 1
        last = line
        while (last + 1 < len(index.starts) and index.line_text(last + 1).strip()
               and _is_table_line(index.line_text(last + 1))):
            last += 1
        prefix = _LINE_PREFIX.match(text).group()  # type: ignore[union-attr]
        edits = [_insert(index, first, f"{prefix}<!-- pmreview-disable {rule} {reason} -->{nl}")]
        if last + 1 < len(index.starts):
            edits.append(_insert(index, last + 1, f"{prefix}<!-- pmreview-enable {rule} -->{nl}"))
        else:
            end = index.position(len(index.text))
            edits.append(types.TextEdit(range=types.Range(start=end, end=end),
                                        new_text=f"{nl}{prefix}<!-- pmreview-enable {rule} -->{nl}"))
        return types.CodeAction(title=f"pmreview: Disable {rule} for this table", kind=types.CodeActionKind.QuickFix,
                                diagnostics=diagnostics, edit=workspace_edit(target, edits))

    above = line - 1
    while above >= 0 and not index.line_text(above).strip():
        above -= 1
    existing = _NEXT_LINE.match(index.line_text(above).rstrip("\r")) if above >= 0 else None
    if existing:
        col = existing.end("rules")
        pos = types.Position(line=above, character=index.position(index.starts[above] + col).character)
        edit = types.TextEdit(range=types.Range(start=pos, end=pos), new_text=f" {rule}")
    else:
        prefix = _LINE_PREFIX.match(text).group()  # type: ignore[union-attr]
        edit = _insert(index, line, f"{prefix}<!-- pmreview-disable-next-line {rule} {reason} -->{nl}")
    return types.CodeAction(title=f"pmreview: Disable {rule} on this line", kind=types.CodeActionKind.QuickFix,
                            diagnostics=diagnostics, edit=workspace_edit(target, [edit]))

