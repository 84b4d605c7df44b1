"""`pmreview eval` on the real fixtures: exit codes, committed baseline, reports."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from reviewer.cli.app import app

ROOT = Path(__file__).resolve().parents[2]
BASELINE = ROOT / "evals" / "baselines" / "rules-test.json"
runner = CliRunner()


@pytest.fixture(scope="module")
def full_run(tmp_path_factory):
    report = tmp_path_factory.mktemp("report")
    result = runner.invoke(app, ["eval", "--split", "test", "--baseline", str(BASELINE), "--report", str(report),
                                 "--cache-mode", "replay"])
    return result, report


def test_rules_only_test_split_passes_its_committed_baseline(full_run):
    result, _ = full_run
    assert result.exit_code == 0, result.output
    assert "gate PASS" in result.output


def test_results_json_has_manifest_and_metrics(full_run):
    _, report = full_run
    results = json.loads((report / "results.json").read_text())
    manifest = results["manifest"]
    for key in ("git_sha", "prompt_fingerprint", "model", "dataset_version", "cache_mode", "split", "reviewer"):
        assert key in manifest
    assert manifest["split"] == "test" and manifest["reviewer"] == "rules" and manifest["model"] is None
    blame = results["suites"]["blame"]["all"]
    assert 0 <= blame["ci95"]["f1"][0] <= blame["f1"] <= blame["ci95"]["f1"][1] <= 1
    assert results["items"]["blame"]["postmortems"], "per-item records are written"
    assert (report / "summary.md").read_text().startswith("# pmreview eval")


def test_html_report_is_self_contained_with_embedded_charts(full_run):
    _, report = full_run
    html = (report / "report.html").read_text()
    images = re.findall(r'<img[^>]+src="data:image/png;base64,([A-Za-z0-9+/=]{200,})"', html)
    assert len(images) >= 5
    assert not re.search(r'(?:src|href)="(?:https?:|file:|/)', html), "no external resources"
    assert "Source, rule suggestion and rewrite" in html and "<mark>" in html


def test_a_worse_result_than_the_baseline_exits_1(tmp_path):
    baseline = json.loads(BASELINE.read_text())
    baseline["metrics"]["blame.all.precision"] = min(1.0, baseline["metrics"]["blame.all.precision"] + 0.05)
    better = tmp_path / "better-baseline.json"
    better.write_text(json.dumps(baseline))
    result = runner.invoke(app, ["eval", "--suite", "blame", "--split", "test", "--baseline", str(better),
                                 "--report", str(tmp_path / "r"), "--resamples", "100"])
    assert result.exit_code == 1, result.output
    assert "blame.all.precision" in result.output


@pytest.mark.parametrize("args", [
    ["--llm", "some-model-2026-01-01"],  # nothing recorded for this model: replay misses
    ["--split", "train"],
    ["--suite", "nonsense"],
    ["--cache-mode", "sometimes"],
    ["--baseline", "does/not/exist.json"],
])
def test_harness_errors_exit_2(args, tmp_path):
    result = runner.invoke(app, ["eval", "--suite", "regression", "--report", str(tmp_path), *args])
    assert result.exit_code == 2, result.output


def test_baseline_for_another_split_exits_2(tmp_path):
    result = runner.invoke(app, ["eval", "--suite", "regression", "--split", "dev", "--baseline", str(BASELINE),
                                 "--report", str(tmp_path)])
    assert result.exit_code == 2
