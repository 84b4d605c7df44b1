"""A real uvicorn server on loopback (in a thread, on a pre-bound port 0 socket), and a real
headless Chromium driven by Selenium through Debian's chromedriver (Selenium Manager never runs)."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace

import httpx
import pytest
import uvicorn

from reviewer.config import Config
from reviewer.serve.app import create_app
from reviewer.serve.security import new_token

ROOT = Path(__file__).resolve().parents[2]
DRAFT = ROOT / "fixtures" / "postmortems" / "pm-001-cartwheel-skip-canary.md"
CHROMIUM = os.environ.get("PMREVIEW_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("PMREVIEW_CHROMEDRIVER", "/usr/bin/chromedriver")


@contextmanager
def running(config: Config | None = None, rewriter=None) -> Iterator[SimpleNamespace]:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))  # bound first: the app needs its port for the Origin allow-list
    port, token = sock.getsockname()[1], new_token()
    app = create_app(token, port, config or Config(), rewriter)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.02)
    url = f"http://127.0.0.1:{port}"
    client = httpx.Client(base_url=url, headers={"Authorization": f"Bearer {token}"}, timeout=30)
    try:
        yield SimpleNamespace(url=url, port=port, token=token, client=client)
    finally:
        client.close()
        server.should_exit = True
        thread.join(10)


@pytest.fixture(scope="session")
def live_server():
    with running() as server:
        yield server


@pytest.fixture
def draft_text() -> str:
    return DRAFT.read_text(encoding="utf-8")


@pytest.fixture
def driver(tmp_path):
    """Headless Chromium. Missing browser or driver fails the test: CI installs them (.ci/run)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    for path in (CHROMIUM, CHROMEDRIVER):
        assert Path(path).exists(), f"{path} is missing: apt-get install -y chromium chromium-driver"
    os.environ.setdefault("SE_OFFLINE", "true")  # a guard should any path skip Service(executable_path=...)
    os.environ.setdefault("SE_AVOID_STATS", "true")
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,900",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                f"--user-data-dir={tmp_path / 'profile'}"):
        opts.add_argument(arg)
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    opts.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                           "download.prompt_for_download": False})
    drv = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=opts)
    drv.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    drv.download_dir = downloads
    try:
        yield drv
    finally:
        drv.quit()
