"""`pmreview check --llm` end to end as a subprocess, against the fake server."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.llm.conftest import DRAFT, smart
from tests.llm.fake_openai import FakeOpenAI, Reply

ROOT = Path(__file__).resolve().parents[2]


def run(args, tmp_path, env_extra=None):
    env = {k: v for k, v in os.environ.items() if not k.startswith("OPENAI_")}
    env.update({"PMREVIEW_CACHE_DIR": str(tmp_path / "cache"), **(env_extra or {})})
    return subprocess.run([sys.executable, "-m", "reviewer", *args], capture_output=True, cwd=ROOT, env=env,
                          timeout=120)


def test_llm_without_configuration_is_a_one_line_error(tmp_path):
    draft = tmp_path / "pm.md"
    draft.write_text(DRAFT)
    proc = run(["check", str(draft), "--llm"], tmp_path)
    err = proc.stderr.decode().strip()
    assert proc.returncode == 2 and err.count("\n") == 0
    assert "OPENAI_API_KEY" in err and "--llm-base-url" in err


def test_check_with_a_local_server(tmp_path):
    draft = tmp_path / "pm.md"
    draft.write_text(DRAFT)
    with FakeOpenAI(smart) as server:
        args = ["check", str(draft), "--llm", "--llm-base-url", server.base_url, "--llm-model", "fake-model",
                "--format", "json"]
        first = run(args, tmp_path)
        second = run(args, tmp_path)
    assert first.returncode == 1, first.stderr.decode()
    data = json.loads(first.stdout)["files"][0]["findings"]
    assert any(f["rule"] == "BL001" and f["suggestion"].startswith("At 14:02 UTC the bad config") for f in data)
    assert "LLM: 3 requests" in first.stderr.decode()
    assert "LLM: 0 requests" in second.stderr.decode() and "3 cache hits" in second.stderr.decode()
    assert json.loads(second.stdout) == json.loads(first.stdout)


def test_llm_required_turns_an_incomplete_review_into_exit_2(tmp_path):
    draft = tmp_path / "pm.md"
    draft.write_text(DRAFT)

    def failing(request):
        return Reply(status=500) if request.schema_name == "ActionAnswer" else smart(request)

    with FakeOpenAI(failing) as server:
        base = ["check", str(draft), "--llm-base-url", server.base_url, "--llm-model", "fake-model"]
        cfg = tmp_path / "cfg.toml"
        cfg.write_text("[llm]\nmax-retries = 0\n")
        relaxed = run([*base, "--llm", "--config", str(cfg)], tmp_path)
        strict = run([*base, "--llm-required", "--config", str(cfg)], tmp_path)
    assert relaxed.returncode == 1 and "incomplete" in relaxed.stderr.decode()
    assert strict.returncode == 2 and "--llm-required" in strict.stderr.decode()


def test_fix_applies_verified_llm_rewrites(tmp_path):
    draft = tmp_path / "pm.md"
    draft.write_text(DRAFT)
    with FakeOpenAI(smart) as server:
        base = ["fix", str(draft), "--llm", "--llm-base-url", server.base_url, "--llm-model", "fake-model"]
        diff = run(base, tmp_path)
        assert diff.returncode == 0, diff.stderr.decode()
        assert "+At 14:02 UTC the bad config reached payments-api v2.3.1" in diff.stdout.decode()
        assert draft.read_text() == DRAFT  # a diff writes nothing
        written = run([*base, "--write"], tmp_path)
    assert written.returncode == 0
    text = draft.read_text()
    assert "Root cause: a manual step with no validation." in text and "human error" not in text
    assert text.endswith("- Add a pre-merge check that validates rollout.yaml (@li)\n")  # untouched elsewhere


def test_llm_timeout_bounds_a_review_against_a_server_that_never_answers(tmp_path):
    import time

    draft = tmp_path / "pm.md"
    draft.write_text(DRAFT)

    def stalled(request):
        return Reply(content="{}", delay=600)

    timeout = 3.0
    with FakeOpenAI(smart) as fast, FakeOpenAI(stalled) as dead:
        began = time.monotonic()
        run(["check", str(draft), "--llm-base-url", fast.base_url, "--llm-model", "m", "--llm"], tmp_path / "a")
        baseline = time.monotonic() - began  # start-up, rules and three quick answers
        began = time.monotonic()
        proc = run(["check", str(draft), "--format", "json", "--llm", "--llm-base-url", dead.base_url,
                    "--llm-model", "m", "--llm-timeout", str(timeout)], tmp_path / "b")
        elapsed = time.monotonic() - began
    assert proc.returncode == 1, proc.stderr.decode()
    # A stalled server would hold each request for 600 s; the run ends within a few timeouts
    # (one timed-out request per step, then the breaker), whatever the machine's load.
    assert elapsed - baseline < 3 * timeout, (elapsed, baseline)
    rules = {f["rule"] for f in json.loads(proc.stdout)["files"][0]["findings"]}
    assert {"BL001", "BL002", "BL005", "AC001", "RV003"} <= rules
    assert "incomplete" in proc.stderr.decode() and "timed out" in proc.stderr.decode()


def test_llm_timeout_must_be_positive(tmp_path):
    draft = tmp_path / "pm.md"
    draft.write_text(DRAFT)
    proc = run(["check", str(draft), "--llm-base-url", "http://127.0.0.1:9/v1", "--llm-model", "m", "--llm",
                "--llm-timeout", "-5"], tmp_path)
    assert proc.returncode == 2 and "--llm-timeout" in proc.stderr.decode()
    assert "Traceback" not in proc.stderr.decode()


def test_a_dismissal_changes_the_exit_code_only_with_llm_may_dismiss(tmp_path):
    draft = tmp_path / "pm.md"
    draft.write_text(DRAFT)
    quotes = {"human error": "human error", "careless": "Sam was careless", "Bob pushed": "Bob pushed"}

    def neutral(request):
        if request.schema_name == "DetectAnswer":
            verdicts = [{"id": sid, "verdict": "neutral", "category": None,
                         "quote": next((q for k, q in quotes.items() if k in text), None),
                         "reason": "quoted from a customer"} for sid, text in request.segments().items()]
            return Reply(content=json.dumps({"verdicts": verdicts}))
        return smart(request)

    with FakeOpenAI(neutral) as server:
        base = ["check", str(draft), "--select", "BL", "--llm", "--llm-base-url", server.base_url,
                "--llm-model", "m"]
        default = run(base, tmp_path / "a")
        opted = run([*base, "--llm-may-dismiss"], tmp_path / "b")
    assert default.returncode == 1, default.stderr.decode()  # the model's word alone changes nothing
    assert opted.returncode == 0, opted.stderr.decode()
