"""action.yml, the documented workflow and .pre-commit-hooks.yaml."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.github.conftest import ROOT

SHA_PIN = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")


def _workflows() -> list[dict]:
    text = (ROOT / "docs" / "github.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", text, re.S)
    return [doc for doc in (yaml.safe_load(b) for b in blocks) if isinstance(doc, dict) and "jobs" in doc]


def test_documented_review_workflow_is_least_privilege():
    review = next(w for w in _workflows() if w["name"] == "pmreview")
    assert review["permissions"] == {"contents": "read", "pull-requests": "write"}
    assert list(review[True]) == ["pull_request"]  # YAML 1.1 reads `on` as True
    assert "concurrency" in review
    steps = review["jobs"]["review"]["steps"]
    checkout = steps[0]
    assert SHA_PIN.match(checkout["uses"]) and checkout["with"]["persist-credentials"] is False
    for step in steps:
        assert "run" not in step or "${{" not in step["run"], "no expressions interpolated into shell"


def test_documented_sarif_workflow():
    sarif = next(w for w in _workflows() if w["name"] == "pmreview-sarif")
    assert sarif["permissions"] == {"contents": "read", "security-events": "write", "actions": "read"}
    steps = sarif["jobs"]["sarif"]["steps"]
    assert any("pmreview check --format sarif" in s.get("run", "") for s in steps)
    assert all(SHA_PIN.match(s["uses"]) for s in steps if "uses" in s)


def test_action_yml_is_composite_and_pinned():
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite"
    for step in action["runs"]["steps"]:
        if "uses" in step:
            assert SHA_PIN.match(step["uses"])
        else:
            assert step["shell"] == "bash"
            assert "${{" not in step["run"], "inputs go through env:, never into the script"
    assert action["inputs"]["filter-mode"]["default"] == "added"
    assert action["inputs"]["github-token"]["default"] == "${{ github.token }}"


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_action_review_step_runs_against_fake_github(fake, harness, pr_edits_fixture):
    """Run the action's own review script (inputs at their defaults) with bash."""
    pr_edits_fixture()
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    script = action["runs"]["steps"][-1]["run"]
    defaults = {name: str(spec.get("default", "")) for name, spec in action["inputs"].items()}
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "PMREVIEW_")) and "proxy" not in k.lower()}
    env.update(harness.env())
    env.update({"PMREVIEW_BIN": str(Path(sys.executable).parent), "PYTHONPATH": str(ROOT),
                "PMREVIEW_PATHS": defaults["paths"], "PMREVIEW_FILTER_MODE": defaults["filter-mode"],
                "PMREVIEW_FAIL_ON": "never", "PMREVIEW_MAX_COMMENTS": defaults["max-comments"],
                "PMREVIEW_BOT_LOGIN": defaults["bot-login"], "PMREVIEW_RETRY_WAIT_SCALE": "0.001"})
    if not (Path(sys.executable).parent / "pmreview").exists():
        pytest.skip("pmreview entry point not installed in this environment")
    proc = subprocess.run(["bash", "-c", script], env=env, capture_output=True, text=True, cwd=harness.tmp,
                          timeout=60)
    assert proc.returncode == 0, proc.stderr
    [review] = fake.requests("POST", r"/pulls/7/reviews$")
    assert review.body["event"] == "COMMENT" and review.body["comments"]


def test_pre_commit_hook():
    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "pmreview" and hook["entry"] == "pmreview check" and hook["language"] == "python"
    files = re.compile(hook["files"])
    assert files.search("postmortems/2024/a.md") and files.search("docs/team-postmortem.md")
    assert not files.search("README.md")
