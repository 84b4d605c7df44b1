"""Bind, print the URL with the token, then hand the socket to uvicorn.

The socket is bound and listening before the URL is printed, so a script that reads the
first stdout line can connect at once (and `--port 0` has its real port in the URL).
"""

from __future__ import annotations

import socket
import sys
import webbrowser

from reviewer.config import Config
from reviewer.serve.rewrite import SegmentRewriter
from reviewer.serve.security import is_loopback, new_token


def bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host.strip("[]"), port))
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def url_host(host: str) -> str:
    if host in ("0.0.0.0", "::"):
        return "127.0.0.1"
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


def run(host: str, port: int, config: Config, rewriter: SegmentRewriter | None, open_browser: bool) -> int:
    import uvicorn

    from reviewer.serve.app import create_app

    if not is_loopback(host):
        print(f"pmreview: warning: serving on {host}, reachable from other machines; the token is the only "
              "protection (use the default 127.0.0.1 unless you need this)", file=sys.stderr, flush=True)
    try:
        sock = bind(host, port)
    except OSError as exc:
        print(f"pmreview: error: cannot listen on {host}:{port}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    real_port = sock.getsockname()[1]
    token = new_token()
    app = create_app(token, real_port, config, rewriter, host)
    url = f"http://{url_host(host)}:{real_port}/?token={token}"
    print(url, flush=True)
    llm = f"LLM rewrites with {rewriter.model}" if rewriter else "rules only (add --llm for rewrites)"
    print(f"pmreview: serving the review page and API on {url_host(host)}:{real_port}; {llm}; Ctrl+C stops",
          file=sys.stderr, flush=True)
    if open_browser:
        webbrowser.open(url)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off", access_log=False,
                                           server_header=False, timeout_graceful_shutdown=3))
    server.run(sockets=[sock])
    return 0
