"""Security of the local server, over real HTTP: token, Host, Origin, body size, CORS, headers."""

from __future__ import annotations

import socket
import subprocess
import sys

import httpx
import pytest

from reviewer.errors import UsageError

TEXT = {"text": "# Summary\n\nBob broke prod.\n"}


@pytest.fixture
def anon(live_server):
    with httpx.Client(base_url=live_server.url, timeout=30) as client:
        yield client


def test_missing_token_is_401_and_wrong_token_403(live_server, anon):
    for path in ("/", "/healthz", "/v1/rules", "/static/app.js", "/v1/openapi.json"):
        missing = anon.get(path)
        assert missing.status_code == 401, path
        assert missing.headers["www-authenticate"] == "Bearer"
        assert "token" in missing.json()["error"]["message"]
    assert anon.post("/v1/review", json=TEXT).status_code == 401
    wrong = anon.post("/v1/review", json=TEXT, headers={"Authorization": "Bearer " + "x" * 43})
    assert wrong.status_code == 403
    near = anon.get("/healthz", headers={"Authorization": f"Bearer {live_server.token[:-1]}"})
    assert near.status_code == 403
    assert anon.get("/?token=wrong").status_code == 403
    anon.cookies.set(f"pmreview_token_{live_server.port}", "wrong")
    assert anon.get("/healthz").status_code == 403


def test_url_token_becomes_a_strict_httponly_cookie(live_server, anon):
    response = anon.get(f"/?token={live_server.token}")
    assert response.status_code == 303
    assert response.headers["location"] == "/"  # the token leaves the address bar
    cookie = response.headers["set-cookie"]
    assert cookie.startswith(f"pmreview_token_{live_server.port}={live_server.token};")
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    page = anon.get("/")  # the cookie jar now holds it
    assert page.status_code == 200 and "<textarea" in page.text
    origin = {"Origin": live_server.url}
    assert anon.post("/v1/review", json=TEXT, headers=origin).status_code == 200


def test_foreign_host_is_rejected(live_server):
    for host in (f"evil.example:{live_server.port}", "evil.example", f"127.0.0.1.evil.example:{live_server.port}"):
        response = live_server.client.get("/healthz", headers={"Host": host})
        assert response.status_code == 400, host
        assert response.json()["error"]["message"] == "invalid Host header"
    assert live_server.client.get("/healthz", headers={"Host": f"localhost:{live_server.port}"}).status_code == 200


def test_foreign_origin_post_is_rejected(live_server):
    client = live_server.client
    for origin in ("http://evil.example", f"http://127.0.0.1:{live_server.port + 1}", "null"):
        response = client.post("/v1/review", json=TEXT, headers={"Origin": origin})
        assert response.status_code == 403, origin
        assert response.json()["error"]["message"] == "cross-origin request refused"
    cross_site = client.post("/v1/fix", json={**TEXT, "safe": True}, headers={"Sec-Fetch-Site": "cross-site"})
    assert cross_site.status_code == 403
    same = client.post("/v1/review", json=TEXT, headers={"Origin": f"http://localhost:{live_server.port}",
                                                         "Sec-Fetch-Site": "same-origin"})
    assert same.status_code == 200


def test_six_megabyte_body_is_413(live_server):
    big = {"text": "Bob broke prod. " * 400_000}  # 6.4 MB, over the default max-file-bytes (5 MB)
    response = live_server.client.post("/v1/review", json=big)
    assert response.status_code == 413
    assert "max-file-bytes" in response.json()["error"]["message"]


def test_oversized_body_is_refused_before_it_is_read(live_server):
    with socket.create_connection(("127.0.0.1", live_server.port), timeout=10) as sock:
        sock.sendall((f"POST /v1/review HTTP/1.1\r\nHost: 127.0.0.1:{live_server.port}\r\n"
                      f"Authorization: Bearer {live_server.token}\r\nContent-Type: application/json\r\n"
                      "Content-Length: 50000000\r\n\r\n{").encode())
        status_line = sock.recv(4096).split(b"\r\n", 1)[0]
    assert status_line == b"HTTP/1.1 413 Request Entity Too Large"  # answered without reading 50 MB

    def chunks():
        yield b'{"text": "'
        for _ in range(200):
            yield b"a" * 65_536  # 13 MB, chunked: no Content-Length to check up front
        yield b'"}'

    streamed = live_server.client.post("/v1/review", content=chunks(), headers={"content-type": "application/json"})
    assert streamed.status_code == 413
    assert streamed.json()["error"]["status"] == 413


def test_no_cors_and_strict_headers(live_server):
    preflight = live_server.client.options("/v1/review", headers={
        "Origin": "http://evil.example", "Access-Control-Request-Method": "POST"})
    assert "access-control-allow-origin" not in preflight.headers
    page = live_server.client.get("/")
    assert "access-control-allow-origin" not in page.headers
    csp = page.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert page.headers["x-content-type-options"] == "nosniff"
    assert page.headers["referrer-policy"] == "no-referrer"
    for asset in ("/static/app.js", "/static/app.css"):
        body = live_server.client.get(asset).text
        assert "http://" not in body and "https://" not in body  # nothing from a CDN


def test_requests_cannot_reach_server_files(live_server):
    for path in ("/static/../app.py", "/static/..%2f..%2f__init__.py", "/static/%2e%2e/security.py",
                 "/static/app.py"):
        response = live_server.client.get(path)
        assert response.status_code == 404, path


def test_non_loopback_bind_warns():
    proc = subprocess.Popen([sys.executable, "-m", "reviewer", "serve", "--host", "0.0.0.0", "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        url = proc.stdout.readline().strip()
        assert url.startswith("http://127.0.0.1:") and "/?token=" in url
        warning = proc.stderr.readline()
        assert "warning: serving on 0.0.0.0, reachable from other machines" in warning
        base, token = url.split("/?token=")
        assert httpx.get(f"{base}/healthz", headers={"Authorization": f"Bearer {token}"}).status_code == 200
    finally:
        proc.terminate()
        proc.wait(10)


def test_loopback_bind_prints_the_url_and_no_warning():
    proc = subprocess.Popen([sys.executable, "-m", "reviewer", "serve", "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        url = proc.stdout.readline().strip()
        base, token = url.split("/?token=")
        assert len(token) >= 40
        first = proc.stderr.readline()
        assert "warning" not in first and "serving the review page" in first
        with httpx.Client(base_url=base, timeout=30, follow_redirects=True) as client:
            assert client.get(f"/?token={token}").status_code == 200  # 303 followed with the cookie
    finally:
        proc.terminate()
        proc.wait(10)
    assert proc.returncode is not None


def test_missing_extra_is_one_line(monkeypatch):
    import importlib.util

    from reviewer.cli import serve_command

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "uvicorn" else real(name, *a))
    with pytest.raises(UsageError, match=r"needs the 'serve' extra: pip install 'pmreview\[serve\]'"):
        serve_command.run_serve("127.0.0.1", 0, False, None, False, None, None)
