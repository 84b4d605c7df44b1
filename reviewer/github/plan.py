"""Pure planning: which findings the PR review shows, where, and what to clean up.

Input: the changed files (patch + text at the PR head), their reports, the existing PR
review comments and the bot identity. Output: the comments to post in ONE review, the
bot's stale comments to delete (no replies) or minimize (has replies), and the findings
that go to the summary instead (outside the diff, over the comment cap).
No I/O here; the action module executes the plan.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from reviewer.edits import EditModel
from reviewer.findings import FileReport, Finding
from reviewer.github.comments import Anchor, anchor_for, comment_body, parse_marker
from reviewer.github.hunks import PatchIndex


class FilterMode(StrEnum):
    added = "added"  # findings touching added/modified lines
    diff_context = "diff_context"  # findings touching any line shown in a hunk
    file = "file"  # every finding in a changed postmortem
    nofilter = "nofilter"  # same as file here: only changed files are fetched and reviewed


@dataclass(frozen=True)
class ChangedFile:
    path: str
    status: str
    patch: str | None
    text: str | None = None

    @property
    def index(self) -> PatchIndex:
        return PatchIndex.parse(self.patch)


@dataclass(frozen=True)
class Placed:
    """A kept finding with its anchor; `inline` when GitHub accepts it as a review comment."""

    path: str
    finding: Finding
    anchor: Anchor
    inline: bool
    body: str = ""

    @property
    def fingerprint(self) -> str:
        return self.finding.fingerprint

    def payload(self) -> dict[str, Any]:
        """One `comments[]` item of POST /pulls/{n}/reviews (start_line only for ranges)."""
        item: dict[str, Any] = {"path": self.path, "body": self.body}
        if self.anchor.start_line < self.anchor.end_line:
            item.update(start_line=self.anchor.start_line, start_side="RIGHT")
        item.update(line=self.anchor.end_line, side="RIGHT")
        return item


@dataclass(frozen=True)
class BotIdentity:
    login: str

    def owns(self, comment: Mapping[str, Any]) -> bool:
        """Marker AND author: a copied marker in someone else's comment does not count."""
        user = comment.get("user") or {}
        if user.get("login") != self.login:
            return False
        if self.login.endswith("[bot]") and user.get("type") != "Bot":
            return False
        return True


@dataclass
class Plan:
    post: list[Placed] = field(default_factory=list)  # new inline comments for this run's review
    kept_inline: list[Placed] = field(default_factory=list)  # already posted by an earlier run
    outside: list[Placed] = field(default_factory=list)  # kept but not commentable inline
    over_cap: list[Placed] = field(default_factory=list)  # commentable, but over --max-comments
    delete: list[int] = field(default_factory=list)  # stale bot comments without replies
    minimize: list[dict[str, Any]] = field(default_factory=list)  # stale bot comments with replies

    @property
    def reported(self) -> list[Placed]:
        """Every finding this run reports, wherever it is shown."""
        return [*self.kept_inline, *self.post, *self.over_cap, *self.outside]

    @property
    def findings(self) -> list[Finding]:
        return [p.finding for p in self.reported]


def place_findings(files: Sequence[ChangedFile], reports: Mapping[str, FileReport], mode: FilterMode) -> list[Placed]:
    """Apply the filter mode; mark which kept findings can be inline comments."""
    out: list[Placed] = []
    for changed in files:
        report = reports.get(changed.path)
        if report is None or changed.text is None:
            continue
        index = changed.index
        no_patch = not index.hunks
        edits = EditModel(changed.text)  # the same edits `fix` and the editor apply
        for finding in report.findings:
            if finding.dismissed:
                continue
            anchor = anchor_for(changed.text, finding, edits)
            lines = (anchor.start_line, anchor.end_line)
            # A finding on a whole list (AC002/AC005) is about its items too: a PR that adds or edits
            # one of the items it names gets it, shown where it sits (on the list) or in the summary.
            spans = [lines, *((line, line) for line in finding.related_lines)]
            if mode is FilterMode.added:
                keep = no_patch or any(index.touches_added(*s) for s in spans)
            elif mode is FilterMode.diff_context:
                keep = no_patch or any(index.touches_hunk(*s) for s in spans)
            else:
                keep = True
            if not keep:
                continue
            inline = index.can_comment(*lines)
            body = comment_body(finding, anchor.replacement) if inline else ""
            out.append(Placed(changed.path, finding, anchor, inline, body))
    return out


def _priority(placed: Placed) -> tuple:
    f = placed.finding
    return (-int(f.severity), placed.path, f.span.start, f.rule)


def plan_review(placed: Iterable[Placed], existing: Iterable[Mapping[str, Any]], bot: BotIdentity,
                max_comments: int) -> Plan:
    """Dedupe inline findings against the bot's earlier comments; mark the rest stale."""
    plan = Plan()
    comments = list(existing)
    replied_to = {c.get("in_reply_to_id") for c in comments if c.get("in_reply_to_id")}
    ours: list[Mapping[str, Any]] = []
    for c in comments:
        if c.get("in_reply_to_id") or not bot.owns(c):
            continue
        if parse_marker(c.get("body")) is None:
            continue
        ours.append(c)

    inline = sorted((p for p in placed if p.inline), key=_priority)
    plan.outside = [p for p in placed if not p.inline]
    unmatched = list(ours)

    def take(p: Placed, same_line: bool) -> bool:
        for c in unmatched:
            marker = parse_marker(c.get("body"))
            if c.get("path") != p.path or marker is None or marker[0] != p.fingerprint:
                continue
            if c.get("line") is None:  # outdated: no longer shown on the diff
                continue
            if same_line and c.get("line") != p.anchor.end_line:
                continue
            unmatched.remove(c)
            return True
        return False

    fresh: list[Placed] = []
    for p in inline:
        if take(p, same_line=True):
            plan.kept_inline.append(p)
        else:
            fresh.append(p)
    still: list[Placed] = []
    for p in fresh:
        if take(p, same_line=False):
            plan.kept_inline.append(p)
        else:
            still.append(p)
    room = max(0, max_comments - len(plan.kept_inline))
    plan.post = sorted(still[:room], key=lambda p: (p.path, p.anchor.end_line, p.anchor.start_line, p.finding.rule))
    plan.over_cap = still[room:]
    for c in unmatched:
        if c.get("id") in replied_to:
            plan.minimize.append({"id": c.get("id"), "node_id": c.get("node_id")})
        else:
            plan.delete.append(int(c["id"]))
    return plan
