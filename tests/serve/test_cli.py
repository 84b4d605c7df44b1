"""`pmreview serve` start-up errors: one line on stderr, exit code 2, no traceback."""

from __future__ import annotations

import os
import socket
import subprocess
import sys


def serve(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "reviewer", "serve", *args], capture_output=True, text=True,
                          timeout=60, env=env)


def test_port_in_use():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        proc = serve("--port", str(taken.getsockname()[1]))
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.startswith("pmreview: error: cannot listen on 127.0.0.1:") and proc.stderr.count("\n") == 1


def test_llm_without_a_model_is_a_start_up_error(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "PMREVIEW_LLM"))}
    proc = subprocess.run([sys.executable, "-m", "reviewer", "serve", "--port", "0", "--llm"], capture_output=True,
                          text=True, timeout=60, env=env, cwd=tmp_path)
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.startswith("pmreview: error: --llm needs a model") and "Traceback" not in proc.stderr


def test_bad_port_and_config():
    assert serve("--port", "70000").stderr.startswith("pmreview: error: --port 70000")
    missing = serve("--config", "/nonexistent/pmreview.toml")
    assert missing.returncode == 2 and "no such file" in missing.stderr
