"""Baselines by fingerprint: known findings drop out, new ones (and extra copies) stay."""

from __future__ import annotations

import json

import pytest

from reviewer import baseline, review
from reviewer.errors import UsageError
from reviewer.findings import Report

DRAFT = """# Summary

The deploy failed at 10:02 UTC. The outage was caused by human error.

# Root cause

Dana pushed the bad config.
"""


def _report(text: str, path: str) -> Report:
    return Report((review(text, path=path),))


def test_written_baseline_hides_every_known_finding(tmp_path):
    doc = tmp_path / "pm.md"
    report = _report(DRAFT, str(doc))
    assert report.findings, "the draft must have findings for this test to mean anything"
    written = baseline.write(report, tmp_path / "baseline.json")
    assert written == len([f for f in report.findings if not f.dismissed])
    new, dropped = baseline.only_new(report, baseline.load(tmp_path / "baseline.json"))
    assert new.findings == [] and dropped == written


def test_moved_lines_stay_known_and_a_new_finding_is_reported(tmp_path):
    doc = tmp_path / "pm.md"
    baseline.write(_report(DRAFT, str(doc)), tmp_path / "baseline.json")
    moved = "# Intro\n\nSome new neutral text.\n\n" + DRAFT + "\nThe engineer was careless.\n"
    new, _ = baseline.only_new(_report(moved, str(doc)), baseline.load(tmp_path / "baseline.json"))
    assert [f.excerpt for f in new.findings if f.rule.startswith("BL")] == ["careless"]


def test_a_second_copy_of_a_known_finding_is_new(tmp_path):
    doc = tmp_path / "pm.md"
    baseline.write(_report(DRAFT, str(doc)), tmp_path / "baseline.json")
    doubled = DRAFT + "\nLater the outage was caused by human error again.\n"
    new, _ = baseline.only_new(_report(doubled, str(doc)), baseline.load(tmp_path / "baseline.json"))
    assert [f.rule for f in new.findings] == ["BL002"]


def test_paths_are_relative_to_the_baseline_folder(tmp_path):
    sub = tmp_path / "postmortems"
    sub.mkdir()
    baseline.write(_report(DRAFT, str(sub / "pm.md")), tmp_path / "baseline.json")
    data = json.loads((tmp_path / "baseline.json").read_text())
    assert list(data["files"]) == ["postmortems/pm.md"]


@pytest.mark.parametrize("content, needle", [
    ("not json", "not valid JSON"),
    ('{"version": 9, "files": {}}', "not a pmreview baseline"),
    ('{"version": 1, "files": {"a.md": [{"count": 1}]}}', "no fingerprint"),
])
def test_bad_baseline_files_are_one_line_usage_errors(tmp_path, content, needle):
    path = tmp_path / "b.json"
    path.write_text(content)
    with pytest.raises(UsageError, match=needle):
        baseline.load(path)


def test_missing_baseline_file(tmp_path):
    with pytest.raises(UsageError, match="no such file"):
        baseline.load(tmp_path / "absent.json")
