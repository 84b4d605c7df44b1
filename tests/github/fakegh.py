"""A fake GitHub REST API on 127.0.0.1 (real HTTP, http.server in a thread, ephemeral port).

Implements the endpoints `pmreview github-review` uses, with GitHub's behaviours that
matter to it: Link-header pagination (per_page, page), review anchors validated against
each file's patch (422 on a line outside a hunk), pending reviews, read-only tokens
(403 "Resource not accessible by integration"), comment ownership, GraphQL
minimizeComment, and injectable faults (status, headers, body; optionally matched on the
request body). Every request is logged for assertions.

Independent of reviewer.github: the hunk check here is its own small implementation.
"""

from __future__ import annotations

import base64
import difflib
import itertools
import json
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

BOT = {"login": "github-actions[bot]", "id": 41898282, "type": "Bot"}
DROP = 0  # a fault status: close the connection without answering
HUMAN = {"login": "octocat", "id": 583231, "type": "User"}
HUNK = re.compile(r"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")


def make_patch(old: str, new: str, context: int = 3) -> str:
    """A GitHub-style per-file patch (hunks only, no ---/+++ header)."""
    lines = difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=context)
    return "\n".join(line for line in lines if not line.startswith(("---", "+++")))


def right_hunks(patch: str | None) -> list[set[int]]:
    out: list[set[int]] = []
    new = 0
    for raw in (patch or "").splitlines():
        m = HUNK.match(raw)
        if m:
            new = int(m.group(3))
            out.append(set())
            continue
        if not out or raw.startswith(("\\", "-")):
            continue
        out[-1].add(new)
        new += 1
    return out


def line_map(old: str, new: str) -> dict[int, int]:
    """Old line -> new line for unchanged lines (how GitHub re-anchors comments on a push)."""
    matcher = difflib.SequenceMatcher(a=old.splitlines(), b=new.splitlines(), autojunk=False)
    out: dict[int, int] = {}
    for tag, i1, i2, j1, _ in matcher.get_opcodes():
        if tag == "equal":
            for k in range(i2 - i1):
                out[i1 + k + 1] = j1 + k + 1
    return out


@dataclass
class Fault:
    method: str
    path: str  # regex on the URL path
    status: int
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    times: int = 1
    when: Callable[[Any], bool] | None = None  # predicate on the JSON request body
    after: bool = False  # carry the request out first, then answer with the fault (saved, yet 5xx)


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, list[str]]
    body: Any
    headers: dict[str, str]
    at: float


class FakeGitHub:
    def __init__(self, owner: str = "o", repo: str = "r", number: int = 7, prefix: str = "") -> None:
        self.owner, self.repo, self.number = owner, repo, number
        self.prefix = prefix  # "/api/v3" serves like GitHub Enterprise Server (GraphQL at /api/graphql)
        self.tokens: dict[str, tuple[dict, bool]] = {"write-token": (BOT, True), "read-token": (BOT, False),
                                                     "human-token": (HUMAN, True)}
        self.files: list[dict[str, Any]] = []
        self.contents: dict[tuple[str, str], bytes] = {}
        self.head_sha = "0" * 40
        self.review_comments: list[dict[str, Any]] = []
        self.issue_comments: list[dict[str, Any]] = []
        self.reviews: list[dict[str, Any]] = []
        self.log: list[Request] = []
        self.faults: list[Fault] = []
        self.link_loop: str | None = None  # path whose pages always point "next" to page 2
        self._ids = itertools.count(1000)
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self.url = ""

    # ---- state helpers -----------------------------------------------------------------------
    def set_head(self, sha: str, files: dict[str, tuple[str | None, str, str]]) -> None:
        """files: path -> (old text or None for an added file, new text, status). Re-anchors
        existing comments the way GitHub does: unchanged lines move, changed ones go outdated."""
        old_texts = {p: self.contents.get((p, self.head_sha)) for p in files}
        for comment in self.review_comments:
            path = comment["path"]
            if path in files and comment["line"] is not None:
                before = (old_texts.get(path) or b"").decode()
                mapping = line_map(before, files[path][1])
                comment["line"] = mapping.get(comment["line"])
                if comment.get("start_line") is not None:
                    comment["start_line"] = mapping.get(comment["start_line"])
                    if comment["start_line"] is None:
                        comment["line"] = None
        self.head_sha = sha
        self.files = []
        for path, (old, new, status) in files.items():
            self.contents[(path, sha)] = new.encode()
            entry: dict[str, Any] = {"sha": "b" * 40, "filename": path, "status": status,
                                     "additions": 0, "deletions": 0, "changes": 0}
            if status != "binary":
                entry["patch"] = make_patch(old or "", new)
            else:
                entry["status"] = "modified"
            self.files.append(entry)

    def add_files(self, entries: list[dict[str, Any]]) -> None:
        self.files.extend(entries)

    def add_review_comment(self, path: str, line: int | None, body: str, user: dict, **extra: Any) -> dict:
        comment = {"id": next(self._ids), "node_id": f"PRRC_{len(self.review_comments)}", "path": path,
                   "line": line, "original_line": line, "side": "RIGHT", "body": body, "user": user,
                   "commit_id": self.head_sha, "pull_request_review_id": 1, **extra}
        self.review_comments.append(comment)
        return comment

    def add_issue_comment(self, body: str, user: dict) -> dict:
        comment = {"id": next(self._ids), "node_id": f"IC_{len(self.issue_comments)}", "body": body, "user": user}
        self.issue_comments.append(comment)
        return comment

    def fail(self, method: str, path: str, status: int, body: Any = None, headers: dict[str, str] | None = None,
             times: int = 1, when: Callable[[Any], bool] | None = None, after: bool = False) -> None:
        """Answer matching requests with `status`; DROP (0) closes the connection unanswered."""
        self.faults.append(Fault(method, path, status, body, headers or {}, times, when, after))

    def writes(self) -> list[Request]:
        return [r for r in self.log if r.method in ("POST", "PATCH", "PUT", "DELETE")]

    def requests(self, method: str, pattern: str) -> list[Request]:
        return [r for r in self.log if r.method == method and re.search(pattern, r.path)]

    # ---- server --------------------------------------------------------------------------------
    def start(self) -> FakeGitHub:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:  # keep pytest output clean
                pass

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                try:
                    body = json.loads(raw) if raw else None
                except json.JSONDecodeError:
                    body = raw
                status, payload, headers = fake.dispatch(self.command, self.path, body, dict(self.headers))
                if status == DROP:  # the connection is lost before any answer
                    self.close_connection = True
                    return
                data = payload if isinstance(payload, bytes) else (b"" if payload is None else json.dumps(payload).encode())
                self.send_response(status)
                if not isinstance(payload, bytes):
                    self.send_header("Content-Type", "application/json; charset=utf-8")
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = do_PATCH = do_PUT = do_DELETE = _handle

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server:
            self._server.shutdown()
            self._server.server_close()

    # ---- routing -------------------------------------------------------------------------------
    def dispatch(self, method: str, target: str, body: Any, headers: dict[str, str]) -> tuple[int, Any, dict]:
        split = urlsplit(target)
        path, query = unquote(split.path), parse_qs(split.query)
        if self.prefix:
            if path == "/api/graphql":
                path = "/graphql"
            elif path.startswith(self.prefix + "/"):
                path = path[len(self.prefix):]
            else:
                return 404, {"message": f"Not Found (expected {self.prefix})"}, {}
        lowered = {k.lower(): v for k, v in headers.items()}
        with self._lock:
            self.log.append(Request(method, path, query, body, lowered, time.monotonic()))
            for fault in self.faults:
                if fault.times > 0 and fault.method == method and re.search(fault.path, path) and (
                        fault.when is None or fault.when(body)):
                    fault.times -= 1
                    if fault.after:
                        self._route(method, path, query, body, lowered, self.tokens.get(
                            lowered.get("authorization", "").split(" ", 1)[-1], (BOT, True))[0])
                    return fault.status, fault.body, fault.headers
            auth = lowered.get("authorization", "")
            token = auth.split(" ", 1)[1] if " " in auth else ""
            if token not in self.tokens:
                return 401, {"message": "Bad credentials"}, {}
            user, can_write = self.tokens[token]
            if method != "GET" and not can_write:
                return 403, {"message": "Resource not accessible by integration",
                             "documentation_url": "https://docs.github.com/rest"}, {}
            return self._route(method, path, query, body, lowered, user)

    def _page(self, items: list, path: str, query: dict[str, list[str]]) -> tuple[int, Any, dict]:
        per_page = min(int(query.get("per_page", ["30"])[0]), 100)
        page = int(query.get("page", ["1"])[0])
        chunk = items[(page - 1) * per_page: page * per_page]
        headers: dict[str, str] = {}
        last = max(1, -(-len(items) // per_page))
        if self.link_loop and re.search(self.link_loop, path):
            headers["Link"] = f'<{self.url}{self.prefix}{path}?per_page={per_page}&page=2>; rel="next"'
        elif page < last:
            headers["Link"] = (f'<{self.url}{self.prefix}{path}?per_page={per_page}&page={page + 1}>; rel="next", '
                               f'<{self.url}{self.prefix}{path}?per_page={per_page}&page={last}>; rel="last"')
        return 200, chunk, headers

    def _route(self, method: str, path: str, query: dict, body: Any, headers: dict, user: dict) -> tuple[int, Any, dict]:
        base = f"/repos/{self.owner}/{self.repo}"
        n = self.number
        if method == "GET" and path == f"{base}/pulls/{n}/files":
            return self._page(self.files, path, query)
        if method == "GET" and path == f"{base}/pulls/{n}/comments":
            return self._page(self.review_comments, path, query)
        if method == "GET" and path == f"{base}/issues/{n}/comments":
            return self._page(self.issue_comments, path, query)
        if method == "GET" and path.startswith(f"{base}/contents/"):
            file_path = path[len(f"{base}/contents/"):]
            ref = query.get("ref", [self.head_sha])[0]
            data = self.contents.get((file_path, ref))
            if data is None:
                return 404, {"message": "Not Found"}, {}
            if "raw" in headers.get("accept", ""):
                return 200, data, {"Content-Type": "application/vnd.github.raw"}
            return 200, {"type": "file", "path": file_path, "encoding": "base64",
                         "content": base64.b64encode(data).decode()}, {}
        if method == "POST" and path == f"{base}/pulls/{n}/reviews":
            return self._create_review(body, user)
        if method == "GET" and path == f"{base}/pulls/{n}/reviews":
            return self._page(self.reviews, path, query)
        m = re.fullmatch(rf"{base}/pulls/{n}/reviews/(\d+)", path)
        if method == "DELETE" and m:
            review = next((r for r in self.reviews if r["id"] == int(m.group(1))), None)
            if review is None:
                return 404, {"message": "Not Found"}, {}
            if review["state"] != "PENDING":
                return 422, {"message": "Unprocessable Entity", "errors": ["Can not delete a non-pending review"]}, {}
            self.reviews.remove(review)
            return 200, review, {}
        m = re.fullmatch(rf"{base}/pulls/comments/(\d+)", path)
        if method == "DELETE" and m:
            comment = next((c for c in self.review_comments if c["id"] == int(m.group(1))), None)
            if comment is None:
                return 404, {"message": "Not Found"}, {}
            self.review_comments.remove(comment)
            return 204, None, {}
        if method == "POST" and path == f"{base}/issues/{n}/comments":
            comment = self.add_issue_comment(body["body"], user)
            return 201, comment, {}
        m = re.fullmatch(rf"{base}/issues/comments/(\d+)", path)
        if method == "PATCH" and m:
            comment = next((c for c in self.issue_comments if c["id"] == int(m.group(1))), None)
            if comment is None:
                return 404, {"message": "Not Found"}, {}
            comment["body"] = body["body"]
            return 200, comment, {}
        if method == "POST" and path == "/graphql":
            node_id = (body.get("variables") or {}).get("id")
            comment = next((c for c in self.review_comments if c["node_id"] == node_id), None)
            if comment is None:
                return 200, {"data": None, "errors": [{"type": "NOT_FOUND", "message": "Could not resolve"}]}, {}
            comment["minimized"] = True
            return 200, {"data": {"minimizeComment": {"minimizedComment": {"isMinimized": True}}}}, {}
        return 404, {"message": "Not Found", "documentation_url": "https://docs.github.com/rest"}, {}

    def _create_review(self, body: dict, user: dict) -> tuple[int, Any, dict]:
        def reject(message: str) -> tuple[int, Any, dict]:
            return 422, {"message": "Unprocessable Entity", "errors": [message],
                         "documentation_url": "https://docs.github.com/rest/pulls/reviews"}, {}

        event = body.get("event")
        if event not in (None, "COMMENT", "APPROVE", "REQUEST_CHANGES"):
            return reject("Invalid event")
        if event in ("COMMENT", "REQUEST_CHANGES") and not body.get("body"):
            return reject("Body is required")
        if event is None and any(r["state"] == "PENDING" and r["user"] == user for r in self.reviews):
            return reject("User can only have one pending review per pull request")
        files = {f["filename"]: f for f in self.files}
        for item in body.get("comments") or []:
            entry = files.get(item.get("path"))
            if entry is None:
                return reject("Path could not be resolved")
            hunks = right_hunks(entry.get("patch"))
            line, start = item.get("line"), item.get("start_line")
            if item.get("side", "RIGHT") != "RIGHT" or not any(line in h for h in hunks):
                return reject("Pull request review thread line must be part of the diff")
            if start is not None:
                if start >= line:
                    return reject("Pull request review thread start line must precede the end line.")
                if not any(start in h and line in h for h in hunks):
                    return reject("Pull request review thread start line must be part of the same hunk as the line.")
        review = {"id": next(self._ids), "node_id": "PRR_x", "user": user, "body": body.get("body", ""),
                  "state": "PENDING" if event is None else ("COMMENTED" if event == "COMMENT" else event),
                  "commit_id": body.get("commit_id", self.head_sha)}
        self.reviews.append(review)
        if event is not None:
            for item in body.get("comments") or []:
                extra = {k: item[k] for k in ("start_line", "start_side") if k in item}
                self.add_review_comment(item["path"], item["line"], item["body"], user,
                                        pull_request_review_id=review["id"], **extra)
        return 200, review, {}
