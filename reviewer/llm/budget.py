"""What one run may spend, and what it spent: usage counts, a whole-run deadline, a circuit breaker.

One `RunState` is shared by every document of a run (CLI files, PR files, editor rewrites), so a
dead server costs about one timeout, not one per file: after `breaker_threshold` consecutive
timeouts or connection failures nothing more is sent and the review says it is incomplete.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from typing import Any

from reviewer.config import LLMSettings


@dataclass
class Usage:
    requests: int = 0
    cache_hits: int = 0
    tokens_in: int = 0
    tokens_out: int = 0
    batches: int = 0
    reasks: int = 0
    rejected_rewrites: int = 0
    accepted_rewrites: int = 0
    rejected_proposals: int = 0
    refused: int = 0  # requests never sent because a secret was still in them
    failures: list[str] = field(default_factory=list)

    def cost(self, settings: LLMSettings) -> float | None:
        if settings.price_per_1k_input is None or settings.price_per_1k_output is None:
            return None
        return self.tokens_in / 1000 * settings.price_per_1k_input + self.tokens_out / 1000 * settings.price_per_1k_output

    def summary(self, settings: LLMSettings) -> str:
        cost = self.cost(settings)
        text = (f"LLM: {self.requests} requests for {self.batches} batches, {self.cache_hits} cache hits, "
                f"{self.tokens_in} tokens in / {self.tokens_out} out, {self.accepted_rewrites} rewrites accepted, "
                f"{self.rejected_rewrites} rejected, {self.reasks} re-asks, {len(self.failures)} failed")
        if self.rejected_proposals:
            text += f", {self.rejected_proposals} guardrail proposals rejected"
        if self.refused:
            text += f", {self.refused} refused (a secret was still in the request)"
        return text + (f", est. cost ${cost:.4f}" if cost is not None else "")


class Deadline:
    """Wall-clock budget of the whole run; `None` seconds means no limit."""

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds
        self.started = time.monotonic()

    def remaining(self) -> float | None:
        if self.seconds is None:
            return None
        return self.seconds - (time.monotonic() - self.started)

    @property
    def expired(self) -> bool:
        left = self.remaining()
        return left is not None and left <= 0


class Breaker:
    """Opens after `threshold` consecutive timeouts or connection failures; a success closes it."""

    def __init__(self, threshold: int) -> None:
        self.threshold = max(1, threshold)
        self.consecutive = 0
        self.last = ""

    @property
    def open(self) -> bool:
        return self.consecutive >= self.threshold

    def record(self, exc: BaseException | None) -> None:
        if exc is None:
            self.consecutive = 0
        elif is_unreachable(exc):
            self.consecutive += 1
            self.last = describe(exc)


@dataclass
class RunState:
    """Shared by every request of a run: what was learnt about the server and what is left to spend."""

    settings: LLMSettings
    usage: Usage = field(default_factory=Usage)
    method: str = ""  # structured-output method the server accepts ("" until set from settings)
    # Set during a Batch API round (reviewer.llm.batch): cache misses are recorded there, not sent.
    recorder: Any = None
    breaker: Breaker = field(init=False)
    deadline: Deadline = field(init=False)

    def __post_init__(self) -> None:
        self.method = self.method or self.settings.structured_method
        self.breaker = Breaker(self.settings.breaker_threshold)
        self.deadline = Deadline(self.settings.deadline)


def _causes(exc: BaseException):
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def is_unreachable(exc: BaseException) -> bool:
    """A timeout or a connection failure (anywhere in the cause chain), not a bad answer."""
    for cause in _causes(exc):
        name = cause.__class__.__name__
        if isinstance(cause, asyncio.TimeoutError | TimeoutError | ConnectionError):
            return True
        if name in ("APITimeoutError", "APIConnectionError", "ConnectError", "ReadTimeout", "ConnectTimeout",
                    "RemoteProtocolError", "ReadError", "WriteTimeout", "PoolTimeout"):
            return not any(c.__class__.__name__ == "AnswerTooLarge" for c in _causes(exc))
    return False


def describe(exc: BaseException) -> str:
    """One line, no traceback: what went wrong with a request."""
    if getattr(exc, "not_sent", False):
        return str(exc)
    for cause in _causes(exc):
        if cause.__class__.__name__ == "AnswerTooLarge":
            return str(cause)
    if isinstance(exc, asyncio.TimeoutError | TimeoutError):
        return "timed out"
    name = exc.__class__.__name__
    status = getattr(exc, "status_code", None)
    text = str(exc).splitlines()[0][:200] if str(exc) else ""
    if status:
        return f"HTTP {status} ({name})"
    if "Timeout" in name:
        return "timed out"
    return f"{name}: {text}" if text else name
