"""Pure planning: filter modes, caps, dedupe and ownership (marker AND author)."""

from __future__ import annotations

from reviewer.document import Span
from reviewer.findings import Edit, FileReport, Finding, Position, Severity
from reviewer.github.comments import finding_marker
from reviewer.github.plan import BotIdentity, ChangedFile, FilterMode, place_findings, plan_review

TEXT = "".join(f"line {n} word{n}\n" for n in range(1, 31))
# new lines 5..12 shown; 8 and 9 added
PATCH = "@@ -5,6 +5,8 @@\n l5\n l6\n l7\n+l8\n+l9\n l10\n l11\n l12"
BOT = BotIdentity("github-actions[bot]")
BOT_USER = {"login": "github-actions[bot]", "type": "Bot"}


def finding_on(line: int, rule: str = "BL007", severity: Severity = Severity.WARNING, edit: bool = True) -> Finding:
    start = TEXT.index(f"word{line}\n")
    end = start + len(f"word{line}")
    edits = (Edit(Span(start, end), f"WORD{line}"),) if edit else ()
    return Finding(rule=rule, name="animated-language", severity=severity, message=f"m{line}", span=Span(start, end),
                   start=Position(line, 8), end=Position(line, 8 + len(f"word{line}")), excerpt=f"word{line}",
                   edits=edits)


def placed(mode: FilterMode, lines=(2, 6, 8, 9, 20)):
    changed = ChangedFile("pm.md", "modified", PATCH, TEXT)
    report = FileReport("pm.md", findings=tuple(finding_on(n) for n in lines))
    return place_findings([changed], {"pm.md": report}, mode)


def test_filter_modes():
    assert [(p.anchor.end_line, p.inline) for p in placed(FilterMode.added)] == [(8, True), (9, True)]
    assert [(p.anchor.end_line, p.inline) for p in placed(FilterMode.diff_context)] == [(6, True), (8, True), (9, True)]
    for mode in (FilterMode.file, FilterMode.nofilter):
        assert [(p.anchor.end_line, p.inline) for p in placed(mode)] == [
            (2, False), (6, True), (8, True), (9, True), (20, False)]


def test_missing_patch_keeps_findings_but_never_inline():
    changed = ChangedFile("pm.md", "added", None, TEXT)
    out = place_findings([changed], {"pm.md": FileReport("pm.md", findings=(finding_on(3),))}, FilterMode.added)
    assert [(p.anchor.end_line, p.inline) for p in out] == [(3, False)]


def test_payload_single_and_multi_line():
    p = placed(FilterMode.added)[0]
    assert p.payload() == {"path": "pm.md", "body": p.body, "line": 8, "side": "RIGHT"}
    from dataclasses import replace

    multi = replace(p, anchor=replace(p.anchor, start_line=7))
    assert multi.payload() == {"path": "pm.md", "body": p.body, "start_line": 7, "start_side": "RIGHT",
                               "line": 8, "side": "RIGHT"}


def existing(fp: str, line: int | None, user=BOT_USER, cid: int = 1, **extra):
    return {"id": cid, "node_id": f"N{cid}", "path": "pm.md", "line": line, "user": user,
            "body": "old\n" + finding_marker(fp, "BL007"), **extra}


def test_dedupe_skips_already_posted_and_marks_stale():
    items = placed(FilterMode.added)
    fp8, fp9 = items[0].fingerprint, items[1].fingerprint
    comments = [existing(fp8, 8, cid=1), existing("f" * 16, 9, cid=2), existing("e" * 16, 9, cid=3),
                {"id": 4, "in_reply_to_id": 3, "path": "pm.md", "line": 9, "user": {"login": "octocat"}, "body": "ok"}]
    plan = plan_review(items, comments, BOT, max_comments=30)
    assert [p.fingerprint for p in plan.kept_inline] == [fp8]
    assert [p.fingerprint for p in plan.post] == [fp9]
    assert plan.delete == [2]
    assert plan.minimize == [{"id": 3, "node_id": "N3"}]


def test_outdated_comment_is_replaced():
    items = placed(FilterMode.added)
    plan = plan_review(items, [existing(items[0].fingerprint, None, cid=5)], BOT, max_comments=30)
    assert len(plan.post) == 2 and plan.delete == [5]


def test_someone_elses_marker_is_ignored():
    items = placed(FilterMode.added)
    human = existing(items[0].fingerprint, 8, user={"login": "octocat", "type": "User"}, cid=9)
    fake_bot = existing(items[1].fingerprint, 9, user={"login": "github-actions[bot]", "type": "User"}, cid=10)
    plan = plan_review(items, [human, fake_bot], BOT, max_comments=30)
    assert len(plan.post) == 2 and plan.delete == [] and plan.minimize == []


def test_cap_counts_already_posted_comments_so_reruns_are_stable():
    items = placed(FilterMode.file, lines=(6, 7, 8, 9, 10))
    first = plan_review(items, [], BOT, max_comments=3)
    assert len(first.post) == 3 and len(first.over_cap) == 2
    posted = [existing(p.fingerprint, p.anchor.end_line, cid=i) for i, p in enumerate(first.post)]
    second = plan_review(items, posted, BOT, max_comments=3)
    assert second.post == [] and len(second.kept_inline) == 3 and len(second.over_cap) == 2 and second.delete == []


def test_errors_outrank_infos_for_the_cap():
    changed = ChangedFile("pm.md", "modified", PATCH, TEXT)
    report = FileReport("pm.md", findings=(finding_on(8, severity=Severity.INFO),
                                           finding_on(9, severity=Severity.ERROR)))
    plan = plan_review(place_findings([changed], {"pm.md": report}, FilterMode.added), [], BOT, max_comments=1)
    assert [p.finding.severity for p in plan.post] == [Severity.ERROR]


def test_a_list_finding_is_kept_when_the_pr_adds_an_item_it_names():
    from dataclasses import replace

    on_list = replace(finding_on(6, rule="AC002", edit=False), related_lines=(6, 9))
    elsewhere = replace(finding_on(2, rule="AC002", edit=False), related_lines=(2, 3))
    out = place_findings([ChangedFile("pm.md", "modified", PATCH, TEXT)],
                         {"pm.md": FileReport("pm.md", findings=(on_list, elsewhere))}, FilterMode.added)
    # line 6 is context, line 9 was added: the finding stays, inline on the list where it sits
    assert [(p.anchor.end_line, p.inline) for p in out] == [(6, True)]
