"""Inline comment bodies: rule, reason, a ```suggestion block (whole lines), hidden marker.

A suggestion replaces exactly the commented lines, so span edits are widened to the full
lines they touch (prefix of the first line + edited text + suffix of the last line). Only
findings with mechanical edits get a suggestion block; the others carry their advice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reviewer.edits import EditModel
from reviewer.findings import Finding

MARKER_PREFIX = "<!-- pmreview:v1"
SUMMARY_MARKER = "<!-- pmreview:v1 summary -->"
REVIEW_MARKER = "<!-- pmreview:v1 review -->"
MAX_BODY = 65_000  # GitHub rejects bodies over 65,536 characters
_FINDING_MARKER = re.compile(r"<!-- pmreview:v1 fp=([0-9a-f]{8,64}) rule=([A-Z]{2}\d{3}) -->")


@dataclass(frozen=True)
class Anchor:
    """Where a comment goes (1-based, inclusive) and the whole-line rewrite, if any."""

    start_line: int
    end_line: int
    replacement: str | None  # new text for lines start_line..end_line, without the final newline


def _line_of(starts: list[int], offset: int) -> int:
    """1-based line containing offset."""
    lo, hi = 0, len(starts)
    while lo + 1 < hi:
        mid = (lo + hi) // 2
        if starts[mid] <= offset:
            lo = mid
        else:
            hi = mid
    return lo + 1


def _line_starts(text: str) -> list[int]:
    return [0, *(i + 1 for i, ch in enumerate(text) if ch == "\n")]


def anchor_for(text: str, finding: Finding, model: EditModel | None = None) -> Anchor:
    """The line range to comment on and, for findings with edits, the rewritten lines.

    The edits are the ones `fix` and the editor apply (reviewer/edits.py); edits that would
    change the block structure give no suggestion block, only the advice. Lines here are
    git's (broken at \n only), since GitHub anchors comments on diff lines.
    """
    starts = _line_starts(text)
    edits = list((model or EditModel(text)).check(finding).edits) if finding.edits else []
    spans = [finding.span, *(e.span for e in edits)]
    lo = min(s.start for s in spans)
    hi = max(max(s.end - 1, s.start) for s in spans)  # last code point covered (end is exclusive)
    # An edit that removes a line break joins the next line: the suggestion must replace it too.
    hi = max([hi, *(e.span.end for e in edits if e.span.end > e.span.start and text[e.span.end - 1] == "\n")])
    hi = min(hi, max(len(text) - 1, 0))
    first, last = _line_of(starts, lo), _line_of(starts, hi)
    if not edits:
        return Anchor(first, last, None)
    block_start = starts[first - 1]
    block_end = text.find("\n", starts[last - 1])
    block_end = len(text) if block_end == -1 else block_end
    if block_end > block_start and text[block_end - 1] == "\r":  # CRLF: the \r ends the line too
        block_end -= 1
    pieces, cursor = [], block_start
    for edit in edits:
        pieces.append(text[cursor:edit.span.start])
        pieces.append(edit.text)
        cursor = edit.span.end
    # an edit may swallow the text's final newline; keep what follows it on that line out
    pieces.append(text[cursor:block_end] if cursor <= block_end else "")
    new = "".join(pieces).replace("\r\n", "\n")
    old = text[block_start:block_end].replace("\r\n", "\n")
    if new == old or "\r" in new or "\r" in old:  # a lone \r has no place in a suggestion block
        return Anchor(first, last, None)
    return Anchor(first, last, new)


def fence_for(text: str) -> str:
    """Backtick fence longer than any backtick fence inside the text (at least 3)."""
    runs = [len(line) - len(line.lstrip("`")) for line in (x.lstrip(" ") for x in text.splitlines())]
    return "`" * max(3, max(runs, default=0) + 1)


def suggestion_block(new_lines: str) -> str:
    fence = fence_for(new_lines)
    return f"{fence}suggestion\n{new_lines}\n{fence}" if new_lines else f"{fence}suggestion\n{fence}"


def finding_marker(fingerprint: str, rule: str) -> str:
    return f"<!-- pmreview:v1 fp={fingerprint} rule={rule} -->"


def parse_marker(body: str | None) -> tuple[str, str] | None:
    """(fingerprint, rule) from the last finding marker in a comment body."""
    found = _FINDING_MARKER.findall(body or "")
    return found[-1] if found else None


def _escape_inline(text: str) -> str:
    """Document text quoted as advice: keep it from opening HTML comments or mentions."""
    return text.replace("<", "&lt;").replace("@", "@\u200b")


def comment_body(finding: Finding, replacement: str | None) -> str:
    head = f"**{finding.rule} {finding.name}** ({finding.severity.label}): {_escape_inline(finding.message)}"
    parts = [head]
    if replacement is not None:
        block = suggestion_block(replacement)
        if len(block) + len(head) + 200 < MAX_BODY:
            parts.append(block)
        else:
            parts.append("_The suggested rewrite is too long to show here._")
    elif finding.suggestion:
        advice = _escape_inline(finding.suggestion)
        if len(advice) > 4000:
            advice = advice[:4000] + "…"
        parts.append("Suggestion: " + advice.replace("\n", " "))
    parts.append(finding_marker(finding.fingerprint, finding.rule))
    return truncate("\n\n".join(parts[:-1]) + "\n" + parts[-1])


def truncate(body: str, limit: int = MAX_BODY) -> str:
    """Keep a body under GitHub's size limit; markers sit at the end and are preserved."""
    if len(body) <= limit:
        return body
    lines = body.rstrip().splitlines()
    tail = lines[-1] if lines and lines[-1].startswith(MARKER_PREFIX) else ""
    note = "\n\n_(truncated: the full list is in the Actions job summary)_\n"
    keep = limit - len(note) - len(tail) - 1
    return body[:keep] + note + tail
