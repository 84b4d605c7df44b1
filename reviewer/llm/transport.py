"""Asking the model, once for every step: render -> seal -> cache -> send -> parse -> check -> re-ask.

- One re-ask carries the check's complaint; a second failure raises AnswerRejected.
- Structured output is negotiated once per run: json_schema first, and a forced tool call
  (function calling) when the server rejects json_schema (llama.cpp's server does).
- Answers are cached as received, good or bad: the checks are deterministic, so a replay
  reproduces the same acceptances and rejections without a request.
- Every request is bounded: `timeout` per answer, the run's deadline, and the circuit breaker.
- `gather` is the one concurrency path: every step's batches run through it, under one semaphore.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from reviewer.config import LLMSettings
from reviewer.llm import prompts
from reviewer.llm.budget import RunState, describe
from reviewer.llm.cache import AnswerCache
from reviewer.llm.outbox import Outbox
from reviewer.llm.tokens import count_tokens

log = logging.getLogger(__name__)
T = TypeVar("T", bound=BaseModel)
B = TypeVar("B")
R = TypeVar("R")

_FORMAT_ERROR = ("response_format", "json_schema", "json_object")


class AnswerRejected(Exception):
    """The model answered, but not with something we can use."""


class NotSent(Exception):
    """The request was not sent: the breaker is open or the run's deadline has passed."""

    not_sent = True


def rejects_format(exc: BaseException) -> bool:
    """A 4xx/5xx that says the server cannot do json_schema structured output (llama.cpp's server)."""
    status = getattr(exc, "status_code", None)
    text = f"{exc} {getattr(exc, 'body', '')}"  # the server's reason is in the response body
    return status in (400, 415, 422, 500, 501) and any(word in text for word in _FORMAT_ERROR)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return (text.splitlines()[0] if text else exc.__class__.__name__)[:200]


def _structured(model: Any, schema: type[BaseModel], method: str) -> Any:
    """Structured output with the raw answer kept; `method` only where the model supports it."""
    try:
        return model.with_structured_output(schema, method=method, include_raw=True)
    except (TypeError, ValueError, NotImplementedError):
        return model.with_structured_output(schema, include_raw=True)


class Transport:
    def __init__(self, *, model: Any, identity: str, state: RunState, outbox: Outbox,
                 cache: AnswerCache | None = None) -> None:
        self.model = model
        self.identity = identity
        self.state = state
        self.outbox = outbox
        self.cache = cache
        self._semaphore: asyncio.Semaphore | None = None  # made inside the running loop

    @property
    def settings(self) -> LLMSettings:
        return self.state.settings

    @property
    def usage(self):
        return self.state.usage

    # -- the re-ask loop -----------------------------------------------------------------
    async def ask(self, *, schema: type[T], step: str, nonce: str, build: Callable[[str], str],
                  check: Callable[[T], list[str]]) -> T:
        """One checked answer. `build(complaint)` renders the user message ("" on the first attempt)."""
        system = self.outbox.render("system.j2", step=step, nonce=nonce, categories=prompts.categories())
        complaint = ""
        for attempt in range(2):
            try:
                answer = await self.call(schema, system, build(complaint))
            except AnswerRejected as exc:  # schema mismatch, empty answer: worth one re-ask
                problems = [str(exc)]
            else:
                problems = check(answer)
            if not problems:
                return answer
            complaint = "; ".join(problems)[:1000]
            if attempt == 0:
                self.usage.reasks += 1
        raise AnswerRejected(complaint)

    # -- one request ---------------------------------------------------------------------
    def _key(self, schema: type[BaseModel], system: str, user: str) -> str:
        return AnswerCache.key(self.identity, prompts.bundle_fingerprint(), schema.__name__,
                               [("system", system), ("user", user)])

    async def call(self, schema: type[T], system: str, user: str) -> T:
        messages = (("system", system), ("user", user))
        try:
            self.outbox.seal(messages)
        except Exception:
            self.usage.refused += 1
            raise
        key = self._key(schema, system, user)
        cached = self.cache.get(key) if self.cache is not None else None
        if cached is not None and "rejected" in cached:
            self.usage.cache_hits += 1
            raise AnswerRejected(str(cached["rejected"]))
        if cached is not None and "answer" in cached:
            try:
                answer = schema.model_validate(cached["answer"])
            except ValidationError:
                pass
            else:
                self.usage.cache_hits += 1
                return answer
        if self.state.recorder is not None:  # a Batch API round: record the request, the batch answers it
            from reviewer.llm.batch.requests import Deferred

            self.state.recorder.add(Deferred(key, schema, messages, self.state.method))
            raise NotSent("deferred to the batch (no answer yet)")
        out = await self._send(schema, messages, key)
        raw = out.get("raw")
        meta = getattr(raw, "usage_metadata", None) or {}
        self.usage.tokens_in += int(meta.get("input_tokens") or 0)
        self.usage.tokens_out += int(meta.get("output_tokens") or 0)
        if not meta:
            self.usage.tokens_in += count_tokens(system + user, self.identity.split("@")[0])
        parsed = out.get("parsed")
        if out.get("parsing_error"):
            self._reject(key, f"answer did not match the schema ({_first_line(Exception(str(out['parsing_error'])))})")
        if not isinstance(parsed, schema):
            self._reject(key, "empty or unparsable answer")
        assert isinstance(parsed, schema)
        if self.cache is not None:
            self.cache.put(key, {"answer": parsed.model_dump(mode="json")})
        return parsed

    def _limit(self) -> float:
        """Seconds this request may take: the per-answer timeout, cut to what is left of the run."""
        state = self.state
        if state.breaker.open:
            raise NotSent(f"not sent: the server failed {state.breaker.consecutive} times in a row "
                          f"({state.breaker.last})")
        left = state.deadline.remaining()
        if left is not None and left <= 0:
            raise NotSent(f"not sent: the run's LLM deadline ({state.deadline.seconds:g} s) has passed")
        return self.settings.timeout if left is None else min(self.settings.timeout, left)

    async def _send(self, schema: type[BaseModel], messages: Sequence[tuple[str, str]], key: str) -> dict:
        from langchain_core.messages import HumanMessage, SystemMessage

        chat = [SystemMessage(messages[0][1]), HumanMessage(messages[1][1])]
        if self._semaphore is None:
            self._semaphore = asyncio.Semaphore(max(1, self.settings.max_concurrency))
        async with self._semaphore:
            method = self.state.method
            try:
                out = await self._invoke(schema, method, chat)
            except Exception as exc:
                if method != "json_schema" or not rejects_format(exc):
                    if isinstance(exc, ValidationError | ValueError):
                        # The client parsed the answer itself and it did not fit the schema (extra
                        # fields, wrong types, invalid JSON): a bad answer, worth a re-ask.
                        self._reject(key, f"answer did not match the schema ({_first_line(exc)})")
                    raise
                # No json_schema response_format on this server: a forced tool call, which such
                # servers turn into a grammar. Learnt once for the whole run.
                log.info("server rejected json_schema output; using function calling")
                self.state.method = "function_calling"
                try:
                    out = await self._invoke(schema, "function_calling", chat)
                except (ValidationError, ValueError) as again:
                    self._reject(key, f"answer did not match the schema ({_first_line(again)})")
        if not isinstance(out, dict):
            self._reject(key, "no answer")
        return out

    async def _invoke(self, schema: type[BaseModel], method: str, chat: list) -> Any:
        limit = self._limit()
        self.usage.requests += 1
        try:
            out = await asyncio.wait_for(_structured(self.model, schema, method).ainvoke(chat), limit)
        except Exception as exc:
            self.state.breaker.record(exc)
            raise
        self.state.breaker.record(None)
        return out

    def _reject(self, key: str, reason: str):
        if self.cache is not None:
            self.cache.put(key, {"rejected": reason})
        raise AnswerRejected(reason)

    # -- the one concurrency path ---------------------------------------------------------
    async def gather(self, step: str, batches: Sequence[B], run: Callable[[B], Awaitable[R]],
                     describe_batch: Callable[[B], str] = lambda b: "") -> list[R]:
        """Run every batch concurrently; a failed batch is recorded and left out, never raised."""
        results = await asyncio.gather(*(run(b) for b in batches), return_exceptions=True)
        done: list[R] = []
        for batch, result in zip(batches, results, strict=True):
            self.usage.batches += 1
            if isinstance(result, BaseException):
                if getattr(result, "fatal", False) or not isinstance(result, Exception):
                    raise result  # e.g. a missing eval recording, or a cancellation: stop the run
                reason = describe(result)
                log.warning("LLM %s batch %s failed: %s", step, describe_batch(batch), reason)
                self.usage.failures.append(f"{step}: {reason}")
            else:
                done.append(result)
        return done
