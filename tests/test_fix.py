"""reviewer.fix: choosing edits, applying them, the diff, and the guarded atomic write."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

import reviewer.fix as fix
from reviewer.cli.fix_command import run_fix
from reviewer.document import Span
from reviewer.findings import Edit, Finding, Position, Severity
from reviewer.review import review

DRAFT = (
    "# Summary\n"
    "\n"
    "Obviously, the cache was misconfigured. Tom carelessly deleted the index!!!\n"
)
FIXED = (
    "# Summary\n"
    "\n"
    "The cache was misconfigured. Tom deleted the index.\n"
)
RULES = ["--select", "BL004,BL005,BL007"]


def finding(*edits: tuple[int, int, str], rule: str = "BL005", source: str = "rules", **extra) -> Finding:
    start = min(s for s, _, _ in edits)
    end = max(e for _, e, _ in edits)
    return Finding(rule=rule, name="x", severity=Severity.WARNING, message="m", span=Span(start, end),
                   start=Position(1, 1), end=Position(1, 1), excerpt="", source=source,
                   edits=tuple(Edit(Span(s, e), t) for s, e, t in edits), **extra)


# --- collect_edits / apply_edits ------------------------------------------------------------


def test_rule_findings_give_the_expected_text():
    report = review(DRAFT, "d.md")
    plan = fix.plan_file("d.md", DRAFT, report.findings)
    assert plan.after == FIXED
    assert len(plan.edits) == 3 and plan.skipped == 0


def test_edits_outside_spans_leave_the_rest_identical():
    text = "abc def ghi"
    plan = fix.collect_edits([finding((4, 7, "DEF"))], text)
    assert fix.apply_edits(text, plan.edits) == "abc DEF ghi"


def test_overlapping_edits_earliest_wins_and_the_rest_are_counted():
    text = "0123456789"
    findings = [finding((5, 8, "X"), rule="BL002"), finding((2, 6, "Y"), rule="BL001"), finding((8, 9, "Z"))]
    plan = fix.collect_edits(findings, text)
    assert [(e.span.start, e.span.end, e.text) for e in plan.edits] == [(2, 6, "Y"), (8, 9, "Z")]
    assert plan.skipped == 1
    assert fix.apply_edits(text, plan.edits) == "01Y67Z9"


def test_choice_does_not_depend_on_finding_order():
    text = "0123456789"
    findings = [finding((2, 5, "A"), rule="BL001"), finding((2, 5, "B"), rule="BL002"), finding((4, 6, "C"))]
    first = fix.collect_edits(findings, text)
    assert first == fix.collect_edits(list(reversed(findings)), text)
    assert first.edits == (Edit(Span(2, 5), "A"),) and first.skipped == 2


def test_identical_edits_from_different_findings_count_once():
    text = "Tom carelessly deleted it"
    plan = fix.collect_edits([finding((4, 15, ""), rule="BL005"), finding((4, 15, ""), rule="BL003")], text)
    assert plan.edits == (Edit(Span(4, 15), ""),) and plan.skipped == 0


def test_a_findings_edits_apply_all_or_none():
    text = "0123456789"
    plan = fix.collect_edits([finding((1, 3, "a")), finding((2, 4, "b"), (7, 8, "c"), rule="LL001")], text)
    assert plan.edits == (Edit(Span(1, 3), "a"),) and plan.skipped == 2


def test_insertions_at_the_same_offset_conflict_but_adjacent_edits_do_not():
    text = "0123456789"
    plan = fix.collect_edits([finding((3, 3, "x"), rule="A"), finding((3, 3, "y"), rule="B"),
                              finding((3, 5, "z"), rule="C"), finding((5, 6, "w"), rule="D")], text)
    assert fix.apply_edits(text, plan.edits) == "012x34w6789" and plan.skipped == 2


def test_no_op_dismissed_suppressed_and_out_of_range_edits():
    text = "abc"
    plan = fix.collect_edits([
        finding((0, 1, "a")),  # changes nothing
        finding((0, 1, "X"), dismissed=True),
        finding((1, 2, "Y"), suppressed_reason="pmreview-disable"),
        finding((2, 9, "Z")),  # beyond the text: skipped
    ], text)
    assert plan.edits == () and plan.skipped == 1


def test_llm_segment_rewrite_is_just_another_finding():
    text = "Tom broke prod. Then we fixed it.\n"
    llm = finding((0, 15, "A config push disabled the canary."), rule="BL001", source="llm")
    rule = finding((4, 9, "changed"), rule="BL003")  # inside the rewritten segment: the earlier one wins
    plan = fix.plan_file("d.md", text, [llm, rule])
    assert plan.after == "A config push disabled the canary. Then we fixed it.\n" and plan.skipped == 1


def test_apply_edits_rejects_overlaps():
    with pytest.raises(ValueError):
        fix.apply_edits("abcdef", [Edit(Span(0, 3), ""), Edit(Span(2, 4), "")])


# --- newlines and the diff -------------------------------------------------------------------


def test_crlf_source_gets_crlf_in_inserted_text():
    text = "a\r\nb\r\n"
    plan = fix.collect_edits([finding((0, 1, "x\ny"))], text)
    assert fix.apply_edits(text, plan.edits) == "x\r\ny\r\nb\r\n"
    assert fix.normalise_newlines("x\ny", "a\nb\n") == "x\ny"
    assert fix.normalise_newlines("x\ny", "a\r\nb\n") == "x\ny"  # mixed: left alone


def test_unified_diff_headers_and_hunks():
    diff = fix.unified_diff("docs/pm.md", DRAFT, FIXED)
    assert diff.splitlines()[:3] == ["--- a/docs/pm.md", "+++ b/docs/pm.md", "@@ -1,3 +1,3 @@"]
    assert "-Obviously, the cache was misconfigured. Tom carelessly deleted the index!!!\n" in diff
    assert "+The cache was misconfigured. Tom deleted the index.\n" in diff
    assert fix.unified_diff("x", DRAFT, DRAFT) == ""


def test_unified_diff_marks_a_missing_final_newline():
    diff = fix.unified_diff("x", "a\nb", "a\nc")
    assert diff.endswith("-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n")


# --- write_atomic ----------------------------------------------------------------------------


def test_write_atomic_keeps_mode_and_bom_and_leaves_no_temp_file(tmp_path):
    path = tmp_path / "pm.md"
    data = fix.BOM + b"Tom!!!\r\n"
    path.write_bytes(data)
    path.chmod(0o640)
    fix.write_atomic(path, "Tom.\r\n", fix.Snapshot.of(data))
    assert path.read_bytes() == fix.BOM + b"Tom.\r\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert os.listdir(tmp_path) == ["pm.md"]


def test_write_atomic_refuses_a_changed_file(tmp_path):
    path = tmp_path / "pm.md"
    path.write_bytes(b"old\n")
    snapshot = fix.Snapshot.of(b"old\n")
    path.write_bytes(b"someone else's edit\n")
    with pytest.raises(fix.FileChangedError, match="changed since it was read; not written"):
        fix.write_atomic(path, "new\n", snapshot)
    assert path.read_bytes() == b"someone else's edit\n"
    assert os.listdir(tmp_path) == ["pm.md"]


def test_write_atomic_through_a_symlink_replaces_the_target(tmp_path):
    real = tmp_path / "real.md"
    real.write_bytes(b"old\n")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    fix.write_atomic(link, "new\n", fix.Snapshot.of(b"old\n"))
    assert link.is_symlink() and real.read_bytes() == b"new\n"


# --- run_fix: a file changed between read and write -------------------------------------------


def _draft(tmp_path: Path) -> Path:
    path = tmp_path / "pm.md"
    path.write_text(DRAFT)
    return path


def test_file_changed_after_review_is_not_overwritten(tmp_path, monkeypatch, capsys):
    path = _draft(tmp_path)
    other = tmp_path / "other.md"
    other.write_text(DRAFT)
    real_plan = fix.plan_file

    def plan_then_edit(name, source, findings):  # an editor saves while we review
        if Path(name) == path:
            path.write_text(DRAFT + "\nA new line.\n")
        return real_plan(name, source, findings)

    monkeypatch.setattr(fix, "plan_file", plan_then_edit)
    code = run_fix([str(path), str(other)], True, RULES[1:], None, None)
    err = capsys.readouterr().err
    assert code == 2
    assert f"pmreview: error: {path} changed since it was read; not written" in err
    assert path.read_text() == DRAFT + "\nA new line.\n"
    assert other.read_text() == FIXED  # the other file is still written
    assert "3 edits in 1 files (0 skipped)" in err


def test_file_changed_just_before_the_replace_is_not_overwritten(tmp_path, monkeypatch, capsys):
    path = _draft(tmp_path)
    real_encode = fix.encode

    def encode_then_edit(text, snapshot):  # the change lands after the snapshot, before the rename
        path.write_text("rewritten elsewhere\n")
        return real_encode(text, snapshot)

    monkeypatch.setattr(fix, "encode", encode_then_edit)
    assert run_fix([str(path)], True, None, None, None) == 2
    assert "changed since it was read; not written" in capsys.readouterr().err
    assert path.read_text() == "rewritten elsewhere\n"
    assert os.listdir(tmp_path) == ["pm.md"]


def test_write_failure_is_an_input_error_and_leaves_the_file(tmp_path, monkeypatch, capsys):
    path = _draft(tmp_path)

    def no_space(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(fix.os, "replace", no_space)
    assert run_fix([str(path)], True, None, None, None) == 2
    err = capsys.readouterr().err
    assert f"pmreview: error: {path}: cannot write: No space left on device; not written" in err
    assert path.read_text() == DRAFT
    assert os.listdir(tmp_path) == ["pm.md"]
