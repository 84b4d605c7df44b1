"""The summary comment (one per PR, updated in place) and the Actions job summary.

The summary is deterministic for a given head and findings (no timestamps, no "posted
now" counts), so a re-run on the same head leaves it untouched.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from reviewer.findings import Severity
from reviewer.github.comments import MAX_BODY, SUMMARY_MARKER, truncate
from reviewer.github.plan import Placed

_ICON = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info"}


@dataclass
class RunFacts:
    head_sha: str
    files: list[str] = field(default_factory=list)  # postmortems reviewed
    errors: list[tuple[str, str]] = field(default_factory=list)  # (path, message) not reviewable
    inline: list[Placed] = field(default_factory=list)  # shown as inline review comments
    listed: list[tuple[Placed, str]] = field(default_factory=list)  # (finding, why not inline)
    notes: list[str] = field(default_factory=list)


def _cell(text: str, limit: int = 300) -> str:
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return text.replace("|", "\\|").replace("<", "&lt;").replace("@", "@\u200b")


def _counts(placed: Sequence[Placed]) -> str:
    by = {s: 0 for s in Severity}
    for p in placed:
        by[p.finding.severity] += 1
    return ", ".join(f"{by[s]} {_ICON[s]}" for s in sorted(Severity, reverse=True))


def render_markdown(facts: RunFacts, *, mode_line: str | None = None, rows: int | None = None) -> str:
    """The summary; `rows` caps the findings table (the rest are counted, not listed)."""
    shown = facts.listed if rows is None else facts.listed[:rows]
    left_out = len(facts.listed) - len(shown)
    everything = [*facts.inline, *(p for p, _ in facts.listed)]
    lines = ["### pmreview: postmortem review", ""]
    if mode_line:
        lines += [mode_line, ""]
    reviewed = len(facts.files)
    lines.append(f"Reviewed {reviewed} postmortem file{'s' if reviewed != 1 else ''} at `{facts.head_sha[:12]}`: "
                 f"{len(everything)} finding{'s' if len(everything) != 1 else ''} ({_counts(everything)}).")
    if facts.inline:
        lines.append(f"{len(facts.inline)} shown as inline review comments"
                     f"{' with suggested changes' if any(p.anchor.replacement is not None for p in facts.inline) else ''}.")
    if not everything and not facts.errors:
        lines.append("No findings on the lines this pull request changes.")
    if shown:
        lines += ["", "| File | Line | Rule | Severity | Finding | Why here |", "|---|---|---|---|---|---|"]
        for placed, why in shown:
            f = placed.finding
            advice = f" Suggestion: {f.suggestion}" if f.suggestion else ""
            lines.append(f"| `{_cell(placed.path, 120)}` | {placed.anchor.start_line} | {f.rule} {f.name} | "
                         f"{f.severity.label} | {_cell(f.message + advice)} | {why} |")
    if left_out:
        lines += ["", f"_{left_out} more finding{'s are' if left_out != 1 else ' is'} listed in the Actions job "
                      "summary (this comment is limited in size)._"]
    if facts.errors:
        lines += ["", "Not reviewed:"]
        lines += [f"- `{_cell(path, 200)}`: {_cell(message)}" for path, message in facts.errors]
    if facts.notes:
        lines += ["", *(f"> {_cell(n, 500)}" for n in facts.notes)]
    return "\n".join(lines) + "\n"


def summary_comment(facts: RunFacts, limit: int = MAX_BODY) -> str:
    """The PR summary comment, within GitHub's size limit.

    When it is too long, rows of the findings table are left out (and counted), never the
    errors and notes that follow it: those say what went wrong in this run."""
    body = render_markdown(facts) + SUMMARY_MARKER
    if len(body) <= limit:
        return body
    lo, hi = 0, len(facts.listed)  # the most rows that fit: binary search, one render per step
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if len(render_markdown(facts, rows=mid) + SUMMARY_MARKER) <= limit:
            lo = mid
        else:
            hi = mid - 1
    return truncate(render_markdown(facts, rows=lo) + SUMMARY_MARKER, limit)
