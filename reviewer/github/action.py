"""`pmreview github-review`: review the postmortems a pull request changes, on the PR.

Steps: read the Actions context; list the PR's changed files (paginated); fetch each
matching postmortem at the PR head; review it; keep the findings the filter mode selects;
post ONE review (event COMMENT) with inline comments on lines inside the diff hunks;
delete (or minimize, when replied to) the bot's own stale comments; create or update one
summary comment. Fork PRs, read-only tokens and 403/404 on the first write fall back to
workflow-command annotations plus the job summary. Exit status follows --fail-on.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from reviewer import baseline as baseline_mod
from reviewer.config import load_config
from reviewer.findings import FileReport, Report, Severity, ToolError
from reviewer.github.client import GitHubGateway
from reviewer.github.comments import REVIEW_MARKER, SUMMARY_MARKER, parse_marker, truncate
from reviewer.github.context import PullRequestContext, from_env
from reviewer.github.errors import GitHubAPIError
from reviewer.github.plan import BotIdentity, ChangedFile, FilterMode, Placed, Plan, place_findings, plan_review
from reviewer.github.summary import RunFacts, render_markdown, summary_comment
from reviewer.render.github_commands import render_github
from reviewer.review import review
from reviewer.sources import MARKDOWN_SUFFIXES

DEFAULT_GLOBS = ("postmortems/**/*.md", "docs/postmortems/**/*.md", "**/*postmortem*.md")
MAX_FILES = 100  # postmortems reviewed per run; more are listed as not reviewed


@dataclass
class PullRequestOptions:
    """How `pmreview github-review` reviews one pull request (the command's options)."""

    globs: Sequence[str] = DEFAULT_GLOBS
    filter_mode: FilterMode = FilterMode.added
    fail_on: str | None = None  # None: the config's fail-on
    max_comments: int = 30
    config: Path | None = None
    bot_login: str = "github-actions[bot]"
    read_only: bool = False
    wait_scale: float = 1.0
    max_wait: float = 120.0
    write_interval: float = 1.0
    llm: bool = False  # add the LLM chain's verified rewrites as suggestions
    llm_model: str | None = None
    llm_base_url: str | None = None
    llm_timeout: float | None = None  # seconds for one LLM answer (else the config's [llm] timeout)
    baseline: Path | None = None  # report only findings this baseline file does not hold


@dataclass
class PullRequestOutcome:
    """What one pull-request review did: exit code, how it reported, what it posted and deleted."""

    exit_code: int
    mode: str  # "review" | "annotations"
    posted: int = 0
    deleted: int = 0
    facts: RunFacts | None = None
    messages: list[str] = field(default_factory=list)


def glob_to_regex(pattern: str) -> re.Pattern[str]:
    """Path glob with `**` (any number of directories), `*` and `?` (not crossing `/`)."""
    out, i = [], 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out) + r"\Z")


def matches(path: str, globs: Sequence[str]) -> bool:
    return any(glob_to_regex(g.strip().lstrip("./")).match(path) for g in globs if g.strip())


def _log(stream: TextIO, message: str) -> None:
    print(f"pmreview: {message}", file=stream)


def _maybe_saved(exc: GitHubAPIError) -> bool:
    """A write that failed with a 5xx or no answer at all may still have been saved."""
    return exc.status is None or exc.status >= 500


class Runner:
    def __init__(self, ctx: PullRequestContext, options: PullRequestOptions, gateway: GitHubGateway,
                 out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> None:
        self.ctx, self.options, self.gh = ctx, options, gateway
        self.out, self.err = out, err
        self.loaded = load_config(options.config, ".")
        self.fail_on = options.fail_on or self.loaded.config.fail_on
        self.baseline = baseline_mod.load(options.baseline) if options.baseline is not None else None
        self.llm_session = None
        if options.llm:  # imported only when asked: a rules-only review never loads the LLM stack
            from reviewer.llm.review import LLMSession

            settings = self.loaded.config.llm
            if options.llm_timeout is not None:
                settings = settings.model_copy(update={"timeout": options.llm_timeout})
            self.llm_session = LLMSession(settings, model=options.llm_model, base_url=options.llm_base_url)

    # ---- gather ---------------------------------------------------------------------------
    def changed_postmortems(self) -> list[dict[str, Any]]:
        files = self.gh.list_files(self.ctx.number)
        return [f for f in files
                if f.get("status") != "removed" and isinstance(f.get("filename"), str)
                and f["filename"].lower().endswith(MARKDOWN_SUFFIXES) and matches(f["filename"], self.options.globs)]

    def review_files(self, entries: list[dict[str, Any]], facts: RunFacts) -> tuple[list[ChangedFile], dict[str, FileReport]]:
        changed: list[ChangedFile] = []
        reports: dict[str, FileReport] = {}
        for n, entry in enumerate(entries):
            path = entry["filename"]
            if n >= MAX_FILES:
                facts.notes.append(f"Only the first {MAX_FILES} of {len(entries)} changed postmortems were reviewed.")
                break
            try:
                data = self.gh.get_file_bytes(path, self.ctx.head_sha)
            except GitHubAPIError as exc:
                if exc.status != 404:
                    raise
                facts.errors.append((path, f"not found at {self.ctx.head_sha[:12]}"))
                _log(self.err, f"error: {path}: not found at {self.ctx.head_sha[:12]}")
                reports[path] = FileReport(path, errors=(ToolError("not found at the PR head", "missing"),))
                continue
            report = review(data, path=path, config=self.loaded.for_path(path), stage=self.llm_session)
            if self.baseline is not None:
                report, _ = baseline_mod.new_in(report, self.baseline)
            reports[path] = report
            facts.errors.extend((path, error.message) for error in report.errors)
            for error in report.errors:  # named on stderr too, not only in the summary comment
                _log(self.err, f"error: {path}: {error.message}")
            if report.document is None:
                continue
            facts.files.append(path)
            facts.notes.extend(f"{path}: {note}" for note in report.notes)
            changed.append(ChangedFile(path, str(entry.get("status", "")), entry.get("patch"), report.document.source))
        return changed, reports

    # ---- post -----------------------------------------------------------------------------
    def _probe(self, placed: list[Placed]) -> tuple[list[Placed], list[Placed]]:
        """After a 422: test each comment in a pending review (deleted at once)."""
        good, bad = [], []
        for p in placed:
            try:
                review = self.gh.create_review(self.ctx.number, self.ctx.head_sha, "pmreview anchor check",
                                               [p.payload()], event=None)
            except GitHubAPIError as exc:
                if exc.status == 422:
                    bad.append(p)
                    continue
                raise
            good.append(p)
            if isinstance(review.get("id"), int):
                self.gh.delete_pending_review(self.ctx.number, review["id"])
        return good, bad

    def post_review(self, plan: Plan, facts: RunFacts) -> int:
        if not plan.post:
            return 0
        todo = list(plan.post)
        for attempt in range(2):
            body = (f"pmreview found {len(todo)} new issue{'s' if len(todo) != 1 else ''} in changed postmortem lines. "
                    "Each comment names the rule and the reason; apply a suggested change with one click, "
                    f"or resolve the comment.\n{REVIEW_MARKER}")
            try:
                self._create_review(truncate(body), todo)
                plan.post = todo
                return len(todo)
            except GitHubAPIError as exc:
                if exc.status != 422:
                    raise
                if attempt == 1:  # still rejected: report everything in the summary instead
                    _log(self.err, f"GitHub rejected the review again ({exc}); findings listed in the summary")
                    facts.listed += [(p, "GitHub rejected the anchor") for p in todo]
                    plan.post = []
                    return 0
                _log(self.err, f"GitHub rejected the review (HTTP 422: {exc}); checking each comment's anchor")
                todo, bad = self._probe(todo)
                for p in bad:
                    facts.listed.append((p, "GitHub rejected the anchor"))
                plan.post = todo
                if not todo:
                    return 0
        return 0

    def _create_review(self, body: str, todo: list[Placed]) -> None:
        """POST the review; after a 5xx or a lost connection look for it before posting again.

        GitHub can save a review and still answer 502; a blind retry posted every comment
        twice. The review's comments carry finding markers that did not exist before this
        run (plan_review matched the existing ones), so finding one of them means it landed.
        """
        comments = [p.payload() for p in todo]
        try:
            self.gh.create_review(self.ctx.number, self.ctx.head_sha, body, comments)
            return
        except GitHubAPIError as exc:
            if not _maybe_saved(exc):
                raise
            _log(self.err, f"{exc}; checking whether GitHub saved the review before posting again")
        bot = BotIdentity(self.options.bot_login)
        wanted = {(p.path, p.fingerprint) for p in todo}
        for c in self.gh.list_review_comments(self.ctx.number):
            marker = parse_marker(c.get("body"))
            if bot.owns(c) and marker is not None and (c.get("path"), marker[0]) in wanted:
                _log(self.err, "the review was saved; not posting it again")
                return
        self.gh.create_review(self.ctx.number, self.ctx.head_sha, body, comments)

    def cleanup(self, plan: Plan) -> int:
        deleted = 0
        for comment_id in plan.delete:
            try:
                self.gh.delete_review_comment(comment_id)
                deleted += 1
            except GitHubAPIError as exc:
                if exc.status == 404:  # already gone
                    continue
                if not exc.is_permission_error:
                    raise
                _log(self.err, f"could not delete outdated comment {comment_id} ({exc}); left as is")
        for comment in plan.minimize:
            node_id = comment.get("node_id")
            if not node_id:
                continue
            try:
                self.gh.minimize_comment(str(node_id))
            except GitHubAPIError as exc:
                _log(self.err, f"could not hide outdated comment {comment.get('id')} ({exc}); left as is")
        return deleted

    def upsert_summary(self, body: str, bot: BotIdentity, worth_creating: bool) -> str:
        """Edit our summary comment in place; create it only once there is something to say."""
        mine = [c for c in self.gh.list_issue_comments(self.ctx.number)
                if bot.owns(c) and SUMMARY_MARKER in str(c.get("body", ""))]
        if not mine:
            if not worth_creating:
                return "not needed"
            try:
                self.gh.create_issue_comment(self.ctx.number, body)
            except GitHubAPIError as exc:
                if not _maybe_saved(exc):
                    raise
                _log(self.err, f"{exc}; checking whether GitHub saved the summary before posting again")
                if any(bot.owns(c) and SUMMARY_MARKER in str(c.get("body", ""))
                       for c in self.gh.list_issue_comments(self.ctx.number)):
                    return "created"
                self.gh.create_issue_comment(self.ctx.number, body)
            return "created"
        current = mine[0]
        if current.get("body") == body:
            return "unchanged"
        self.gh.update_issue_comment(int(current["id"]), body)
        return "updated"

    # ---- fallback ---------------------------------------------------------------------------
    def annotate(self, placed: list[Placed], reports: dict[str, FileReport], reason: str) -> None:
        by_path: dict[str, list] = {}
        for p in placed:
            by_path.setdefault(p.path, []).append(p.finding)
        files = [FileReport(path, findings=tuple(by_path.get(path, [])), errors=report.errors)
                 for path, report in reports.items()]
        self.out.write(f"::notice title=pmreview::{reason.replace('%', '%25').replace(chr(10), '%0A')}\n")
        self.out.write(render_github(Report(tuple(files))))
        self.out.flush()

    def write_step_summary(self, facts: RunFacts, mode_line: str | None) -> None:
        if self.ctx.step_summary is None:
            return
        try:
            with self.ctx.step_summary.open("a", encoding="utf-8") as handle:
                handle.write(render_markdown(facts, mode_line=mode_line))
        except OSError as exc:
            _log(self.err, f"cannot write the job summary ({exc.strerror or exc})")

    def exit_code(self, placed: list[Placed], facts: RunFacts) -> int:
        if facts.errors:
            return 2
        if self.fail_on == "never":
            return 0
        level = Severity.parse(self.fail_on)
        return 1 if any(p.finding.severity >= level for p in placed) else 0

    # ---- run ----------------------------------------------------------------------------------
    def run(self) -> PullRequestOutcome:
        facts = RunFacts(head_sha=self.ctx.head_sha)
        entries = self.changed_postmortems()
        changed, reports = self.review_files(entries, facts)
        placed = place_findings(changed, reports, self.options.filter_mode)
        read_only_reason = None
        if self.options.read_only:
            read_only_reason = "--read-only: not writing to the pull request"
        elif self.ctx.is_fork and self.ctx.event_name == "pull_request":
            read_only_reason = "fork pull request: the token is read-only"
        if read_only_reason is None:
            try:
                return self._run_review(placed, reports, facts)
            except GitHubAPIError as exc:
                if not exc.is_permission_error:
                    raise
                read_only_reason = f"the token cannot write to this pull request ({exc})"
        return self._run_fallback(placed, reports, facts, read_only_reason)

    def _run_fallback(self, placed: list[Placed], reports: dict[str, FileReport], facts: RunFacts,
                      reason: str) -> PullRequestOutcome:
        message = f"{reason}; findings are reported as annotations and in the job summary, not as review comments"
        _log(self.err, message)
        facts.inline = []
        facts.listed = [(p, "annotation") for p in placed]
        facts.notes += self.gh.notes
        self.annotate(placed, reports, message)
        self.write_step_summary(facts, mode_line=f"**Not posted to the pull request:** {message}.")
        code = self.exit_code(placed, facts)
        _log(self.err, f"{len(facts.files)} postmortem(s), {len(placed)} finding(s); exit {code}")
        return PullRequestOutcome(code, "annotations", facts=facts, messages=[message])

    def _run_review(self, placed: list[Placed], reports: dict[str, FileReport], facts: RunFacts) -> PullRequestOutcome:
        bot = BotIdentity(self.options.bot_login)
        existing = self.gh.list_review_comments(self.ctx.number)
        plan = plan_review(placed, existing, bot, self.options.max_comments)
        posted = self.post_review(plan, facts)
        deleted = self.cleanup(plan)
        facts.inline = [*plan.kept_inline, *plan.post]
        facts.listed = [*facts.listed,
                        *((p, "outside the diff") for p in plan.outside),
                        *((p, f"over --max-comments {self.options.max_comments}") for p in plan.over_cap)]
        facts.notes += self.gh.notes
        summary_state = "skipped"
        try:
            worth = bool(facts.inline or facts.listed or facts.errors or facts.notes)
            summary_state = self.upsert_summary(summary_comment(facts), bot, worth)
        except GitHubAPIError as exc:
            if not exc.is_permission_error:
                raise
            _log(self.err, f"could not write the summary comment ({exc}); see the job summary")
        self.write_step_summary(facts, mode_line=None)
        reported = [*facts.inline, *(p for p, _ in facts.listed)]
        code = self.exit_code(reported, facts)
        _log(self.err, f"{len(facts.files)} postmortem(s), {len(reported)} finding(s): {posted} new inline "
                       f"comment(s), {len(plan.kept_inline)} already posted, {len(facts.listed)} in the summary, "
                       f"{deleted} stale deleted, {len(plan.minimize)} stale hidden; summary {summary_state}; "
                       f"exit {code}")
        return PullRequestOutcome(code, "review", posted=posted, deleted=deleted, facts=facts)


def run(options: PullRequestOptions, env: dict[str, str] | None = None, out: TextIO | None = None,
        err: TextIO | None = None) -> PullRequestOutcome:
    ctx = from_env(env)
    err = err or sys.stderr
    gateway = GitHubGateway(ctx.api_url, ctx.token, ctx.owner, ctx.repo, wait_scale=options.wait_scale,
                            max_wait=options.max_wait, write_interval=options.write_interval,
                            log=lambda message: _log(err, message))
    with gateway:
        return Runner(ctx, options, gateway, out or sys.stdout, err).run()
