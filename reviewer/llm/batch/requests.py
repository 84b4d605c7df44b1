"""The requests a round deferred, as Batch API lines, and their answers back as cache entries."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

ENDPOINT = "/v1/chat/completions"


@dataclass(frozen=True)
class Deferred:
    """One request the chain would have sent: cache key, answer schema, messages, output method."""

    key: str
    schema: type[BaseModel]
    messages: tuple[tuple[str, str], ...]
    method: str


class Recorder:
    """Set on the run state during a batch round: cache misses are recorded here, not sent."""

    def __init__(self) -> None:
        self._pending: dict[str, Deferred] = {}

    def add(self, request: Deferred) -> None:
        self._pending.setdefault(request.key, request)

    def take(self) -> list[Deferred]:
        pending, self._pending = list(self._pending.values()), {}
        return pending


def _binding(model: Any, schema: type[BaseModel], method: str) -> Any:
    """The chat model bound the way `with_structured_output` binds it for this method."""
    structured = model.with_structured_output(schema, method=method, include_raw=True)
    return structured.steps[0].steps__["raw"]


def body_for(model: Any, request: Deferred) -> dict:
    """The chat-completions body the synchronous client would POST for this request."""
    from langchain_core.messages import HumanMessage, SystemMessage
    from openai.lib._parsing._completions import type_to_response_format_param

    binding = _binding(model, request.schema, request.method)
    (_, system), (_, user) = request.messages
    payload = binding.bound._get_request_payload([SystemMessage(system), HumanMessage(user)], **binding.kwargs)
    body = {k: v for k, v in payload.items() if not k.startswith("ls_") and k != "stream"}
    body.update(body.pop("extra_body", None) or {})  # the client merges extra_body into the POST
    if isinstance(body.get("response_format"), type):
        body["response_format"] = type_to_response_format_param(body["response_format"])
    return body


def line_for(model: Any, request: Deferred) -> dict:
    return {"custom_id": request.key, "method": "POST", "url": ENDPOINT, "body": body_for(model, request)}


def cache_entry(request: Deferred, record: dict) -> tuple[dict | None, str | None, dict]:
    """(cache entry or None, why not, token usage) for one output/error-file line."""
    response = record.get("response") or {}
    error = record.get("error")
    usage = ((response.get("body") or {}).get("usage")) or {}
    if error or response.get("status_code") != 200:
        detail = error or (response.get("body") or {}).get("error") or {}
        code = detail.get("code") if isinstance(detail, dict) else None
        message = detail.get("message") if isinstance(detail, dict) else str(detail)
        return None, f"{code or 'HTTP ' + str(response.get('status_code'))}: {message or 'failed'}"[:200], usage
    try:
        message = response["body"]["choices"][0]["message"]
        if request.method == "function_calling":
            text = message["tool_calls"][0]["function"]["arguments"]
        else:
            text = message["content"]
        answer = request.schema.model_validate_json(text if isinstance(text, str) else json.dumps(text))
    except (KeyError, IndexError, TypeError, ValueError, ValidationError) as exc:
        # A bad answer is an answer: cached as rejected, exactly as the direct path does.
        return {"rejected": f"answer did not match the schema ({exc.__class__.__name__})"}, None, usage
    return {"answer": answer.model_dump(mode="json")}, None, usage
