"""`pmreview github-review` as a process: exit codes and one-line errors, never a traceback."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys

from tests.github.conftest import ROOT


def run_cli(env: dict[str, str], *args: str, cwd=None) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "PMREVIEW_")) and "proxy" not in k.lower()}
    return subprocess.run([sys.executable, "-m", "reviewer", "github-review", *args], capture_output=True, text=True,
                          env={**base, "PYTHONPATH": str(ROOT), **env}, cwd=cwd, timeout=60)


def test_cli_end_to_end_against_fake_github(fake, harness, pr_edits_fixture):
    pr_edits_fixture()
    env = {**harness.env(), "PMREVIEW_RETRY_WAIT_SCALE": "0.001"}
    first = run_cli(env, cwd=harness.tmp)
    assert first.returncode == 1, first.stderr  # findings at or above the default fail-on (warning)
    assert len(fake.requests("POST", r"/pulls/7/reviews$")) == 1
    assert "Traceback" not in first.stderr
    writes = len(fake.writes())
    second = run_cli(env, "--fail-on", "never", cwd=harness.tmp)
    assert second.returncode == 0 and len(fake.writes()) == writes
    assert "0 new inline comment(s)" in second.stderr


def test_cli_errors_are_one_line_exit_2(tmp_path):
    proc = run_cli({"GITHUB_REPOSITORY": "o/r", "GITHUB_TOKEN": "t"}, cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == ["pmreview: error: GITHUB_EVENT_PATH is not set; run inside GitHub Actions"]
    event = tmp_path / "e.json"
    event.write_text("[1,")
    proc = run_cli({"GITHUB_REPOSITORY": "o/r", "GITHUB_TOKEN": "t", "GITHUB_EVENT_PATH": str(event)}, cwd=tmp_path)
    assert proc.returncode == 2 and len(proc.stderr.strip().splitlines()) == 1 and "not valid JSON" in proc.stderr
    proc = run_cli({}, "--filter-mode", "everything", cwd=tmp_path)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr


def test_cli_unreachable_api_is_one_line_exit_2(tmp_path):
    with socket.socket() as s:  # a port with nothing listening
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    event = tmp_path / "e.json"
    event.write_text(json.dumps({"pull_request": {"number": 3, "head": {"sha": "a" * 40}}}))
    proc = run_cli({"GITHUB_REPOSITORY": "o/r", "GITHUB_TOKEN": "t", "GITHUB_EVENT_PATH": str(event),
                    "GITHUB_API_URL": f"http://127.0.0.1:{port}", "PMREVIEW_RETRY_WAIT_SCALE": "0.001"}, cwd=tmp_path)
    assert proc.returncode == 2
    lines = [line for line in proc.stderr.strip().splitlines() if line]
    assert lines[-1].startswith("pmreview: error: GitHub API list PR files failed: ConnectError")
    assert "Traceback" not in proc.stderr
