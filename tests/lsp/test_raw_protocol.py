"""Raw bytes on the server's stdin: malformed frames, shutdown/exit timing, stdout purity."""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
import time

import pytest

from tests.lsp.conftest import BLAME, ROOT, SERVER


class RawServer:
    def __init__(self) -> None:
        self.proc = subprocess.Popen(SERVER + ["--log-level", "debug"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, env={**os.environ, "PYTHONPATH": str(ROOT)})
        self.frames: queue.Queue[dict] = queue.Queue()
        self.garbage: list[bytes] = []
        self.stderr = b""
        threading.Thread(target=self._read, daemon=True).start()
        self._err_thread = threading.Thread(target=self._read_err, daemon=True)
        self._err_thread.start()

    def wait_exit(self, timeout: float = 5.0) -> int:
        code = self.proc.wait(timeout)
        self._err_thread.join(timeout)
        return code

    def _read(self) -> None:
        out = self.proc.stdout
        assert out is not None
        while True:
            header = out.readline()
            if not header:
                return
            if not header.startswith(b"Content-Length: "):
                self.garbage.append(header)
                continue
            length = int(header.split(b":")[1])
            while out.readline() not in (b"\r\n", b""):
                pass
            body = out.read(length)
            try:
                self.frames.put(json.loads(body))
            except ValueError:
                self.garbage.append(body)

    def _read_err(self) -> None:
        assert self.proc.stderr is not None
        self.stderr = self.proc.stderr.read()

    def send_bytes(self, data: bytes) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def send(self, message: dict) -> None:
        body = json.dumps(message).encode()
        self.send_bytes(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def wait_for(self, predicate, timeout: float = 15.0) -> dict:
        deadline = time.monotonic() + timeout
        while True:
            frame = self.frames.get(timeout=max(0.01, deadline - time.monotonic()))
            if predicate(frame):
                return frame

    def initialize(self) -> None:
        self.send({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                   "params": {"processId": None, "rootUri": None, "capabilities": {}}})
        self.wait_for(lambda f: f.get("id") == 1)
        self.send({"jsonrpc": "2.0", "method": "initialized", "params": {}})

    def open(self, uri: str, text: str) -> dict:
        self.send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
            "uri": uri, "languageId": "markdown", "version": 1, "text": text}}})
        return self.wait_for(lambda f: f.get("method") == "textDocument/publishDiagnostics"
                             and f["params"]["uri"] == uri)

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait(5)


@pytest.fixture
def raw():
    server = RawServer()
    yield server
    server.close()


def test_malformed_frames_do_not_kill_the_server(raw):
    raw.initialize()
    raw.send_bytes(b"Content-Length: 9\r\n\r\n{not json")  # invalid JSON
    raw.send_bytes(b"Content-Length: 2\r\n\r\n[]")  # JSON, not an object
    raw.send_bytes(b"Content-Length: 13\r\n\r\n{\"hello\": 1}\n")  # object, not JSON-RPC
    raw.send_bytes(b"X-Nonsense: yes\r\nContent-Type: foo\r\n\r\n")  # headers without a length
    raw.send({"jsonrpc": "2.0", "id": 7, "method": "textDocument/hover", "params": {"bad": True}})  # bad params
    raw.send({"jsonrpc": "2.0", "id": 8, "method": "pmreview/unknown", "params": {}})
    raw.send({"jsonrpc": "2.0", "method": "$/cancelRequest", "params": {"id": 999}})  # unknown id
    raw.send({"jsonrpc": "2.0", "method": "$/cancelRequest", "params": {"id": 999}})  # duplicate
    unknown = raw.wait_for(lambda f: f.get("id") == 8)
    assert unknown["error"]["code"] == -32601
    params = raw.open("file:///tmp/raw.md", BLAME)["params"]
    assert {d["code"] for d in params["diagnostics"]} >= {"BL005", "AC001"}
    raw.send({"jsonrpc": "2.0", "id": 9, "method": "shutdown"})
    raw.wait_for(lambda f: f.get("id") == 9)
    raw.send({"jsonrpc": "2.0", "method": "exit"})
    assert raw.wait_exit() == 0
    assert raw.garbage == []  # stdout carried JSON-RPC frames only, even at debug log level
    assert b"Unable to handle message" in raw.stderr  # the bad frames were logged on stderr


def test_exit_is_prompt_with_work_pending(raw):
    raw.initialize()
    raw.open("file:///tmp/pending.md", BLAME)
    big = "# Incident\n\n## Summary\n\n" + "Bob was careless and it was a stupid mistake.\n" * 20_000
    raw.send({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
        "textDocument": {"uri": "file:///tmp/pending.md", "version": 2},
        "contentChanges": [{"text": big}]}})
    raw.send({"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
    raw.wait_for(lambda f: f.get("id") == 2)
    started = time.monotonic()
    raw.send({"jsonrpc": "2.0", "method": "exit"})
    assert raw.proc.wait(5) == 0
    assert time.monotonic() - started < 2.0


def test_exit_without_shutdown_exits_nonzero(raw):
    raw.initialize()
    raw.send({"jsonrpc": "2.0", "method": "exit"})
    assert raw.proc.wait(5) == 1


def test_oversized_content_length_closes_without_reading(raw):
    raw.initialize()
    raw.send_bytes(b"Content-Length: 2000000000\r\n\r\n{}")
    assert raw.wait_exit() == 1  # closed: the stream cannot be resynchronised
    assert b"over the 134217728-byte limit" in raw.stderr


def test_stdin_closed_ends_the_server(raw):
    raw.initialize()
    assert raw.proc.stdin is not None
    raw.proc.stdin.close()
    assert raw.proc.wait(5) == 1


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX loopback socket")
def test_tcp_refuses_non_loopback_host():
    proc = subprocess.run(SERVER + ["--tcp", "--host", "0.0.0.0", "--port", "0"], capture_output=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=20)
    assert proc.returncode == 2 and b"loopback" in proc.stderr


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_tcp_on_loopback_serves_a_session():
    import asyncio

    from lsprotocol import types
    from pygls.lsp.client import LanguageClient

    port = _free_port()
    proc = subprocess.Popen(SERVER + ["--tcp", "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})

    async def session() -> list[str]:
        client = LanguageClient("tcp-test", "1")
        got: asyncio.Future = asyncio.get_running_loop().create_future()

        @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def on_diagnostics(params: types.PublishDiagnosticsParams) -> None:
            if not got.done():
                got.set_result([str(d.code) for d in params.diagnostics])

        for _ in range(100):  # wait for the port to open
            try:
                await client.start_tcp("127.0.0.1", port)
                break
            except OSError:
                await asyncio.sleep(0.1)
        await client.initialize_async(types.InitializeParams(capabilities=types.ClientCapabilities()))
        client.initialized(types.InitializedParams())
        client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
            uri="file:///tmp/tcp.md", language_id="markdown", version=1, text=BLAME)))
        codes = await asyncio.wait_for(got, 15)
        await client.shutdown_async(None)
        client.exit(None)
        await client.stop()
        return codes

    try:
        assert "BL005" in asyncio.run(session())
        assert proc.wait(10) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(5)
