"""One edit model (reviewer/edits.py) for `fix`, GitHub suggestions and LSP quick fixes.

Issue 10 items 8 and 9: an edit that would change the block structure is guidance only;
re-capitalising never reaches into URLs or names; a hard-wrapped line is not split into
two paragraphs; and the three front ends apply the same change for the same finding.
"""

from __future__ import annotations

import pytest

from reviewer import review
from reviewer.edits import STRUCTURE_CHANGED, EditModel, apply_edits
from reviewer.fix import plan_file
from reviewer.github.comments import anchor_for
from reviewer.lsp import actions
from reviewer.lsp.positions import LineIndex
from reviewer.parser.markdown import block_signature

TARGET = actions.EditTarget("file:///x.md", 1, False)


def _fixed(text: str) -> str:
    return plan_file("x.md", text, review(text, "x.md").findings).after


@pytest.mark.parametrize("sentence", [
    "Predictably, ~~~ markers were left in the config.",
    "Unsurprisingly, > 90% of the calls failed.",
    "Predictably # of retries went up.",
    "Predictably, - was the only value in the field.",
    "Predictably, 1. was the version we shipped.",
])
def test_an_edit_that_changes_block_structure_is_guidance_only(sentence):
    text = f"# Summary\n\nThe alert fired late.\n\n{sentence}\n\nThe queue drained at 14:10.\n"
    report = review(text, "x.md")
    plan = plan_file("x.md", text, report.findings)
    assert block_signature(plan.after) == block_signature(text)
    refused = [f for f in report.findings if f.edits and EditModel(text).check(f).refused == STRUCTURE_CHANGED]
    assert refused, "the sentence-initial deletion should have been refused"
    assert set(plan.guidance) >= set(refused)
    index = LineIndex(text)
    for finding in refused:
        assert actions.apply_suggestion(finding, index, TARGET, None) is None
        assert anchor_for(text, finding).replacement is None


def test_recapitalising_leaves_urls_and_names_alone():
    text = ("# Summary\n\nThe page was slow. Predictably, https://status.example.com was down. "
            "Predictably, iOS clients hung. Predictably, the queue grew.\n")
    fixed = _fixed(text)
    assert "Https" not in fixed and "IOS" not in fixed
    assert "https://status.example.com was down." in fixed
    assert "iOS clients hung." in fixed
    assert "The queue grew." in fixed


def test_hard_wrapped_lines_stay_one_paragraph():
    text = "# Summary\n\nThe alert fired late.\nPredictably,\nthe page was slow.\nWe predictably\nsaw it.\n"
    fixed = _fixed(text)
    assert fixed == "# Summary\n\nThe alert fired late.\nThe page was slow.\nWe\nsaw it.\n"
    assert block_signature(fixed) == block_signature(text)


DOCUMENT = (
    "# Checkout outage\n\n## Summary\n\nThe deploy failed at 14:02 UTC.\nObviously,\nthe canary was skipped. "
    "Bob pushed the bad config.\n\n## Impact\n\n- Obviously, 40% of checkouts failed for 12 minutes.\n\n"
    "## Root cause\n\nClearly the operator was careless and the HUGE mistake was avoidable.\r\n"
    "Unsurprisingly, > 90% of retries failed.\n"
)


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_fix_github_and_lsp_apply_the_same_edit(newline):
    text = DOCUMENT.replace("\r\n", "\n").replace("\n", newline)
    findings = [f for f in review(text, "x.md").findings if f.edits]
    assert len(findings) >= 4
    model = EditModel(text)
    index = LineIndex(text)
    compared = 0
    for finding in findings:
        alone = plan_file("x.md", text, [finding])
        checked = model.check(finding)
        assert alone.after == apply_edits(text, checked.edits)
        # LSP: the quick fix's TextEdits, applied through LSP positions
        action = actions.apply_suggestion(finding, index, TARGET, None, model)
        if not checked.edits:
            assert action is None
            continue
        assert action is not None and action.edit is not None and action.edit.changes is not None
        lsp_edits = [(index.span(e.range), e.new_text) for e in action.edit.changes[TARGET.uri]]
        lsp_after = text
        for span, new in sorted(lsp_edits, key=lambda x: x[0].start, reverse=True):
            lsp_after = lsp_after[: span.start] + new + lsp_after[span.end :]
        assert lsp_after == alone.after
        # GitHub: the suggestion replaces whole (git) lines start..end
        anchor = anchor_for(text, finding, model)
        lines = text.split("\n")
        assert anchor.replacement is not None
        new_lines = anchor.replacement.split("\n")
        if newline == "\r\n":
            new_lines = [ln + "\r" for ln in new_lines]
        github_after = "\n".join(lines[: anchor.start_line - 1] + new_lines + lines[anchor.end_line :])
        assert github_after == alone.after, finding.rule
        compared += 1
    assert compared >= 3


def test_edits_that_break_structure_together_are_taken_one_at_a_time():
    from reviewer.document import Span
    from reviewer.findings import Edit, Finding, Position, Severity

    text = "Alpha beta\na b\n"

    def finding(rule: str, edit: Edit) -> Finding:
        return Finding(rule, "x", Severity.WARNING, "m", edit.span, Position(1, 1), Position(1, 1), "x",
                       edits=(edit,))

    # Each alone keeps one paragraph; together line 2 becomes "===" under line 1: a setext heading.
    first = finding("AA001", Edit(Span(11, 12), "="))  # "= b"
    second = finding("AA002", Edit(Span(12, 14), ""))  # "a"
    assert EditModel(text).check(first).edits and EditModel(text).check(second).edits
    plan = EditModel(text).plan([first, second])
    assert block_signature(apply_edits(text, plan.edits)) == block_signature(text)
    assert len(plan.guidance) == 1
