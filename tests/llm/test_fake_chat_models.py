"""Chain logic with langchain's fake chat models (no HTTP at all)."""

from __future__ import annotations

import json

from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage

from reviewer.config import Config, LLMSettings
from reviewer.engine import run_rules
from reviewer.llm.budget import RunState
from reviewer.llm.chain import LLMChain
from reviewer.parser import parse_markdown


class ToolFake(GenericFakeChatModel):
    """A fake that answers with tool calls, which is how structured output reaches non-OpenAI models."""

    def bind_tools(self, tools, *, tool_choice=None, **kwargs):
        return self


def call(name: str, args: dict) -> AIMessage:
    return AIMessage(content="", tool_calls=[{"name": name, "args": args, "id": "1"}])


TEXT = "# Summary\n\nRoot cause: human error.\n"


def _chain(messages) -> LLMChain:
    model = ToolFake(messages=iter(messages))
    return LLMChain(model=model, identity="fake@test", state=RunState(LLMSettings(max_concurrency=1)))


def test_detect_and_rewrite_with_a_fake_model():
    document = parse_markdown(TEXT, "x.md")
    findings, _ = run_rules(document, Config(select=["BL"]))
    sid = next(s.id for s in document.segments if "human error" in s.text)
    chain = _chain([
        call("DetectAnswer", {"verdicts": [{"id": sid, "verdict": "blame", "category": "human-error",
                                            "quote": "human error", "reason": "a person as the cause"}]}),
        call("RewriteAnswer", {"rewrites": [{"id": sid, "rewrite": "Root cause: a manual step with no validation."}]}),
    ])
    result = chain.review(document, findings, Config())
    (finding,) = [f for f in result.findings if f.rule == "BL002"]
    assert finding.suggestion == "Root cause: a manual step with no validation."
    assert chain.state.usage.requests == 2 and not result.notes


def test_a_wrong_answer_twice_leaves_the_rule_finding_and_an_rv_note():
    document = parse_markdown(TEXT, "x.md")
    findings, _ = run_rules(document, Config(select=["BL"]))
    sid = next(s.id for s in document.segments if "human error" in s.text)
    bad = call("RewriteAnswer", {"rewrites": [{"id": sid, "rewrite": "Root cause: Bob's careless mistake at 09:00."}]})
    chain = _chain([
        call("DetectAnswer", {"verdicts": [{"id": sid, "verdict": "blame", "category": "human-error",
                                            "quote": "human error", "reason": "x"}]}),
        bad, bad,
    ])
    result = chain.review(document, findings, Config())
    assert [f.rule for f in result.findings if f.rule == "RV002"] == ["RV002"]
    assert json.dumps([f.suggestion for f in result.findings if f.rule == "BL002"]).find("09:00") == -1
