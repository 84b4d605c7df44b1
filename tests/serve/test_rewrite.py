"""POST /v1/rewrite through the real chain and ChatOpenAI, against a local fake OpenAI-compatible
server: verified rewrites, rejected ones, bounded concurrency, and no key or model URL leaks."""

from __future__ import annotations

import json
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from reviewer.config import Config, LLMSettings
from reviewer.serve.rewrite import SegmentRewriter
from tests.llm.fake_openai import FakeOpenAI, Reply
from tests.serve.conftest import running

TEXT = "# Summary\n\nAt 14:02 UTC Bob carelessly pushed config v2.3.1 to prod.\n"
NEUTRAL = "At 14:02 UTC config v2.3.1 reached prod through a push with no validation step."
KEY = "sk-test-never-in-a-response-0123456789"


def rewrite_with(answer, delay: float = 0.0, seen: list | None = None):
    lock = threading.Lock()
    active = [0]

    def responder(request):
        if request.schema_name != "RewriteAnswer":
            return Reply(status=400)
        with lock:
            active[0] += 1
            if seen is not None:
                seen.append(active[0])
        time.sleep(delay)
        with lock:
            active[0] -= 1
        rewrites = [{"id": sid, "rewrite": answer(text) if callable(answer) else answer}
                    for sid, text in request.segments().items()]
        return Reply(content=json.dumps({"rewrites": rewrites}))

    return responder


@pytest.fixture
def llm_server(tmp_path, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", KEY)

    def start(responder, concurrency: int = 2):
        fake = FakeOpenAI(responder).__enter__()
        settings = LLMSettings(timeout=10, max_retries=0, max_concurrency=concurrency, cache_dir=str(tmp_path / "c"))
        rewriter = SegmentRewriter(Config(llm=settings), model="fake-model", base_url=fake.base_url)
        return fake, running(rewriter=rewriter)

    return start


def finding_id(server, text: str, rule: str) -> str:
    body = server.client.post("/v1/review", json={"text": text, "annotations": True}).json()
    findings = body["report"]["files"][0]["findings"]
    return next(a["id"] for a, f in zip(body["annotations"], findings, strict=True) if f["rule"] == rule)


def test_verified_rewrite_with_usage_line(llm_server, tmp_path):
    fake, server_cm = llm_server(rewrite_with(NEUTRAL))
    with server_cm as server:
        assert server.client.get("/healthz").json()["llm"] is True
        response = server.client.post("/v1/rewrite", json={"text": TEXT, "id": finding_id(server, TEXT, "BL005")})
        body = response.json()
        assert response.status_code == 200, body
        assert body["verified"] is True and body["after"] == NEUTRAL and body["reason"] is None
        assert body["before"] == "At 14:02 UTC Bob carelessly pushed config v2.3.1 to prod."
        assert TEXT[body["start"] : body["end"]] == body["before"]
        assert body["usage"].startswith("LLM: 1 requests") and "100 tokens in / 20 out" in body["usage"]
        assert len(fake.requests) == 1
        again = server.client.post("/v1/rewrite", json={"text": TEXT, "id": finding_id(server, TEXT, "BL005")})
        assert again.json()["after"] == NEUTRAL and len(fake.requests) == 1  # answered from memory
    fake.__exit__(None, None, None)
    assert not (tmp_path / "c").exists()  # the configured disk cache: a request never writes a file


def test_rejected_rewrite_is_reported_not_applied(llm_server):
    fake, server_cm = llm_server(rewrite_with("Config reached prod."))  # drops 14:02 UTC and v2.3.1
    with server_cm as server:
        body = server.client.post("/v1/rewrite", json={"text": TEXT, "id": finding_id(server, TEXT, "BL005")}).json()
        assert body["verified"] is False and body["after"] is None
        assert "dropped fact: '14:02'" in body["reason"]  # the checker's own words
        assert body["usage"].startswith("LLM: 2 requests")
        assert len(fake.requests) == 2  # one re-ask with the complaint, then the finding stands
    fake.__exit__(None, None, None)


def test_only_blame_findings_are_rewritten(llm_server):
    fake, server_cm = llm_server(rewrite_with(NEUTRAL))
    with server_cm as server:
        text = "# Summary\n\nIt broke.\n"
        st001 = finding_id(server, text, "ST001")
        response = server.client.post("/v1/rewrite", json={"text": text, "id": st001})
        assert response.status_code == 400 and "not blame language" in response.json()["error"]["message"]
        unknown = server.client.post("/v1/rewrite", json={"text": text, "id": "nope@1:1"})
        assert unknown.status_code == 400
        assert fake.requests == []
    fake.__exit__(None, None, None)


def test_llm_calls_are_bounded(llm_server):
    seen: list[int] = []
    def neutral(sentence: str) -> str:  # keeps each sentence's own facts (prod-0 ... prod-5)
        return sentence.replace("Bob carelessly pushed config v2.3.1 to", "config v2.3.1 reached") + " with no check."

    fake, server_cm = llm_server(rewrite_with(neutral, delay=0.3, seen=seen), concurrency=2)
    with server_cm as server:
        texts = [TEXT.replace("prod", f"prod-{i}") for i in range(6)]
        ids = [finding_id(server, t, "BL005") for t in texts]
        with ThreadPoolExecutor(6) as pool:
            results = list(pool.map(lambda pair: server.client.post("/v1/rewrite", json={
                "text": pair[0], "id": pair[1]}), zip(texts, ids, strict=True)))
        assert all(r.status_code == 200 for r in results)
        assert len(fake.requests) == 6
        assert max(seen) == 2  # six asked at once; never more than max-concurrency at the model
    fake.__exit__(None, None, None)


def test_the_key_and_model_server_never_reach_the_browser(llm_server):
    fake, server_cm = llm_server(rewrite_with(NEUTRAL))
    with server_cm as server:
        rid = finding_id(server, TEXT, "BL005")
        responses = [server.client.get(p) for p in ("/", "/static/app.js", "/healthz", "/v1/rules", "/v1/openapi.json")]
        responses.append(server.client.post("/v1/rewrite", json={"text": TEXT, "id": rid}))
        port = fake.base_url.split(":")[2].split("/")[0]
        for response in responses:
            assert KEY not in response.text and f"127.0.0.1:{port}" not in response.text
        assert fake.requests[0].raw  # the key went to the model server only
    fake.__exit__(None, None, None)


def test_a_long_running_server_is_not_stopped_by_one_runs_deadline(llm_server, tmp_path, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    fake = FakeOpenAI(rewrite_with(lambda s: s.replace("Bob carelessly pushed", "a push with no check sent"))).__enter__()
    settings = LLMSettings(timeout=5, max_retries=0, deadline=2.0, cache_dir=str(tmp_path / "c"))
    with running(rewriter=SegmentRewriter(Config(llm=settings), model="fake-model", base_url=fake.base_url)) as server:
        for i in range(2):  # the deadline (2 s) is per request: the second, later one still runs
            text = TEXT.replace("prod", f"prod-{i}")
            body = server.client.post("/v1/rewrite", json={"text": text, "id": finding_id(server, text, "BL005")})
            assert body.json()["verified"] is True, body.json()
            time.sleep(2.2)
    fake.__exit__(None, None, None)
