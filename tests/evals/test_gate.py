"""The regression gate: worse beyond tolerance fails, must-pass failures fail, harness errors are separate."""

from __future__ import annotations

import pytest

from reviewer.evals import gate as gating
from reviewer.evals.errors import HarnessError


def _results(precision=0.90, fp_rate=0.05, regression_pass=True, split="test"):
    return {
        "manifest": {"split": split, "dataset_version": "abc", "reviewer": "rules"},
        "suites": {
            "blame": {"all": {"precision": precision, "hard_negatives": {"fp_rate": fp_rate}}},
            "regression": {"pass_rate": 1.0 if regression_pass else 0.5},
        },
        "items": {"regression": [
            {"id": "r-1", "pass": True, "expect": "blame", "got": "blame", "reason": "x"},
            {"id": "r-2", "pass": regression_pass, "expect": "neutral", "got": "blame" if not regression_pass
             else "neutral", "reason": "quoted speech"},
        ]},
    }


def _baseline(**kwargs):
    return gating.baseline_of(_results(**kwargs))


def test_same_results_pass():
    verdict = gating.gate(_results(), _baseline(), 0.02)
    assert verdict["passed"], verdict["failures"]
    assert {r["metric"] for r in verdict["metrics"]} >= {"blame.all.precision", "blame.all.hard_negatives.fp_rate"}


def test_drop_within_tolerance_passes_and_beyond_fails():
    assert gating.gate(_results(precision=0.885), _baseline(precision=0.90), 0.02)["passed"]
    verdict = gating.gate(_results(precision=0.85), _baseline(precision=0.90), 0.02)
    assert not verdict["passed"]
    assert any("blame.all.precision" in f for f in verdict["failures"])


def test_lower_is_better_metrics_fail_when_they_rise():
    verdict = gating.gate(_results(fp_rate=0.10), _baseline(fp_rate=0.05), 0.02)
    assert not verdict["passed"]
    assert gating.gate(_results(fp_rate=0.01), _baseline(fp_rate=0.05), 0.02)["passed"]  # better is fine


def test_must_pass_failure_fails_with_or_without_baseline():
    assert not gating.gate(_results(regression_pass=False), None, 0.02)["passed"]
    verdict = gating.gate(_results(regression_pass=False), _baseline(), 0.02)
    assert any("must-pass r-2" in f for f in verdict["failures"])


def test_metric_that_became_undefined_fails():
    results = _results()
    results["suites"]["blame"]["all"]["precision"] = None
    assert not gating.gate(results, _baseline(), 0.02)["passed"]


def test_split_mismatch_is_a_harness_error():
    with pytest.raises(HarnessError, match="split"):
        gating.gate(_results(split="dev"), _baseline(split="test"), 0.02)


def test_changed_fixtures_warn_but_do_not_fail():
    baseline = _baseline()
    baseline["manifest"]["dataset_version"] = "old"
    verdict = gating.gate(_results(), baseline, 0.02)
    assert verdict["passed"] and any("labelled data changed" in w for w in verdict["warnings"])
