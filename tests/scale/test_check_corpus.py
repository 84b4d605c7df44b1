"""`check` over a corpus: --jobs gives the same output in the same order; baselines from the CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
from gen_corpus import write_corpus  # noqa: E402

from reviewer.cli.many import default_jobs, slim  # noqa: E402
from reviewer.review import review  # noqa: E402


def pmreview(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "reviewer", *args], capture_output=True, text=True, cwd=cwd,
                          timeout=300)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    write_corpus(folder, 24, seed=3)
    return folder


@pytest.mark.parametrize("fmt", ["text", "json", "rdjsonl"])
def test_jobs_do_not_change_the_output(corpus, fmt):
    one = pmreview("check", "--fail-on", "never", "--format", fmt, "--jobs", "1", str(corpus))
    two = pmreview("check", "--fail-on", "never", "--format", fmt, "--jobs", "2", str(corpus))
    assert one.returncode == two.returncode == 0, one.stderr + two.stderr
    assert one.stdout and one.stdout == two.stdout


def test_jobs_zero_is_a_usage_error(corpus):
    result = pmreview("check", "--jobs", "0", str(corpus))
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_default_jobs_keep_small_runs_in_process():
    assert default_jobs(1) == 1
    assert default_jobs(3) == 1
    assert default_jobs(10_000) >= 1


def test_slim_report_keeps_what_renderers_read():
    text = "# Summary\n\nDana pushed the bad config.\n"
    full = review(text, "a.md")
    light = slim(full)
    assert light.findings == full.findings
    assert light.document is not None and light.document.segments == ()
    assert light.line_text(3) == full.line_text(3) == "Dana pushed the bad config."


DRAFT = """# Summary

The deploy failed at 10:02 UTC. The outage was caused by human error.

# Root cause

Dana pushed the bad config.
"""


def test_baseline_from_the_cli_reports_only_new_findings(tmp_path):
    doc = tmp_path / "postmortems" / "pm.md"
    doc.parent.mkdir()
    doc.write_text(DRAFT)
    wrote = pmreview("check", "--write-baseline", "baseline.json", "--fail-on", "never", "postmortems", cwd=tmp_path)
    assert wrote.returncode == 0, wrote.stderr
    assert "recorded" in wrote.stderr
    # Lines move (a new intro) and one new blame sentence arrives: only it is reported.
    doc.write_text("# Intro\n\nContext first.\n\n" + DRAFT + "\nThe engineer was careless.\n")
    again = pmreview("check", "--baseline", "baseline.json", "--format", "json", "postmortems", cwd=tmp_path)
    findings = [f for file in json.loads(again.stdout)["files"] for f in file["findings"]]
    assert [f["excerpt"] for f in findings if f["rule"].startswith("BL")] == ["careless"]
    assert again.returncode == 1  # the new finding still fails the run
    clean = pmreview("check", "--baseline", "baseline.json", "postmortems", cwd=tmp_path)
    assert clean.returncode == 1 and "known finding" in clean.stderr


def test_bad_baseline_is_a_one_line_error(tmp_path):
    (tmp_path / "b.json").write_text("{")
    (tmp_path / "a.md").write_text(DRAFT)
    result = pmreview("check", "--baseline", str(tmp_path / "b.json"), str(tmp_path / "a.md"))
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "not valid JSON" in result.stderr
