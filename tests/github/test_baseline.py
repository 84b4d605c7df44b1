"""The GitHub review honours a baseline: known findings are not commented again."""

from __future__ import annotations

from reviewer import baseline
from reviewer.findings import Report
from reviewer.review import review
from tests.github.conftest import PM_PATH


def test_baseline_silences_known_findings(fake, harness, pr_edits_fixture):
    head = pr_edits_fixture()
    # The team recorded every finding the head already has: nothing is new.
    report = Report((review(head, path=str(harness.tmp / PM_PATH)),))
    assert len(report.findings) >= 2
    baseline.write(report, harness.tmp / "baseline.json")
    outcome, _, err = harness.run(baseline=harness.tmp / "baseline.json", fail_on="never")
    assert outcome.posted == 0, err
    assert not fake.requests("POST", r"/pulls/7/reviews$")


def test_without_a_baseline_the_same_pr_gets_comments(fake, harness, pr_edits_fixture):
    pr_edits_fixture()
    outcome, _, err = harness.run(fail_on="never")
    assert outcome.posted > 0, err
