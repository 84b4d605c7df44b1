"""The summary comment (one per PR, updated in place) and the Actions job summary.

The summary is deterministic for a given head and findings (no timestamps, no "posted
now" counts), so a re-run on the same head leaves it untouched.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from reviewer.findings import Severity
from reviewer.github.comments import SUMMARY_MARKER, truncate
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


def render_markdown(facts: RunFacts, *, mode_line: str | None = None) -> str:
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
    if facts.listed:
        lines += ["", "| File | Line | Rule | Severity | Finding | Why here |", "|---|---|---|---|---|---|"]
        for placed, why in facts.listed:
            f = placed.finding
            advice = f" Suggestion: {f.suggestion}" if f.suggestion else ""
            lines.append(f"| `{_cell(placed.path, 120)}` | {placed.anchor.start_line} | {f.rule} {f.name} | "
                         f"{f.severity.label} | {_cell(f.message + advice)} | {why} |")
    if facts.errors:
        lines += ["", "Not reviewed:"]
        lines += [f"- `{_cell(path, 200)}`: {_cell(message)}" for path, message in facts.errors]
    if facts.notes:
        lines += ["", *(f"> {_cell(n, 500)}" for n in facts.notes)]
    return "\n".join(lines) + "\n"


def summary_comment(facts: RunFacts) -> str:
    return truncate(render_markdown(facts) + SUMMARY_MARKER)
