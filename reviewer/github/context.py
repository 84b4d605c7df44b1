"""The Actions run context: GITHUB_* environment variables and the pull_request event.

Only data is read from the event (numbers, SHAs, repository names); nothing from it is
ever executed or interpolated into a shell.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from reviewer.github.errors import GitHubContextError
from reviewer.jsonfile import read_json

_REPO = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")
_SHA = re.compile(r"^[0-9a-f]{40}([0-9a-f]{24})?$")


@dataclass(frozen=True)
class PullRequestContext:
    api_url: str
    token: str
    owner: str
    repo: str
    number: int
    head_sha: str
    base_repo: str
    head_repo: str | None
    event_name: str
    step_summary: Path | None

    @property
    def is_fork(self) -> bool:
        """Head in another repository: under `pull_request` the token is read-only."""
        return self.head_repo is not None and self.head_repo.lower() != self.base_repo.lower()


def _full_name(side: dict) -> str | None:
    """`repo.full_name` of the event's head or base, when it is there and a string."""
    repo = side.get("repo")
    name = repo.get("full_name") if isinstance(repo, dict) else None
    return name if isinstance(name, str) and name else None


def from_env(env: Mapping[str, str] | None = None) -> PullRequestContext:
    env = os.environ if env is None else env
    repository = env.get("GITHUB_REPOSITORY", "").strip()
    if not _REPO.match(repository):
        raise GitHubContextError("GITHUB_REPOSITORY is not set (expected owner/repo); run inside GitHub Actions")
    token = env.get("GITHUB_TOKEN", "").strip() or env.get("INPUT_GITHUB_TOKEN", "").strip()
    if not token:
        raise GitHubContextError("GITHUB_TOKEN is not set; pass `env: GITHUB_TOKEN: ${{ github.token }}`")
    event_path = env.get("GITHUB_EVENT_PATH", "").strip()
    if not event_path:
        raise GitHubContextError("GITHUB_EVENT_PATH is not set; run inside GitHub Actions")
    event = read_json(Path(event_path), f"GITHUB_EVENT_PATH {event_path}", GitHubContextError)
    pr = event.get("pull_request") if isinstance(event, dict) else None
    if not isinstance(pr, dict):
        name = env.get("GITHUB_EVENT_NAME", "this event")
        raise GitHubContextError(f"{name} has no pull_request; run github-review on pull_request events")
    number = pr.get("number", event.get("number"))
    head = pr.get("head") or {}
    base = pr.get("base") or {}
    if not isinstance(head, dict) or not isinstance(base, dict):
        raise GitHubContextError("event pull_request.head and .base must be objects")
    head_sha = str(head.get("sha", ""))
    if not isinstance(number, int) or number <= 0:
        raise GitHubContextError("event pull_request.number is missing or invalid")
    if not _SHA.match(head_sha):
        raise GitHubContextError("event pull_request.head.sha is missing or invalid")
    owner, repo = repository.split("/", 1)
    head_repo = _full_name(head)
    base_repo = _full_name(base)
    summary = env.get("GITHUB_STEP_SUMMARY", "").strip()
    return PullRequestContext(
        api_url=(env.get("GITHUB_API_URL", "").strip() or "https://api.github.com").rstrip("/"),
        token=token,
        owner=owner,
        repo=repo,
        number=number,
        head_sha=head_sha,
        base_repo=base_repo or repository,
        head_repo=head_repo,
        event_name=env.get("GITHUB_EVENT_NAME", "pull_request"),
        step_summary=Path(summary) if summary else None,
    )
