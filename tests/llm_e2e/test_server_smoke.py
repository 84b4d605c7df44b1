"""Smoke tests of the real-model wiring: llama-cpp-python's server + SmolLM2-135M-Instruct, driven by the
real openai SDK and langchain-openai clients.

SmolLM2-135M is tiny and often wrong: these tests assert on shapes and on what the server enforces, never on
the quality of an answer.
"""

from __future__ import annotations

import json
from typing import Literal

import openai
import pytest
from langchain_openai import ChatOpenAI
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .conftest import LlamaServer

pytestmark = pytest.mark.llm_e2e

SYSTEM = "You review incident postmortems. Answer only with JSON."
SENTENCE = "Bob deployed the config at 14:02 without checking the canary, which caused the outage."


class Verdict(BaseModel):
    """Whether a postmortem sentence blames a person."""

    model_config = ConfigDict(extra="forbid")

    blames_person: bool = Field(description="true if the sentence names a person as the cause")
    category: Literal["individual", "process", "none"]


def _client(server: LlamaServer) -> openai.OpenAI:
    return openai.OpenAI(base_url=server.base_url, api_key="local", timeout=60, max_retries=0)


def _chat_model(server: LlamaServer, **kwargs) -> ChatOpenAI:
    return ChatOpenAI(
        model=server.model,
        base_url=server.base_url,
        api_key="local",
        temperature=0,
        use_responses_api=False,
        timeout=60,
        max_retries=0,
        **kwargs,
    )


def _messages() -> list[tuple[str, str]]:
    return [("system", SYSTEM), ("user", f"Does this sentence blame a person?\n<segment id=s1>{SENTENCE}</segment>")]


def test_server_reports_the_model(llama_server: LlamaServer) -> None:
    models = _client(llama_server).models.list()
    assert [m.id for m in models.data] == [llama_server.model]
    assert llama_server.base_url.startswith("http://127.0.0.1:") and llama_server.base_url.endswith("/v1")


def test_openai_sdk_chat_completion(llama_server: LlamaServer) -> None:
    resp = _client(llama_server).chat.completions.create(
        model=llama_server.model,
        messages=[{"role": "user", "content": "Say hello in one short sentence."}],
        temperature=0,
        max_tokens=24,
    )
    choice = resp.choices[0]
    assert choice.message.role == "assistant"
    assert isinstance(choice.message.content, str) and choice.message.content.strip()
    assert choice.finish_reason in {"stop", "length"}
    assert resp.usage is not None and resp.usage.prompt_tokens > 0 and resp.usage.completion_tokens > 0


def test_json_schema_response_format_is_rejected(llama_server: LlamaServer) -> None:
    """The OpenAI `json_schema` response_format is not understood by llama-cpp-python's server: it only
    accepts {"type": "text" | "json_object"}. So `with_structured_output(method="json_schema")` (langchain's
    default) raises instead of returning `parsing_error`. If this starts passing through, revisit the
    structured-output method used against llama.cpp servers."""
    llm = _chat_model(llama_server, max_tokens=48).with_structured_output(
        Verdict, method="json_schema", include_raw=True
    )
    with pytest.raises(openai.UnprocessableEntityError):
        llm.invoke(_messages())


@pytest.mark.parametrize("method", ["function_calling", "json_mode"])
def test_langchain_structured_output_shape(llama_server: LlamaServer, method: str) -> None:
    llm = _chat_model(llama_server, max_tokens=64).with_structured_output(Verdict, method=method, include_raw=True)
    out = llm.invoke(_messages())
    assert set(out) == {"raw", "parsed", "parsing_error"}
    assert out["raw"].response_metadata.get("model_name") or out["raw"].content is not None
    # The tiny model is often wrong: either it produced a valid Verdict or the error is reported, not raised.
    assert isinstance(out["parsed"], Verdict) or out["parsing_error"] is not None
    assert (out["parsed"] is None) == (out["parsing_error"] is not None)


def test_function_calling_is_grammar_constrained(llama_server: LlamaServer) -> None:
    """A forced tool_choice makes llama-cpp-python compile the tool's parameter schema to a GBNF grammar, so
    the arguments are valid for the schema even from a 135M model (up to max_tokens truncation)."""
    llm = _chat_model(llama_server, max_tokens=64).with_structured_output(
        Verdict, method="function_calling", include_raw=True
    )
    out = llm.invoke(_messages())
    assert out["parsing_error"] is None, out["raw"]
    assert isinstance(out["parsed"], Verdict)


def test_json_object_with_schema_is_grammar_constrained(llama_server: LlamaServer) -> None:
    """llama-cpp-python's own extension {"type": "json_object", "schema": {...}} is enforced by grammar too,
    even when the prompt asks for prose."""
    resp = _client(llama_server).chat.completions.create(
        model=llama_server.model,
        messages=[{"role": "user", "content": "Write a short poem about outages."}],
        temperature=0,
        max_tokens=64,
        response_format={"type": "json_object", "schema": Verdict.model_json_schema()},  # type: ignore[typeddict-unknown-key]
    )
    content = resp.choices[0].message.content or ""
    try:
        Verdict.model_validate(json.loads(content))
    except (json.JSONDecodeError, ValidationError) as exc:  # pragma: no cover - the assertion message
        pytest.fail(f"json_object+schema output does not match the schema: {content!r} ({exc})")
