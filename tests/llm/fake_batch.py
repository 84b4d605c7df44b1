"""A local stand-in for OpenAI's Files + Batches endpoints, on 127.0.0.1 over real HTTP.

The batch's lines are answered by the same `responder(Request) -> Reply` the synchronous fake
uses, so a test scripts one set of answers for both paths. Scenarios, per batch in creation order:
- `polls_before_done`: how many retrieves answer `in_progress` before the batch is terminal;
- `expire`: custom_ids (or a predicate) that end as `batch_expired` in the error file, the
  batch status `expired`;
- `fail`: lines (custom_id, body) answered with a per-line error (status 400 in the output file);
- `no_batches=True`: the server has no /v1/batches (404), like vLLM or Ollama.
Every request is recorded (method, path) for assertions; uploaded files are kept.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from tests.llm.fake_openai import Reply, Request


@dataclass
class Scenario:
    polls_before_done: int = 1
    expire: Callable[[str], bool] = lambda custom_id: False
    fail: Callable[[str, dict], bool] = lambda custom_id, body: False


@dataclass
class _Batch:
    id: str
    input_file_id: str
    scenario: Scenario
    polls: int = 0
    status: str = "validating"
    output_file_id: str | None = None
    error_file_id: str | None = None
    counts: dict = field(default_factory=lambda: {"total": 0, "completed": 0, "failed": 0})


def _multipart_file(body: bytes, content_type: str) -> bytes:
    boundary = re.search(r"boundary=([^;]+)", content_type)
    assert boundary, content_type
    for part in body.split(b"--" + boundary.group(1).strip('"').encode()):
        if b'name="file"' in part:
            payload = part.split(b"\r\n\r\n", 1)[1]
            return payload.rsplit(b"\r\n", 1)[0]
    raise AssertionError("no file part in the upload")


class FakeBatchAPI:
    def __init__(self, responder: Callable[[Request], Reply], scenarios: list[Scenario] | None = None,
                 no_batches: bool = False) -> None:
        self.responder = responder
        self.scenarios = list(scenarios or [])
        self.no_batches = no_batches
        self.files: dict[str, bytes] = {}
        self.batches: dict[str, _Batch] = {}
        self.calls: list[tuple[str, str]] = []
        self.line_bodies: list[dict] = []  # every request body answered from a batch file
        self.answered: list[dict] = []  # every body answered, from a batch line or a direct call
        self._lock = threading.Lock()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _json(self, status: int, payload: dict) -> None:
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _raw(self, data: bytes) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "application/octet-stream")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _route(self, method: str) -> None:
                path = self.path.split("?")[0]
                with outer._lock:
                    outer.calls.append((method, path))
                length = int(self.headers.get("Content-Length", 0) or 0)
                body = self.rfile.read(length) if length else b""
                if outer.no_batches and ("/batches" in path or "/files" in path):
                    return self._json(404, {"error": {"message": "Not Found", "type": "not_found"}})
                try:
                    status, payload = outer.handle(method, path, body, self.headers.get("Content-Type", ""))
                except KeyError:
                    return self._json(404, {"error": {"message": f"no such object: {path}"}})
                if isinstance(payload, bytes):
                    return self._raw(payload)
                return self._json(status, payload)

            def do_GET(self):  # noqa: N802
                self._route("GET")

            def do_POST(self):  # noqa: N802
                self._route("POST")

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    # -- the API --------------------------------------------------------------------------
    def handle(self, method: str, path: str, body: bytes, content_type: str) -> tuple[int, dict | bytes]:
        if method == "POST" and path.endswith("/chat/completions"):  # the direct path (fallback)
            request = json.loads(body)
            return 200, self._completion(request)
        with self._lock:
            if method == "POST" and path.endswith("/files"):
                file_id = f"file-{len(self.files) + 1}"
                self.files[file_id] = _multipart_file(body, content_type)
                return 200, {"id": file_id, "object": "file", "bytes": len(self.files[file_id]),
                             "purpose": "batch", "filename": "input.jsonl", "created_at": 0, "status": "processed"}
            if method == "GET" and (m := re.search(r"/files/([^/]+)/content$", path)):
                return 200, self.files[m.group(1)]
            if method == "POST" and path.endswith("/batches"):
                request = json.loads(body)
                batch_id = f"batch-{len(self.batches) + 1}"
                n = len(self.batches)
                scenario = self.scenarios[n] if n < len(self.scenarios) else Scenario()
                self.batches[batch_id] = _Batch(batch_id, request["input_file_id"], scenario)
                return 200, self._view(self.batches[batch_id])
            if method == "GET" and path.endswith("/batches"):
                return 200, {"object": "list", "data": [self._view(b) for b in self.batches.values()],
                             "has_more": False}
            if method == "GET" and (m := re.search(r"/batches/([^/]+)$", path)):
                batch = self.batches[m.group(1)]
                self._advance(batch)
                return 200, self._view(batch)
        raise KeyError(path)

    def _advance(self, batch: _Batch) -> None:
        if batch.status in ("completed", "expired", "failed", "cancelled"):
            return
        batch.polls += 1
        lines = [json.loads(x) for x in self.files[batch.input_file_id].decode().splitlines() if x.strip()]
        batch.counts["total"] = len(lines)
        if batch.polls <= batch.scenario.polls_before_done:
            batch.status = "in_progress"
            batch.counts["completed"] = len(lines) * batch.polls // (batch.scenario.polls_before_done + 1)
            return
        ok, errors = [], []
        expired = False
        for line in lines:
            custom_id = line["custom_id"]
            self.line_bodies.append(line["body"])
            if batch.scenario.expire(custom_id):
                expired = True
                errors.append({"id": f"req-{custom_id}", "custom_id": custom_id, "response": None,
                               "error": {"code": "batch_expired", "message": "not completed in time"}})
                continue
            if batch.scenario.fail(custom_id, line["body"]):
                ok.append({"id": f"req-{custom_id}", "custom_id": custom_id, "error": None,
                           "response": {"status_code": 400, "request_id": "r",
                                        "body": {"error": {"message": "invalid request"}}}})
                continue
            completion = self._completion(line["body"])
            ok.append({"id": f"req-{custom_id}", "custom_id": custom_id, "error": None,
                       "response": {"status_code": 200, "request_id": "r", "body": completion}})
        ok.reverse()  # the output order need not match the input order
        if ok:
            batch.output_file_id = f"file-out-{batch.id}"
            self.files[batch.output_file_id] = "".join(json.dumps(x) + "\n" for x in ok).encode()
        if errors:
            batch.error_file_id = f"file-err-{batch.id}"
            self.files[batch.error_file_id] = "".join(json.dumps(x) + "\n" for x in errors).encode()
        batch.counts["completed"] = sum(1 for x in ok if x["response"]["status_code"] == 200)
        batch.counts["failed"] = len(lines) - batch.counts["completed"]
        batch.status = "expired" if expired else "completed"

    def _completion(self, body: dict) -> dict:
        """The chat completion the responder scripts for one request body."""
        self.answered.append(body)
        reply = self.responder(Request(body, json.dumps(body)))
        message: dict = {"role": "assistant", "content": reply.content}
        tools = body.get("tools") or []
        if tools:  # function calling: the answer arrives as the forced tool call's arguments
            message = {"role": "assistant", "content": None, "tool_calls": [{
                "id": "call_1", "type": "function",
                "function": {"name": tools[0]["function"]["name"], "arguments": reply.content}}]}
        return {"id": "chatcmpl-b", "object": "chat.completion", "created": 0, "model": body.get("model", "m"),
                "choices": [{"index": 0, "message": message, "finish_reason": "stop"}],
                "usage": {"prompt_tokens": 100, "completion_tokens": 20, "total_tokens": 120}}

    @staticmethod
    def _view(batch: _Batch) -> dict:
        return {"id": batch.id, "object": "batch", "endpoint": "/v1/chat/completions", "errors": None,
                "input_file_id": batch.input_file_id, "completion_window": "24h", "status": batch.status,
                "output_file_id": batch.output_file_id, "error_file_id": batch.error_file_id,
                "created_at": 0, "request_counts": dict(batch.counts), "metadata": {}}

    # -- lifecycle ------------------------------------------------------------------------
    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/v1"

    def count(self, method: str, suffix: str) -> int:
        return sum(1 for m, p in self.calls if m == method and re.search(suffix, p))

    def __enter__(self) -> FakeBatchAPI:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
