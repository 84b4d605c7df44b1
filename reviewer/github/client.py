"""The GitHub REST gateway: the dozen calls the review needs, over githubkit.

githubkit does the HTTP, auth, Link-header pagination and the retry loop. This module
adds what a CI bot needs on top:
  * a bounded retry policy: rate limits (primary and secondary, Retry-After,
    x-ratelimit-reset, or 60 s for a secondary limit without headers) and 5xx with
    backoff; waits longer than `max_wait` are not slept, they fail with a clear message.
    A POST is never replayed after a 5xx or a lost connection: GitHub may have saved it
    (a second review, a second summary). The caller looks for its marker first;
  * file paths percent-encoded in API URLs (`#`, `?`, `%` are part of a file name);
  * `wait_scale` multiplies every wait (tests set it tiny; production keeps 1.0);
  * serial writes at least `write_interval` seconds apart (GitHub's secondary-limit advice);
  * a page cap and loop detection for paginated reads;
  * one-line GitHubAPIError messages instead of tracebacks.
Response bodies are used as plain JSON (dicts), so GHES variants and fakes need only
the fields we read.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any
from urllib.parse import quote

import httpx
from githubkit import GitHub, TokenAuthStrategy
from githubkit.exception import (
    GitHubException,
    GraphQLFailed,
    PrimaryRateLimitExceeded,
    RateLimitExceeded,
    RequestError,
    RequestFailed,
    RequestTimeout,
)
from githubkit.retry import RetryOption

from reviewer.github.errors import GitHubAPIError, RateLimitError

USER_AGENT = "pmreview-github-review"


class _PageLimit(Exception):
    pass


class RetryPolicy:
    """githubkit auto_retry decision: bounded, scaled, and recorded (for tests and logs)."""

    def __init__(self, *, max_rate_limit_retries: int = 2, max_server_retries: int = 3,
                 max_wait: float = 120.0, wait_scale: float = 1.0,
                 log: Callable[[str], None] | None = None) -> None:
        self.log = log
        self.max_rate_limit_retries = max_rate_limit_retries
        self.max_server_retries = max_server_retries
        self.max_wait = max_wait
        self.wait_scale = wait_scale
        self.waits: list[tuple[str, float]] = []  # (reason, seconds GitHub asked for)
        self.refused: tuple[str, float] | None = None

    def _retry(self, reason: str, seconds: float, exc: GitHubException) -> RetryOption:
        self.waits.append((reason, seconds))
        if self.log is not None:
            request = getattr(exc, "request", None) or getattr(getattr(exc, "exc", None), "request", None)
            where = f" on {request.method} {request.url.path}" if request is not None else ""
            self.log(f"{reason}{where}: retrying in {seconds:g} s")
        return RetryOption(True, timedelta(seconds=seconds * self.wait_scale))

    def __call__(self, exc: GitHubException, retry_count: int) -> RetryOption:
        if isinstance(exc, RateLimitExceeded):
            seconds = max(exc.retry_after.total_seconds(), 0.0)
            kind = "primary rate limit" if isinstance(exc, PrimaryRateLimitExceeded) else "secondary rate limit"
            if seconds > self.max_wait:
                self.refused = (kind, seconds)
                return RetryOption(False)
            if retry_count < self.max_rate_limit_retries:
                return self._retry(kind, seconds, exc)
            return RetryOption(False)
        if isinstance(exc, RequestFailed):
            status = exc.response.status_code
            if status in (403, 429) and _is_secondary_limit(exc.response.raw_response):
                # no retry-after / x-ratelimit headers: GitHub says wait at least a minute
                if retry_count < self.max_rate_limit_retries and 60.0 <= self.max_wait:
                    return self._retry("secondary rate limit", 60.0, exc)
                return RetryOption(False)
            if status >= 500 and retry_count < self.max_server_retries and _idempotent(exc):
                return self._retry(f"HTTP {status}", float(2 ** retry_count), exc)
            return RetryOption(False)
        if isinstance(exc, RequestTimeout | RequestError) and retry_count < self.max_server_retries:
            request = getattr(getattr(exc, "exc", None), "request", None)
            if request is not None and request.method == "GET":  # never replay a write that may have landed
                return self._retry("network error", float(2 ** retry_count), exc)
        return RetryOption(False)


def _idempotent(exc: GitHubException) -> bool:
    """Safe to send again: reads, and writes that mean the same the second time (PATCH, PUT, DELETE)."""
    request = getattr(exc, "request", None)
    return request is not None and request.method in ("GET", "HEAD", "PATCH", "PUT", "DELETE")


def _is_secondary_limit(response: httpx.Response) -> bool:
    try:
        message = str(response.json().get("message", ""))
    except Exception:
        message = response.text
    return "secondary rate limit" in message.lower()


def _error_message(response: httpx.Response) -> str:
    try:
        data = response.json()
    except Exception:
        lines = (response.text or "").strip().splitlines()
        return (lines[0] if lines else response.reason_phrase)[:200]
    if not isinstance(data, dict):
        return ""
    message = str(data.get("message", "")).strip()
    details = []
    for err in data.get("errors") or []:
        if isinstance(err, dict):
            details.append(str(err.get("message") or err.get("code") or ""))
        else:
            details.append(str(err))
    details = [d for d in details if d]
    if details:
        message += ": " + "; ".join(details)
    return message.replace("\n", " ")[:300]


class GitHubGateway:
    def __init__(self, api_url: str, token: str, owner: str, repo: str, *, wait_scale: float = 1.0,
                 max_wait: float = 120.0, write_interval: float = 1.0, max_pages: int = 30,
                 timeout: float = 30.0, transport: httpx.BaseTransport | None = None,
                 sleep: Callable[[float], None] = time.sleep, log: Callable[[str], None] | None = None) -> None:
        self.owner, self.repo = owner, repo
        self.policy = RetryPolicy(max_wait=max_wait, wait_scale=wait_scale, log=log)
        self.write_interval = write_interval * wait_scale
        self.max_pages = max_pages
        self._sleep = sleep
        self._last_write: float | None = None
        self.notes: list[str] = []  # non-fatal things the run should tell the user
        self.gh = GitHub(
            TokenAuthStrategy(token),
            base_url=api_url.rstrip("/") + "/",
            user_agent=USER_AGENT,
            timeout=timeout,
            http_cache=False,
            auto_retry=self.policy,
            transport=transport,
        )

    def __enter__(self) -> GitHubGateway:
        """One HTTP client (and keep-alive connection) for the whole run."""
        self.gh.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self.gh.__exit__(None, None, None)

    # ---- plumbing -------------------------------------------------------------------------
    def _call(self, what: str, fn: Callable[[], Any]) -> Any:
        try:
            return fn()
        except RateLimitExceeded as exc:
            seconds = exc.retry_after.total_seconds()
            kind = "primary" if isinstance(exc, PrimaryRateLimitExceeded) else "secondary"
            raise RateLimitError(
                f"GitHub {kind} rate limit on {what}; retry after {int(seconds)} s "
                f"(gave up: {'wait too long' if seconds > self.policy.max_wait else 'still limited after retries'})",
                exc.response.status_code, exc.request.method, exc.request.url.path,
            ) from None
        except RequestFailed as exc:
            status = exc.response.status_code
            detail = _error_message(exc.response.raw_response)
            if status in (403, 429) and _is_secondary_limit(exc.response.raw_response):
                raise RateLimitError(f"GitHub secondary rate limit on {what}; still limited after retries"
                                     + (f": {detail}" if detail else ""),
                                     status, exc.request.method, exc.request.url.path) from None
            retried = " after retries" if status >= 500 and exc.request.method != "POST" else ""
            raise GitHubAPIError(f"GitHub API {what} failed{retried}: HTTP {status}" + (f" {detail}" if detail else ""),
                                 status, exc.request.method, exc.request.url.path) from None
        except GraphQLFailed as exc:
            raise GitHubAPIError(f"GitHub GraphQL {what} failed: {exc}".replace("\n", " ")[:300]) from None
        except RequestTimeout:
            raise GitHubAPIError(f"GitHub API {what} timed out") from None
        except RequestError as exc:
            raise GitHubAPIError(f"GitHub API {what} failed: {exc.exc.__class__.__name__}: {exc.exc}"[:300]) from None
        except GitHubException as exc:
            raise GitHubAPIError(f"GitHub API {what} failed: {exc.__class__.__name__}") from None

    def _write(self, what: str, fn: Callable[[], Any]) -> Any:
        if self._last_write is not None and self.write_interval > 0:
            gap = time.monotonic() - self._last_write
            if gap < self.write_interval:
                self._sleep(self.write_interval - gap)
        try:
            return self._call(what, fn)
        finally:
            self._last_write = time.monotonic()

    def _paginate(self, what: str, endpoint: Callable[..., Any], **kwargs: Any) -> list[dict[str, Any]]:
        seen: set[str] = set()
        pages = 0

        def page_items(response: Any) -> list[Any]:
            nonlocal pages
            url = str(response.raw_request.url)
            if url in seen:
                raise _PageLimit(f"{what}: pagination loop at {response.raw_request.url.path}")
            seen.add(url)
            pages += 1
            if pages > self.max_pages:
                raise _PageLimit(f"{what}: stopped after {self.max_pages} pages (per_page=100)")
            data = response.json()
            if not isinstance(data, list):
                raise GitHubAPIError(f"GitHub API {what}: expected a list, got {type(data).__name__}")
            return data

        items: list[dict[str, Any]] = []

        def collect() -> None:
            paginator = self.gh.rest.paginate(endpoint, map_func=page_items, owner=self.owner, repo=self.repo,
                                              per_page=100, **kwargs)
            try:
                for item in paginator:
                    items.append(item)
            except _PageLimit as exc:
                self.notes.append(str(exc))

        self._call(what, collect)
        return items

    # ---- reads ----------------------------------------------------------------------------
    def list_files(self, number: int) -> list[dict[str, Any]]:
        return self._paginate("list PR files", self.gh.rest.pulls.list_files, pull_number=number)

    def list_review_comments(self, number: int) -> list[dict[str, Any]]:
        return self._paginate("list review comments", self.gh.rest.pulls.list_review_comments, pull_number=number)

    def list_issue_comments(self, number: int) -> list[dict[str, Any]]:
        return self._paginate("list PR comments", self.gh.rest.issues.list_comments, issue_number=number)

    def get_file_bytes(self, path: str, ref: str) -> bytes:
        """Raw file content at `ref` (the PR head SHA)."""
        def fetch() -> bytes:
            response = self.gh.rest.repos.get_content(
                self.owner, self.repo, quote(path, safe="/"), ref=ref,
                headers={"Accept": "application/vnd.github.raw+json"})
            return response.raw_response.content

        return self._call(f"get {quote(path)}@{ref[:12]}", fetch)

    # ---- writes ---------------------------------------------------------------------------
    def create_review(self, number: int, commit_id: str, body: str, comments: list[dict[str, Any]],
                      event: str | None = "COMMENT") -> dict[str, Any]:
        kwargs: dict[str, Any] = {"commit_id": commit_id, "body": body, "comments": comments}
        if event is not None:
            kwargs["event"] = event
        return self._write("create review", lambda: self.gh.rest.pulls.create_review(
            self.owner, self.repo, number, **kwargs).json())

    def delete_pending_review(self, number: int, review_id: int) -> None:
        self._write("delete pending review", lambda: self.gh.rest.pulls.delete_pending_review(
            self.owner, self.repo, number, review_id))

    def delete_review_comment(self, comment_id: int) -> None:
        self._write("delete review comment", lambda: self.gh.rest.pulls.delete_review_comment(
            self.owner, self.repo, comment_id))

    def minimize_comment(self, node_id: str) -> None:
        query = ("mutation($id: ID!) { minimizeComment(input: {subjectId: $id, classifier: OUTDATED}) "
                 "{ minimizedComment { isMinimized } } }")
        self._write("minimize comment", lambda: self.gh.graphql.request(query, {"id": node_id}))

    def create_issue_comment(self, number: int, body: str) -> dict[str, Any]:
        return self._write("create summary comment", lambda: self.gh.rest.issues.create_comment(
            self.owner, self.repo, number, body=body).json())

    def update_issue_comment(self, comment_id: int, body: str) -> dict[str, Any]:
        return self._write("update summary comment", lambda: self.gh.rest.issues.update_comment(
            self.owner, self.repo, comment_id, body=body).json())
