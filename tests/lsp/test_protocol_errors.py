"""Every request gets an answer, and one bad frame does not deafen the server (issue 10 item 16).

Raw bytes over the real server's stdio (see test_raw_protocol.py for the client).
"""

from __future__ import annotations

import json

import pytest

from tests.lsp.conftest import BLAME
from tests.lsp.test_raw_protocol import RawServer


@pytest.fixture
def raw():
    server = RawServer()
    yield server
    server.close()


def _frame(message: dict, length_header: bytes | None = None) -> bytes:
    body = json.dumps(message).encode()
    header = length_header if length_header is not None else b"Content-Length: %d\r\n" % len(body)
    return header + b"\r\n" + body


def test_invalid_params_are_answered_32602(raw):
    raw.initialize()
    raw.send({"jsonrpc": "2.0", "id": 7, "method": "textDocument/hover", "params": {"bad": True}})
    raw.send({"jsonrpc": "2.0", "id": 8, "method": "textDocument/codeAction", "params": {"textDocument": 5}})
    assert raw.wait_for(lambda f: f.get("id") == 7)["error"]["code"] == -32602
    assert raw.wait_for(lambda f: f.get("id") == 8)["error"]["code"] == -32602
    assert {d["code"] for d in raw.open("file:///tmp/after-bad.md", BLAME)["params"]["diagnostics"]} >= {"BL005"}


def test_request_before_initialize_is_answered_32002(raw):
    raw.send({"jsonrpc": "2.0", "id": 3, "method": "textDocument/hover", "params": {
        "textDocument": {"uri": "file:///tmp/x.md"}, "position": {"line": 0, "character": 0}}})
    raw.send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": "file:///tmp/early.md", "languageId": "markdown", "version": 1, "text": BLAME}}})  # dropped
    assert raw.wait_for(lambda f: f.get("id") == 3)["error"]["code"] == -32002
    raw.initialize()
    assert raw.open("file:///tmp/later.md", BLAME)["params"]["uri"] == "file:///tmp/later.md"


@pytest.mark.parametrize("bad", [
    pytest.param(b"Content-Length: ten\r\n\r\n{\"jsonrpc\": \"2.0\", \"method\": \"x\"}", id="not-a-number"),
    pytest.param(b"Content-Length: 5\r\n\r\n{\"jsonrpc\": \"2.0\", \"method\": \"x\"}", id="too-short"),
    pytest.param(b"Content-Length: 90\r\n\r\n{\"jsonrpc\": \"2.0\", \"method\": \"x\"}", id="too-long"),
    pytest.param(b"{\"jsonrpc\": \"2.0\", \"method\": \"x\"}", id="no-header"),
    pytest.param(b"content-length: 2\r\n\r\n{}", id="lower-case-name"),
])
def test_one_bad_frame_costs_that_frame_only(raw, bad):
    raw.initialize()
    raw.send_bytes(bad)
    raw.send({"jsonrpc": "2.0", "id": 42, "method": "pmreview/unknown", "params": {}})
    raw.send({"jsonrpc": "2.0", "id": 43, "method": "pmreview/unknown", "params": {}})
    assert raw.wait_for(lambda f: f.get("id") == 43, timeout=15)["error"]["code"] == -32601
    assert {d["code"] for d in raw.open("file:///tmp/resync.md", BLAME)["params"]["diagnostics"]} >= {"BL005"}
    raw.send({"jsonrpc": "2.0", "id": 9, "method": "shutdown"})
    raw.wait_for(lambda f: f.get("id") == 9)
    raw.send({"jsonrpc": "2.0", "method": "exit"})
    assert raw.wait_exit() == 0
    if bad.startswith(b"Content-Length: 5") or bad.startswith(b"content-length: 2"):
        return  # a readable frame (short JSON is pygls' parse error; {} is not JSON-RPC): nothing to resync
    assert b"resynchronising" in raw.stderr  # never silence: the skipped frame is logged
