from __future__ import annotations

import json
import re

import pytest

from tests.llm.fake_openai import FakeOpenAI, Reply, Request

DRAFT = """# Checkout outage (INC-2087)

## Summary

At 14:02 UTC Bob pushed the bad config to payments-api v2.3.1. The deploy failed to start on 3 of 40 hosts.
Root cause: human error.
Sam was careless with the rollout and nobody noticed for 40 minutes.

## Action items

- Remind engineers to check the canary before promoting (@dana)
- Add a pre-merge check that validates rollout.yaml (@li)
"""

BLAME = {"Bob pushed": "person-as-cause", "human error": "human-error", "careless": "moral"}
REWRITES = {
    "14:02 UTC": "At 14:02 UTC the bad config reached payments-api v2.3.1 through a push with no validation step.",
    "human error": "Root cause: a manual step with no validation.",
    "careless": "The rollout had no automated check, and nobody noticed for 40 minutes.",
}


def detect_answer(request: Request, quote_override: str | None = None) -> str:
    verdicts = []
    for sid, text in request.segments().items():
        hit = next((q for q in BLAME if q in text), None)
        if hit:
            verdicts.append({"id": sid, "verdict": "blame", "category": BLAME[hit],
                             "quote": quote_override or hit, "reason": "names a person as the cause"})
        else:
            verdicts.append({"id": sid, "verdict": "neutral", "category": None, "quote": None, "reason": "neutral"})
    return json.dumps({"verdicts": verdicts})


def rewrite_answer(request: Request, transform=lambda text: text) -> str:
    rewrites = []
    for sid, text in request.segments().items():
        key = next((k for k in REWRITES if k in text), None)
        rewrites.append({"id": sid, "rewrite": transform(REWRITES[key] if key else text)})
    return json.dumps({"rewrites": rewrites})


def actions_answer(request: Request) -> str:
    items = []
    for sid, text in request.items().items():
        weak = text.startswith("Remind")
        items.append({"id": sid, "label": "reminder" if weak else "guardrail", "owner_ok": True, "owner_note": None,
                      "guardrail": "Roll out through a canary that rolls back automatically at a 1% error rate."
                      if weak else None})
    return json.dumps({"items": items})


def smart(request: Request) -> Reply:
    name = request.schema_name
    if name == "DetectAnswer":
        return Reply(content=detect_answer(request))
    if name == "RewriteAnswer":
        return Reply(content=rewrite_answer(request))
    if name == "ActionAnswer":
        return Reply(content=actions_answer(request))
    return Reply(status=400)


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    path = tmp_path / "cache"
    monkeypatch.setenv("PMREVIEW_CACHE_DIR", str(path))
    return path


@pytest.fixture
def fake():
    """Start a fake server with a responder the test sets: `with fake(responder) as server`."""
    return FakeOpenAI


def session_for(server: FakeOpenAI, use_cache: bool = True, **settings):
    from reviewer.config import LLMSettings
    from reviewer.llm.review import LLMSession

    values = {"timeout": 5.0, "max_retries": 1, "max_concurrency": 2, **settings}
    return LLMSession(LLMSettings(**values), model="fake-model", base_url=server.base_url, use_cache=use_cache)


def llm_review(session, text: str, path: str = "pm.md", config=None):
    """The one reviewer entry point with the LLM session as its stage, as every front end calls it."""
    from reviewer.config import Config
    from reviewer.review import review

    return review(text, path=path, config=config or Config(), stage=session)


def rules_of(report) -> list[str]:
    return [f.rule for f in report.findings if not f.dismissed]


ID = re.compile(r"s\d+")
