"""Which model to call, and the ChatOpenAI that calls it.

OpenAI, or any OpenAI-compatible server (Ollama, vLLM, llama.cpp, LM Studio) through a base
URL. Timeouts and retries are set explicitly: the SDK's defaults (600 s, unbounded
Retry-After) are not safe for a CLI or CI.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from reviewer.config import LLMSettings
from reviewer.errors import LLMNotConfigured

DEFAULT_OPENAI_MODEL = "gpt-4o-mini"
HOW_TO = ("set OPENAI_API_KEY (OpenAI), or --llm-base-url http://localhost:11434/v1 --llm-model NAME "
          "(a local OpenAI-compatible server), or [tool.pmreview.llm] in the config")


@dataclass(frozen=True)
class Target:
    model: str
    base_url: str | None
    api_key: str

    @property
    def identity(self) -> str:
        """What cached answers are keyed by: the same model on another server is another model."""
        return f"{self.model}@{self.base_url or 'openai'}"


def resolve_target(settings: LLMSettings, model: str | None = None, base_url: str | None = None,
                   env: dict[str, str] | None = None) -> Target:
    """CLI options win over config, config over the standard OPENAI_* environment variables."""
    env = dict(os.environ) if env is None else env
    base = base_url or settings.base_url or env.get("OPENAI_BASE_URL") or None
    key = env.get("OPENAI_API_KEY", "")
    name = model or settings.model or env.get("PMREVIEW_LLM_MODEL")
    if base is None and not key:
        raise LLMNotConfigured(f"--llm needs a model: {HOW_TO}")
    if base is not None and not name:
        raise LLMNotConfigured(f"--llm with base URL {base} needs a model name: pass --llm-model or set "
                               "[tool.pmreview.llm] model")
    # Local servers ignore the key but the client insists on one.
    return Target(model=name or DEFAULT_OPENAI_MODEL, base_url=base, api_key=key or "not-needed")


def make_chat_model(target: Target, settings: LLMSettings) -> Any:
    """A ChatOpenAI with explicit timeout, retry cap and answer-size cap (imported here: rules-only
    runs never load it). Make one per event loop: its HTTP client belongs to the loop that uses it."""
    from langchain_openai import ChatOpenAI
    from pydantic import SecretStr

    from reviewer.llm.capped import capped_async_client

    return ChatOpenAI(
        model=target.model,
        base_url=target.base_url,
        api_key=SecretStr(target.api_key),
        temperature=0,
        timeout=settings.timeout,
        max_retries=settings.max_retries,
        use_responses_api=False,  # some model names would otherwise route to /v1/responses
        max_completion_tokens=settings.max_output_tokens,
        # ChatOpenAI sends max_completion_tokens, which llama.cpp and other local servers ignore:
        # without max_tokens a tiny model can generate until its context is full.
        extra_body={"max_tokens": settings.max_output_tokens} if target.base_url else None,
        http_async_client=capped_async_client(settings.max_answer_bytes, settings.timeout),
    )
