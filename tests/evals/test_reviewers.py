"""The Reviewer protocol, the rules reviewer and the cassette cache modes."""

from __future__ import annotations

import json

import pytest

from reviewer.evals.errors import CassetteMiss, HarnessError
from reviewer.evals.harness import make_reviewer
from reviewer.evals.reviewers import CassetteStore, Reviewer, RulesReviewer, default_cache_mode, request_key


def test_rules_reviewer_is_a_reviewer_and_finds_blame():
    reviewer = RulesReviewer()
    assert isinstance(reviewer, Reviewer)
    review = reviewer.review("Root cause: human error.", "x.md")
    assert any(f.rule == "BL002" for f in review.findings)
    assert review.rewrites == {} and review.action_labels == {}
    assert review.usage.requests == 0 and review.usage.latency_s >= 0


def test_bad_cache_mode_is_a_harness_error():
    with pytest.raises(HarnessError, match="cache mode"):
        make_reviewer(None, "sometimes")


def test_llm_reviewer_records_then_replays_offline(tmp_path, monkeypatch):
    from reviewer.evals.errors import CassetteMiss
    from tests.llm.conftest import DRAFT, smart
    from tests.llm.fake_openai import FakeOpenAI

    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    with FakeOpenAI(smart) as server:
        monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
        first = make_reviewer("fake-model", "record", cassettes=tmp_path).review(DRAFT, "pm.md")
        recorded = len(server.requests)
    monkeypatch.delenv("OPENAI_BASE_URL")
    replay = make_reviewer("fake-model", "replay", cassettes=tmp_path)
    second = replay.review(DRAFT, "pm.md")
    assert recorded == 3 and first.usage.requests == 3 and second.usage.requests == 0
    assert first.rewrites and first.rewrites == second.rewrites
    assert "reminder" in first.action_labels.values() and first.action_labels == second.action_labels
    with pytest.raises(CassetteMiss):  # nothing recorded for this text: an error, never a model call
        replay.review(DRAFT.replace("Bob", "Dave"), "pm2.md")


def test_default_cache_mode():
    assert default_cache_mode({}) == "replay"  # no key: never the network
    assert default_cache_mode({"OPENAI_API_KEY": "k"}) == "auto"
    assert default_cache_mode({"OPENAI_API_KEY": "k", "CI": "1"}) == "replay"
    assert default_cache_mode({"LLM_CACHE_MODE": "record"}) == "record"


def test_request_key_is_canonical():
    assert request_key({"a": 1, "b": [1, 2]}) == request_key({"b": [1, 2], "a": 1})
    assert request_key({"a": 1}) != request_key({"a": 2})


class _Model:
    def __init__(self) -> None:
        self.calls = 0

    def __call__(self) -> dict:
        self.calls += 1
        return {"content": f"answer {self.calls}"}


def test_replay_miss_is_an_error_and_does_not_call(tmp_path):
    store, model = CassetteStore(tmp_path, "review", "replay"), _Model()
    with pytest.raises(CassetteMiss) as err:
        store.fetch({"q": 1}, model)
    assert model.calls == 0
    assert request_key({"q": 1}) in str(err.value) and "--cache-mode record" in str(err.value)


def test_auto_records_then_replays(tmp_path):
    model = _Model()
    auto = CassetteStore(tmp_path, "review", "auto")
    assert auto.fetch({"q": 1}, model) == ({"content": "answer 1"}, False)
    assert auto.fetch({"q": 1}, model) == ({"content": "answer 1"}, True)
    assert model.calls == 1 and auto.hits == 1 and auto.misses == 1
    saved = json.loads(auto.path_for(request_key({"q": 1})).read_text())
    assert saved["request"] == {"q": 1} and "recorded_at" in saved
    replay = CassetteStore(tmp_path, "review", "replay")
    assert replay.fetch({"q": 1}, model) == ({"content": "answer 1"}, True)
    assert model.calls == 1


def test_record_always_calls_and_overwrites(tmp_path):
    model = _Model()
    CassetteStore(tmp_path, "review", "auto").fetch({"q": 1}, model)
    record = CassetteStore(tmp_path, "review", "record")
    assert record.fetch({"q": 1}, model) == ({"content": "answer 2"}, False)
    assert CassetteStore(tmp_path, "review", "replay").fetch({"q": 1}, model)[0] == {"content": "answer 2"}


def test_off_neither_reads_nor_writes(tmp_path):
    model = _Model()
    off = CassetteStore(tmp_path, "review", "off")
    off.fetch({"q": 1}, model)
    off.fetch({"q": 1}, model)
    assert model.calls == 2
    assert not any(tmp_path.rglob("*.json"))
