"""Slow, dead and flooding servers: per-answer timeout, whole-run deadline, circuit breaker, answer-size cap.
The real openai client over HTTP against the local fake server."""

from __future__ import annotations

import time

from reviewer.config import Config
from tests.llm.conftest import DRAFT, llm_review, rules_of, session_for, smart
from tests.llm.fake_openai import FakeOpenAI, Reply

RULE_FINDINGS = {"BL001", "BL002", "BL005", "AC001"}


def stalled(request):
    return Reply(content="{}", delay=600)  # never answers within any test's patience


def _warm_up() -> None:
    """Load the client stack and the tokenizer first: their one-off start-up is not the server's time."""
    with FakeOpenAI(smart) as server:
        llm_review(session_for(server, use_cache=False), DRAFT, "warm.md", Config())


def test_a_server_that_never_answers_costs_about_twice_the_timeout(cache_dir):
    timeout = 2.0
    _warm_up()
    with FakeOpenAI(stalled) as server:
        session = session_for(server, timeout=timeout, max_retries=2)
        began = time.monotonic()
        report = llm_review(session, DRAFT, "pm.md", Config())
        elapsed = time.monotonic() - began
        sent = len(server.requests)
        began = time.monotonic()
        second = llm_review(session, DRAFT.replace("Checkout", "Search"), "pm2.md", Config())
        again = time.monotonic() - began
    assert elapsed < 2.6 * timeout, elapsed  # detect and actions together, then one rewrite wave
    assert RULE_FINDINGS <= set(rules_of(report)) and "RV003" in rules_of(report)
    assert report.notes and "incomplete" in report.notes[0]
    # The breaker is open: the next file sends nothing and says why, at once.
    assert len(server.requests) == sent and again < 1.0
    assert RULE_FINDINGS <= set(rules_of(second)) and "not sent" in second.notes[0]


def test_the_run_deadline_stops_sending(cache_dir):
    with FakeOpenAI(smart) as server:
        session = session_for(server, deadline=0.001)
        time.sleep(0.01)
        report = llm_review(session, DRAFT, "pm.md", Config())
    assert server.requests == []
    assert report.notes and "deadline" in report.notes[0]
    assert RULE_FINDINGS <= set(rules_of(report))


def test_connection_failures_open_the_breaker(cache_dir):
    import socket

    with socket.socket() as probe:  # a port with nothing listening
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    from reviewer.config import LLMSettings
    from reviewer.llm.review import LLMSession

    session = LLMSession(LLMSettings(timeout=2.0, max_retries=0, breaker_threshold=2), model="m",
                         base_url=f"http://127.0.0.1:{port}/v1")
    first = llm_review(session, DRAFT, "pm.md", Config())
    second = llm_review(session, DRAFT, "pm2.md", Config())
    assert "incomplete" in first.notes[0]
    assert session.state.breaker.open and "not sent" in second.notes[0]
    assert RULE_FINDINGS <= set(rules_of(second))


def _flood(size: int, unsized: bool):
    body = b'{"id": "x", "object": "chat.completion", "choices": [{"index": 0, "message": {"role": "assistant", ' \
           b'"content": "' + b"a" * size + b'"}}]}'

    def responder(request):
        if request.schema_name == "DetectAnswer":
            return Reply(raw_body=body, unsized=unsized)
        return smart(request)
    return responder


def test_an_oversized_answer_is_cut_off_declared_or_not(cache_dir):
    for unsized in (False, True):
        with FakeOpenAI(_flood(5_000_000, unsized)) as server:
            session = session_for(server, max_answer_bytes=65_536, max_retries=2)
            began = time.monotonic()
            report = llm_review(session, DRAFT, f"pm-{unsized}.md", Config())
            elapsed = time.monotonic() - began
        assert elapsed < 5, elapsed
        assert report.notes and "larger than 65536 bytes" in report.notes[0], report.notes
        detects = [r for r in server.requests if r.schema_name == "DetectAnswer"]
        assert len(detects) == 1  # no client retries and no re-ask of an answer that is too large
        assert RULE_FINDINGS <= set(rules_of(report))
