"""A small OpenAI-compatible server on 127.0.0.1 for tests: real HTTP, scripted answers.

Each test gives a `responder(request) -> Reply`; the server records every request body so
tests can assert what reached it (and what never did).
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Reply:
    status: int = 200
    content: str | None = None  # the assistant message content (JSON text for structured output)
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    raw_body: bytes | None = None  # sent as-is instead of a chat completion (truncated JSON, errors)
    unsized: bool = False  # send raw_body without Content-Length (read until the connection closes)
    usage: dict | None = None  # the completion's usage block (default: 100 in / 20 out)


@dataclass
class Request:
    body: dict
    raw: str

    @property
    def schema_name(self) -> str:
        fmt = self.body.get("response_format") or {}
        tools = self.body.get("tools") or []
        if tools:
            return tools[0]["function"]["name"]
        return (fmt.get("json_schema") or {}).get("name", "")

    @property
    def user(self) -> str:
        return next(m["content"] for m in self.body["messages"] if m["role"] == "user")

    @property
    def system(self) -> str:
        return next(m["content"] for m in self.body["messages"] if m["role"] == "system")

    def segments(self) -> dict[str, str]:
        """id -> text of the sentences to judge or rewrite, as the prompt shows them."""
        found = dict(re.findall(r'<s id="(s\d+)"(?: section="[^"]*" role="judge")?>(.*?)</s>', self.user))
        return found

    def items(self) -> dict[str, str]:
        return dict(re.findall(r'<item id="(s\d+)">(.*?)</item>', self.user))


class FakeOpenAI:
    def __init__(self, responder: Callable[[Request], Reply]) -> None:
        self.responder = responder
        self.requests: list[Request] = []
        self._lock = threading.Lock()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep test output quiet
                pass

            def do_GET(self):  # noqa: N802
                self._send(200, {"object": "list", "data": [{"id": "fake-model", "object": "model"}]})

            def do_POST(self):  # noqa: N802
                raw = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
                request = Request(json.loads(raw), raw)
                with outer._lock:
                    outer.requests.append(request)
                reply = outer.responder(request)
                if reply.delay:
                    time.sleep(reply.delay)
                if reply.raw_body is not None:
                    self.send_response(reply.status)
                    for k, v in reply.headers.items():
                        self.send_header(k, v)
                    self.send_header("Content-Type", "application/json")
                    if not reply.unsized:
                        self.send_header("Content-Length", str(len(reply.raw_body)))
                    self.end_headers()
                    try:
                        self.wfile.write(reply.raw_body)
                    except OSError:  # the client stopped reading (answer-size cap)
                        pass
                    return
                if reply.status != 200:
                    self._send(reply.status, {"error": {"message": "fake failure", "type": "server_error"}},
                               reply.headers)
                    return
                message = {"role": "assistant", "content": reply.content}
                tools = request.body.get("tools")
                if tools:  # function calling: the answer arrives as the forced tool call's arguments
                    message = {"role": "assistant", "content": None, "tool_calls": [{
                        "id": "call_1", "type": "function",
                        "function": {"name": tools[0]["function"]["name"], "arguments": reply.content}}]}
                self._send(200, {
                    "id": "chatcmpl-fake", "object": "chat.completion", "created": 0, "model": "fake-model",
                    "choices": [{"index": 0, "finish_reason": "stop", "message": message}],
                    "usage": reply.usage or {"prompt_tokens": 100, "completion_tokens": 20, "total_tokens": 120},
                }, reply.headers)

            def _send(self, status, payload, headers=None):
                body = json.dumps(payload).encode()
                self.send_response(status)
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        # A handler may sleep "forever" (a stalled server): never wait for it on shutdown.
        self.server.daemon_threads = True
        self.server.block_on_close = False
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/v1"

    def __enter__(self) -> FakeOpenAI:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    @property
    def bodies(self) -> str:
        return "\n".join(r.raw for r in self.requests)
