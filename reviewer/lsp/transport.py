"""Start the server on stdio (default) or TCP, with logging on stderr only.

stdout carries JSON-RPC frames and nothing else. A frame whose Content-Length is above
MAX_MESSAGE_BYTES is not read: the server logs the reason and closes, since the stream
cannot be resynchronised, and memory stays bounded.
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
    """stdin for pygls' reader: bounded header lines and bodies."""

    def __init__(self, stream: BinaryIO, max_message_bytes: int = MAX_MESSAGE_BYTES) -> None:
        self._stream = stream
        self._max = max_message_bytes

    def readline(self) -> bytes:
        return self._stream.readline(MAX_HEADER_LINE)

    def read(self, n: int) -> bytes:
        if n > self._max:
            log.error("message of %d bytes is over the %d-byte limit; closing the connection", n, self._max)
            return b""  # pygls' loop treats an empty body as end of input
        return self._stream.read(n)


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
