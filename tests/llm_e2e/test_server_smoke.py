"""Smoke tests of the real-model wiring: llama-cpp-python's server + SmolLM2-135M-Instruct, driven by the
real openai SDK and langchain-openai clients.

SmolLM2-135M is tiny and often wrong: these tests assert on shapes and on what the server enforces, never on
the quality of an answer. Facts about this server (llama-cpp-python 0.3.36) that they pin:

- ChatOpenAI always sends ``max_completion_tokens``; the server ignores that field and generates until EOS or
  n_ctx, and it does not stop generating when the client times out (later requests queue behind it). Send
  ``max_tokens`` through ``extra_body`` instead.
- ``response_format: {"type": "json_schema"}`` (langchain's default structured-output method) is rejected
  with HTTP 500 (a pydantic validation error: "Input should be 'text' or 'json_object'").
- ``method="function_calling"`` works: the forced tool_choice is compiled to a GBNF grammar from the schema.
- ``method="json_mode"`` only constrains to *some* JSON, not to the schema.
- The server's own extension ``{"type": "json_object", "schema": {...}}`` is grammar-enforced.
"""

from __future__ import annotations

import json
from typing import Any, Literal

import openai
import pytest
from langchain_openai import ChatOpenAI
from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError

from .conftest import LlamaServer

pytestmark = pytest.mark.llm_e2e

MAX_TOKENS = 64
SYSTEM = "You review incident postmortems. Answer only with JSON."
SENTENCE = "Bob deployed the config at 14:02 without checking the canary, which caused the outage."


class Verdict(BaseModel):
    """Whether a postmortem sentence blames a person."""

    model_config = ConfigDict(extra="forbid")

    blames_person: bool = Field(description="true if the sentence names a person as the cause")
    category: Literal["individual", "process", "none"]


def _client(server: LlamaServer) -> openai.OpenAI:
    return openai.OpenAI(base_url=server.base_url, api_key="local", timeout=60, max_retries=0)


def _chat_model(server: LlamaServer, **kwargs: Any) -> ChatOpenAI:
    kwargs.setdefault("extra_body", {"max_tokens": MAX_TOKENS})  # see the module docstring
    return ChatOpenAI(
        model=server.model,
        base_url=server.base_url,
        api_key=SecretStr("local"),
        temperature=0,
        use_responses_api=False,
        timeout=60,
        max_retries=0,
        **kwargs,
    )


def _messages() -> list[tuple[str, str]]:
    return [
        ("system", SYSTEM),
        ("user", f"Does this sentence blame a person?\n<segment id=s1>{SENTENCE}</segment>"),
    ]


def _assert_structured_shape(out: Any) -> None:
    assert isinstance(out, dict) and set(out) == {"raw", "parsed", "parsing_error"}
    # The tiny model is often wrong: either a valid Verdict, or the error is reported (not raised).
    assert isinstance(out["parsed"], Verdict) or out["parsing_error"] is not None
    assert (out["parsed"] is None) == (out["parsing_error"] is not None)


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
    assert resp.usage is not None and resp.usage.prompt_tokens > 0 and 0 < resp.usage.completion_tokens <= 24


def test_chatopenai_max_tokens_needs_extra_body(llama_server: LlamaServer) -> None:
    prompt = [("user", "Say hello in one short sentence.")]
    ignored = _chat_model(llama_server, max_tokens=1, extra_body=None).invoke(prompt)
    honoured = _chat_model(llama_server, extra_body={"max_tokens": 1}).invoke(prompt)
    assert ignored.usage_metadata and ignored.usage_metadata["output_tokens"] > 1  # max_completion_tokens ignored
    assert honoured.usage_metadata and honoured.usage_metadata["output_tokens"] == 1


def test_langchain_structured_output_function_calling(llama_server: LlamaServer) -> None:
    llm = _chat_model(llama_server).with_structured_output(Verdict, method="function_calling", include_raw=True)
    out = llm.invoke(_messages())
    _assert_structured_shape(out)
    # The forced tool call is grammar-constrained to the schema, so even a 135M model produces a valid Verdict.
    assert out["parsing_error"] is None, out["raw"]
    assert isinstance(out["parsed"], Verdict)
    assert out["raw"].usage_metadata and out["raw"].usage_metadata["input_tokens"] > 0


def test_langchain_json_schema_method_is_rejected_by_the_server(llama_server: LlamaServer) -> None:
    """If this starts passing, llama-cpp-python learned `json_schema`: revisit the method choice."""
    llm = _chat_model(llama_server).with_structured_output(Verdict, method="json_schema", include_raw=True)
    with pytest.raises(openai.InternalServerError) as info:  # langchain re-raises it as OpenAIAPIError (a subclass)
        llm.invoke(_messages())
    assert info.value.status_code == 500
    assert "json_object" in str(info.value)


def test_langchain_json_mode_is_not_schema_constrained(llama_server: LlamaServer) -> None:
    """json_mode sends {"type": "json_object"} without the schema: the grammar only forces *some* JSON. The
    tiny model then often runs into max_tokens inside a string, which the openai SDK raises as
    LengthFinishReasonError (include_raw does not catch it); otherwise the usual raw/parsed/parsing_error."""
    llm = _chat_model(llama_server).with_structured_output(Verdict, method="json_mode", include_raw=True)
    try:
        out = llm.invoke(_messages())
    except openai.LengthFinishReasonError:
        return
    _assert_structured_shape(out)


def test_json_object_with_schema_is_grammar_constrained(llama_server: LlamaServer) -> None:
    """llama-cpp-python's own extension {"type": "json_object", "schema": {...}} is enforced by grammar,
    even when the prompt asks for prose."""
    resp = _client(llama_server).chat.completions.create(
        model=llama_server.model,
        messages=[{"role": "user", "content": "Write a short poem about outages."}],
        temperature=0,
        max_tokens=MAX_TOKENS,
        # Not an OpenAI response_format shape, so it goes through extra_body (merged into the JSON body).
        extra_body={"response_format": {"type": "json_object", "schema": Verdict.model_json_schema()}},
    )
    content = resp.choices[0].message.content or ""
    try:
        Verdict.model_validate(json.loads(content))
    except (json.JSONDecodeError, ValidationError) as exc:
        pytest.fail(f"json_object+schema output does not match the schema: {content!r} ({exc})")


def test_server_stays_small(llama_server: LlamaServer) -> None:
    rss = llama_server.peak_rss_mib()
    print(f"llama_server: load {llama_server.load_seconds:.2f} s, peak RSS {rss} MiB")
    assert llama_server.load_seconds < 120
    if rss is not None:
        assert rss < 2048
