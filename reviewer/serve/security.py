"""Security of a developer server on a laptop: token, Host allow-list, Origin check, headers.

The threats are other local users and processes, and web pages in the user's own browser
(cross-site requests, DNS rebinding). Loopback binding alone stops neither, so:

* every request carries the per-start token: once as `?token=` (swapped for an HttpOnly,
  SameSite=Strict cookie named after the port, as cookies are not isolated by port), or as
  `Authorization: Bearer` from scripts; compared in constant time;
* the Host header must name this server (a rebound evil.example fails here);
* a state-changing request must come from this origin (CSRF), and there is no CORS;
* every response forbids framing and off-origin loads (CSP).
"""

from __future__ import annotations

import hmac
import ipaddress
import json
import secrets
from collections.abc import Iterable, Sequence
from urllib.parse import parse_qs

from starlette.datastructures import URL, Headers
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Receive, Scope, Send

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")
SECURITY_HEADERS = [
    (b"content-security-policy",
     b"default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"cache-control", b"no-store"),
]


def new_token() -> str:
    return secrets.token_urlsafe(32)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def allowed_hosts(bind_host: str, extra: Iterable[str] = ()) -> set[str]:
    """Host header values (without port) this server answers to."""
    hosts = {"127.0.0.1", "localhost", "[::1]", *extra}
    if not is_loopback(bind_host) and bind_host not in ("0.0.0.0", "::"):
        hosts.add(f"[{bind_host}]" if ":" in bind_host else bind_host)
    return hosts


def _host_only(host_header: str) -> str:
    if host_header.startswith("["):
        return host_header.split("]", 1)[0] + "]"
    return host_header.rsplit(":", 1)[0] if ":" in host_header else host_header


async def _json_error(send: Send, status: int, message: str, extra_headers: Sequence[tuple[bytes, bytes]] = ()) -> None:
    body = json.dumps({"error": {"status": status, "message": message}}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
               *SECURITY_HEADERS, *extra_headers]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class LocalGuard:
    """ASGI middleware, outermost: Host, token, Origin, then the app with security headers."""

    def __init__(self, app: ASGIApp, token: str, port: int, hosts: set[str]) -> None:
        self.app = app
        self.token = token.encode()
        self.port = port
        self.hosts = hosts
        self.cookie = f"pmreview_token_{port}"
        self.origins = {f"http://{h}:{port}" for h in hosts}

    def _valid(self, value: str | None) -> bool:
        return value is not None and hmac.compare_digest(value.encode("utf-8", "replace"), self.token)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        if _host_only(headers.get("host", "")) not in self.hosts:  # DNS rebinding
            await _json_error(send, 400, "invalid Host header")
            return
        given = parse_qs(scope.get("query_string", b"").decode("latin-1")).get("token", [None])[0]
        if given is not None and scope["method"] in SAFE_METHODS:
            if not self._valid(given):
                await _json_error(send, 403, "wrong token (use the URL printed by `pmreview serve`)")
                return
            await self._swap_for_cookie(scope, send)
            return
        auth = headers.get("authorization")
        cookie = _cookie(headers.get("cookie", ""), self.cookie)
        bearer = auth[7:].strip() if auth and auth[:7].lower() == "bearer " else None
        presented = bearer if auth is not None else cookie
        if presented is None:
            await _json_error(send, 401, "missing token: open the URL printed by `pmreview serve`, or send "
                                         "'Authorization: Bearer <token>'", [(b"www-authenticate", b"Bearer")])
            return
        if not self._valid(presented):
            await _json_error(send, 403, "wrong token")
            return
        if scope["method"] not in SAFE_METHODS and not self._same_origin(headers):  # CSRF
            await _json_error(send, 403, "cross-origin request refused")
            return

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), *SECURITY_HEADERS]}
            await send(message)

        await self.app(scope, receive, send_with_headers)

    def _same_origin(self, headers: Headers) -> bool:
        origin = headers.get("origin")
        if origin is not None:
            return origin in self.origins
        # No Origin: scripts (curl) and same-origin navigations. Pages cannot forge Sec-Fetch-Site.
        return headers.get("sec-fetch-site") in (None, "same-origin", "none")

    async def _swap_for_cookie(self, scope: Scope, send: Send) -> None:
        """`?token=` once, then a cookie: the token leaves the address bar and the history."""
        url = URL(scope=scope).remove_query_params("token")
        location = url.path + (f"?{url.query}" if url.query else "")
        cookie = f"{self.cookie}={self.token.decode()}; HttpOnly; SameSite=Strict; Path=/"
        await send({"type": "http.response.start", "status": 303,
                    "headers": [(b"location", location.encode()), (b"set-cookie", cookie.encode()),
                                (b"content-length", b"0"), *SECURITY_HEADERS]})
        await send({"type": "http.response.body", "body": b""})


def _cookie(header: str, name: str) -> str | None:
    for part in header.split(";"):
        key, _, value = part.strip().partition("=")
        if key == name:
            return value
    return None


class _TooLarge(HTTPException):
    """An HTTPException, so the framework's body parsing re-raises it to the JSON error handler."""


class BodyLimit:
    """413 for a request body over `max_bytes`: up front from Content-Length, or while a
    chunked body streams in (the app never sees more than the limit)."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        message = f"request body too large (limit {self.max_bytes / 1_000_000:.1f} MB, the server's max-file-bytes)"
        length = Headers(scope=scope).get("content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_bytes):
            await _json_error(send, 413, message)
            return
        seen = 0
        started = False

        async def limited_receive():
            nonlocal seen
            msg = await receive()
            if msg["type"] == "http.request":
                seen += len(msg.get("body", b""))
                if seen > self.max_bytes:
                    raise _TooLarge(413, message)
            return msg

        async def tracking_send(msg):
            nonlocal started
            started = started or msg["type"] == "http.response.start"
            await send(msg)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except _TooLarge:
            if started:
                raise
            await _json_error(send, 413, message)
