from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from reviewer.github.action import PullRequestOptions, PullRequestOutcome, run
from tests.github.fakegh import FakeGitHub

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "fixtures" / "postmortems" / "pm-021-harborline-zone-push.md"
PM_PATH = "postmortems/2024-03-08-harborline-zone-push.md"
HEAD = "1" * 40
HEAD2 = "2" * 40


def base_version(head: str) -> str:
    """The same postmortem before the PR: the summary's last two lines and the impact line
    were neutral; the PR rewrote them (these become the added lines)."""
    lines = head.split("\n")
    assert lines[13].startswith("API for 51 minutes. Kevin Marsh pushed")
    lines[13] = "API for 51 minutes. A zone change to `harborline.io` deleted the A and AAAA"
    lines[14] = "records for the API load balancer."
    assert lines[25].startswith("- This was a COMPLETE disaster")
    lines[25] = "- Carrier partners had no dispatch manifests for 51 minutes."
    return "\n".join(lines)


class Harness:
    def __init__(self, fake: FakeGitHub, tmp: Path) -> None:
        self.fake, self.tmp = fake, tmp
        self.summary = tmp / "step_summary.md"
        self.head_repo = "o/r"
        self.token = "write-token"
        self.api_path = ""  # e.g. "/api/v3" for GitHub Enterprise Server

    def event(self, head_sha: str) -> Path:
        path = self.tmp / "event.json"
        path.write_text(json.dumps({
            "action": "synchronize",
            "number": self.fake.number,
            "pull_request": {"number": self.fake.number,
                             "head": {"sha": head_sha, "repo": {"full_name": self.head_repo}},
                             "base": {"sha": "f" * 40, "repo": {"full_name": "o/r"}}},
        }))
        return path

    def env(self, **extra: str) -> dict[str, str]:
        env = {"GITHUB_ACTIONS": "true", "GITHUB_REPOSITORY": "o/r", "GITHUB_TOKEN": self.token,
               "GITHUB_API_URL": self.fake.url + self.api_path, "GITHUB_EVENT_NAME": "pull_request",
               "GITHUB_EVENT_PATH": str(self.event(self.fake.head_sha)), "GITHUB_STEP_SUMMARY": str(self.summary)}
        env.update(extra)
        return env

    def run(self, **options) -> tuple[PullRequestOutcome, str, str]:
        out, err = io.StringIO(), io.StringIO()
        options.setdefault("wait_scale", 0.001)
        outcome = run(PullRequestOptions(**options), env=self.env(), out=out, err=err)
        return outcome, out.getvalue(), err.getvalue()


@pytest.fixture
def fake() -> Iterator[FakeGitHub]:
    server = FakeGitHub().start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def harness(fake: FakeGitHub, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Harness:
    monkeypatch.chdir(tmp_path)  # config discovery stays hermetic
    for var in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(var, raising=False)  # 127.0.0.1 must be reached directly
    return Harness(fake, tmp_path)


@pytest.fixture
def pr_edits_fixture(fake: FakeGitHub) -> Callable[[], str]:
    """Set up the PR that edits the fixture postmortem; returns the head text."""
    def setup() -> str:
        head = FIXTURE.read_text(encoding="utf-8")
        fake.set_head(HEAD, {PM_PATH: (base_version(head), head, "modified"),
                             "src/app.py": ("x = 1\n", "x = 2\n", "modified")})
        return head
    return setup
