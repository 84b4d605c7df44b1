"""Start the server on stdio (default) or TCP, with logging on stderr only.

stdout carries JSON-RPC frames and nothing else. Input frames are checked before pygls sees
them (GuardedReader): a malformed frame is logged and skipped, and reading resumes at the
next header. A frame whose Content-Length is above MAX_MESSAGE_BYTES is not read: the
server logs the reason and closes, so memory stays bounded.
"""

from __future__ import annotations

import ipaddress
import logging
import os
import sys
from typing import TYPE_CHECKING, BinaryIO

from reviewer.errors import UsageError

if TYPE_CHECKING:
    from reviewer.lsp.server import PmreviewServer

log = logging.getLogger(__name__)
MAX_MESSAGE_BYTES = 128 * 1024 * 1024
MAX_HEADER_LINE = 8192


class GuardedReader:
    """stdin for pygls' reader: frames checked and re-emitted, bounded lines and bodies.

    pygls reads `Content-Length: N` exactly; anything else (a missing, malformed or lower-case
    length, a body shorter or longer than announced) left it reading bodies as headers and
    headers as bodies, deaf to every later message. Here each frame is parsed from the raw
    stream and handed on in pygls' exact form. A broken frame is logged and skipped: reading
    resumes at the next `Content-Length:` header (resynchronisation), so one bad frame costs
    that frame only. A body over the size limit ends the connection (logged).
    """

    def __init__(self, stream: BinaryIO, max_message_bytes: int = MAX_MESSAGE_BYTES) -> None:
        self._stream = stream
        self._max = max_message_bytes
        self._pending = b""  # bytes read ahead of the current frame (after a resync)
        self._out: list[bytes] = []  # header lines of the next clean frame for pygls
        self._body = b""

    # -- what pygls calls ------------------------------------------------------------
    def readline(self) -> bytes:
        if not self._out and not self._next_frame():
            return b""
        return self._out.pop(0)

    def read(self, n: int) -> bytes:
        body, self._body = self._body, b""
        return body[:n]

    # -- the raw stream -------------------------------------------------------------
    def _raw_line(self) -> bytes:
        if self._pending:
            cut = self._pending.find(b"\n")
            if cut != -1:
                line, self._pending = self._pending[: cut + 1], self._pending[cut + 1 :]
                return line
            line, self._pending = self._pending, b""
            return line + self._stream.readline(MAX_HEADER_LINE)
        return self._stream.readline(MAX_HEADER_LINE)

    def _raw_read(self, n: int) -> bytes:
        head, self._pending = self._pending[:n], self._pending[n:]
        return head + (self._stream.read(n - len(head)) if len(head) < n else b"")

    def _next_frame(self) -> bool:
        """Queue the next well-formed frame; False at the end of input or on a fatal frame."""
        while True:
            length = self._read_headers()
            if length is None:
                return False
            if length > self._max:
                log.error("message of %d bytes is over the %d-byte limit; closing the connection", length, self._max)
                return False
            body = self._raw_read(length)
            if len(body) < length:
                return False  # end of input inside a body
            resync = _next_header(body)
            if resync != -1 and not _is_json(body):
                log.error("a message body holds the next frame's header (its Content-Length was too large); "
                          "skipped, resynchronising")
                self._pending = body[resync:] + self._pending
                continue
            self._out = [b"Content-Length: %d\r\n" % length, b"\r\n"]
            self._body = body
            return True

    def _read_headers(self) -> int | None:
        """The Content-Length of the next frame (garbage before it skipped and logged); None at EOF."""
        length: int | None = None
        bad: list[bytes] = []
        while True:
            line = self._raw_line()
            if not line:
                return None
            if line.strip() == b"":
                if length is not None:
                    if bad:
                        log.error("skipped %d malformed header line(s) before a frame: %r", len(bad), bad[0][:80])
                    return length
                if bad:  # a header block without a usable length
                    log.error("frame without a valid Content-Length header (%r); skipped, resynchronising",
                              bad[0][:80])
                    bad = []
                    self._skip_to_next_header()
                continue
            name, sep, value = line.partition(b":")
            name = name.strip().lower()
            start = _next_header(line)
            if start > 0:  # a header glued to the end of stray bytes: start over at it
                log.error("stray bytes before a header: %r; resynchronising", line[:min(start, 80)])
                self._pending = line[start:] + self._pending
                length, bad = None, []
                continue
            if sep and name == b"content-length" and value.strip().isdigit():
                length = int(value.strip())
            elif name == b"content-length" or not (sep and name and b" " not in name and name.isascii()):
                bad.append(line)

    def _skip_to_next_header(self) -> None:
        """Drop bytes up to the next `Content-Length:` (the body of a frame whose length is unknown)."""
        while True:
            line = self._raw_line()
            if not line:
                return
            start = _next_header(line)
            if start != -1:
                self._pending = line[start:] + self._pending
                return


_HEADER = b"content-length:"


def _next_header(data: bytes) -> int:
    """Index of the first Content-Length header name in `data` (any case), or -1."""
    return data.lower().find(_HEADER)


def _is_json(body: bytes) -> bool:
    import json

    try:
        json.loads(body)
    except ValueError:
        return False
    return True


def configure_logging(level: str) -> None:
    logging.basicConfig(stream=sys.stderr, level=getattr(logging, level.upper(), logging.WARNING),
                        format="pmreview-lsp %(levelname)s %(name)s: %(message)s")
    if level.upper() != "DEBUG":
        logging.getLogger("pygls").setLevel(max(logging.WARNING, logging.getLogger().level))


def check_host(host: str, allow_remote: bool) -> None:
    if host == "localhost":
        return
    try:
        loopback = ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback and not allow_remote:
        raise UsageError(f"--host {host}: the server has no authentication; bind a loopback address "
                         "(127.0.0.1, ::1) or pass --allow-remote")


def tune_gc() -> None:
    """Keep the cyclic collector off the keystroke path.

    A review allocates many short-lived objects; with default thresholds a full collection
    (which walks every cached token and segment) lands inside some reviews and triples
    their time. Everything alive at start-up is frozen out of collection, and collections
    run less often; reference counting still frees almost everything at once.
    """
    import gc

    gc.collect()
    gc.freeze()
    gc.set_threshold(100_000, 50, 100)


def serve(tcp: bool = False, host: str = "127.0.0.1", port: int = 2087, allow_remote: bool = False,
          log_level: str = "warning", server: PmreviewServer | None = None) -> int:
    """Run until `exit` (or end of input); exits the process (0 after shutdown, else 1)."""
    configure_logging(log_level)
    from reviewer.lsp.server import create_server

    server = server or create_server()
    tune_gc()
    if tcp:
        check_host(host, allow_remote)
        log.warning("listening on %s:%d; any local process can connect", host, port)
        server.start_tcp(host, port)
    else:
        server.start_io(GuardedReader(sys.stdin.buffer), sys.stdout.buffer)  # type: ignore[arg-type]
    code = 0 if server.protocol._shutdown else 1
    sys.stderr.flush()
    # The stdin reader thread may still block in read(); do not wait for it.
    os._exit(code)
