"""LLM corpus runs through the Batch API, against a local fake of /v1/files + /v1/batches."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from reviewer.llm.batch.driver import BatchRun
from tests.llm.conftest import DRAFT, llm_review, session_for, smart
from tests.llm.fake_batch import FakeBatchAPI, Scenario
from tests.llm.fake_openai import FakeOpenAI

ROOT = Path(__file__).resolve().parents[2]


def batch_review(server, tmp_path: Path, logs: list[str] | None = None):
    session = session_for(server)
    runner = BatchRun(session, state_path=tmp_path / "batch-state.json", poll_seconds=0.01, progress=False,
                      log=(logs if logs is not None else []).append)
    return session, runner, runner.run(lambda: llm_review(session, DRAFT))


def summary(report) -> tuple:
    return (sorted((f.rule, f.excerpt, f.dismissed) for f in report.findings),
            sorted((r.segment_index, r.text, r.accepted) for r in report.rewrites),
            sorted((a.segment_index, a.label) for a in report.action_labels))


def test_batch_answers_match_a_direct_run_and_send_nothing_directly(tmp_path, cache_dir, monkeypatch):
    with FakeBatchAPI(smart, [Scenario(polls_before_done=2)]) as server:
        session, runner, report = batch_review(server, tmp_path)
        assert server.count("POST", r"/chat/completions$") == 0
        assert server.count("POST", r"/batches$") >= 1
        assert server.count("GET", r"/batches/batch-1$") == 3  # in progress twice, then completed
        assert not report.incomplete and not report.notes
        assert any(r.accepted for r in report.rewrites) and report.action_labels
        assert runner.usage.requests == len(server.line_bodies) and runner.usage.tokens_in > 0
        batched = [json.dumps({k: b[k] for k in ("messages", "response_format", "model")}, sort_keys=True)
                   for b in server.line_bodies]
    monkeypatch.setenv("PMREVIEW_CACHE_DIR", str(tmp_path / "direct-cache"))
    with FakeOpenAI(smart) as direct:
        expected = llm_review(session_for(direct), DRAFT)
        sent = [json.dumps({k: r.body[k] for k in ("messages", "response_format", "model")}, sort_keys=True)
                for r in direct.requests]
    assert summary(report) == summary(expected)
    assert set(sent) <= set(batched)  # the batch carried the very requests the direct run sends


def test_a_second_run_is_all_cache(tmp_path, cache_dir):
    with FakeBatchAPI(smart) as server:
        batch_review(server, tmp_path)
        created = server.count("POST", r"/batches$")
        _, runner, report = batch_review(server, tmp_path)
        assert server.count("POST", r"/batches$") == created and runner.usage.requests == 0
        assert not report.incomplete


def test_expired_lines_are_submitted_again(tmp_path, cache_dir):
    with FakeBatchAPI(smart, [Scenario(expire=lambda custom_id: True)]) as server:
        _, runner, report = batch_review(server, tmp_path)
        assert server.batches["batch-1"].status == "expired"
        assert server.count("POST", r"/batches$") >= 2
        assert not report.incomplete and not runner.usage.failed


def test_failed_lines_leave_the_review_incomplete_and_the_rest_answered(tmp_path, cache_dir):
    def actions_fail(custom_id: str, body: dict) -> bool:
        return "ActionAnswer" in json.dumps(body)

    with FakeBatchAPI(smart, [Scenario(fail=actions_fail)]) as server:
        _, runner, report = batch_review(server, tmp_path)
    assert runner.usage.failed and "invalid request" in next(iter(runner.usage.failed.values()))
    assert report.incomplete and not report.action_labels
    assert any(r.accepted for r in report.rewrites)  # detect and rewrite still answered
    assert {"BL001", "AC001"} <= {f.rule for f in report.findings}  # rule findings intact


def test_server_without_batches_falls_back_to_direct_calls(tmp_path, cache_dir):
    logs: list[str] = []
    with FakeBatchAPI(smart, no_batches=True) as server:
        _, _, report = batch_review(server, tmp_path, logs)
        assert server.count("POST", r"/chat/completions$") > 0
        assert server.count("POST", r"/batches$") == 0
    assert "no Batch API" in logs[0] and not report.incomplete


def _cli(server, tmp_path: Path, draft: Path) -> subprocess.Popen:
    env = {**os.environ, "PMREVIEW_CACHE_DIR": str(tmp_path / "cli-cache"), "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-m", "reviewer", "check", str(draft), "--format", "json", "--fail-on", "never", "--llm",
         "--llm-base-url", server.base_url, "--llm-model", "fake-model", "--llm-batch",
         "--llm-batch-state", str(tmp_path / "state.json"), "--llm-batch-poll", "0.05"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def test_a_killed_run_resumes_its_batch_instead_of_paying_twice(tmp_path):
    draft = tmp_path / "pm.md"
    draft.write_text(DRAFT)
    with FakeBatchAPI(smart, [Scenario(polls_before_done=10**9)]) as server:
        first = _cli(server, tmp_path, draft)
        deadline = time.monotonic() + 60
        while not (tmp_path / "state.json").exists() or server.count("GET", r"/batches/batch-1$") < 2:
            assert first.poll() is None and time.monotonic() < deadline, first.communicate()
            time.sleep(0.05)
        first.send_signal(signal.SIGKILL)
        first.wait()
        uploads = server.count("POST", r"/files$")
        server.batches["batch-1"].scenario.polls_before_done = 0  # the provider finishes meanwhile
        second = _cli(server, tmp_path, draft)
        out, err = second.communicate(timeout=120)
        assert second.returncode == 0, err
        state = json.loads((tmp_path / "state.json").read_text())
        assert state["batches"][0]["id"] == "batch-1" and state["batches"][0]["status"] == "collected"
        # batch-1's requests were not uploaded again: the next upload is the rewrite round's
        later = [b for b in server.batches.values() if b.id != "batch-1"]
        first_keys = set(state["batches"][0]["keys"])
        assert all(not (first_keys & set(r["keys"])) for r in state["batches"][1:])
        assert server.count("POST", r"/files$") == uploads + len(later)
        assert "resumed" in err
        files = json.loads(out)["files"]
        assert any(f["rule"] == "BL001" for f in files[0]["findings"])


def test_eval_with_llm_batch_records_cassettes_from_batches(tmp_path):
    from tests.evals.datadir import write_data_dir

    data = tmp_path / "data"
    write_data_dir(data)
    with FakeBatchAPI(smart) as server:
        env = {**os.environ, "OPENAI_BASE_URL": server.base_url, "OPENAI_API_KEY": "x", "PYTHONPATH": str(ROOT)}
        result = subprocess.run(
            [sys.executable, "-m", "reviewer", "eval", "--data", str(data), "--suite", "blame", "--llm", "fake-model",
             "--llm-batch", "--llm-batch-poll", "0.01", "--llm-batch-state", str(tmp_path / "state.json"),
             "--cassettes", str(tmp_path / "cassettes"), "--report", str(tmp_path / "report"), "--resamples", "10"],
            capture_output=True, text=True, env=env, timeout=300)
        assert result.returncode == 0, result.stderr
        assert server.count("POST", r"/batches$") >= 1 and server.count("POST", r"/chat/completions$") == 0
        assert "LLM batch:" in result.stderr
    assert any((tmp_path / "cassettes").rglob("*.json"))
