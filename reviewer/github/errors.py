"""Errors of the GitHub integration; all are one-line PmreviewErrors (exit 2)."""

from __future__ import annotations

from reviewer.errors import PmreviewError


class GitHubContextError(PmreviewError):
    """The Actions environment or event payload is missing or unusable."""


class GitHubAPIError(PmreviewError):
    """A GitHub API call failed after the bounded retries."""

    def __init__(self, message: str, status: int | None = None, method: str = "", path: str = "") -> None:
        super().__init__(message)
        self.status = status
        self.method = method
        self.path = path

    @property
    def is_permission_error(self) -> bool:
        """403, or 404 on a write: the token cannot write here (fork PR, read-only token).
        A 404 on a read is a real error (wrong API URL, repository or PR), not a fallback."""
        return self.status == 403 or (self.status == 404 and self.method not in ("GET", ""))


class RateLimitError(GitHubAPIError):
    """Still rate limited after the bounded retries, or the wait is too long to sleep."""

    @property
    def is_permission_error(self) -> bool:
        return False
