"""The LLM review of one run, as a `reviewer.stage.ReviewStage`: resolve the model once, review each document.

Everything a run shares lives here: the answer cache, the usage counts, what the server turned
out to support, the deadline and the circuit breaker (`RunState`). Front ends never call the
chain: they pass the session to `reviewer.review.review(..., stage=session)`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reviewer.config import Config, LLMSettings
from reviewer.document import Document
from reviewer.findings import Finding
from reviewer.llm.budget import RunState, Usage
from reviewer.llm.cache import AnswerCache, default_dir
from reviewer.llm.chain import ALL_STEPS, ChainResult, LLMChain
from reviewer.llm.client import Target, make_chat_model, resolve_target
from reviewer.stage import StageResult


class LLMSession:
    def __init__(self, settings: LLMSettings, *, model: str | None = None, base_url: str | None = None,
                 redact: bool = True, chat_model: Any = None, use_cache: bool = True,
                 cache: AnswerCache | None = None, target: Target | None = None, identity: str | None = None) -> None:
        self.settings = settings
        self.target = target or resolve_target(settings, model, base_url)
        self.identity = identity or self.target.identity
        # A fixed chat model (tests, fakes) or a fresh one per document: its HTTP client belongs to one event loop.
        self._chat_model = chat_model
        if cache is None and use_cache:
            cache = AnswerCache(Path(settings.cache_dir) if settings.cache_dir else default_dir())
        self.cache = cache
        self.redact = redact and settings.redact
        self.state = RunState(settings)
        self.incomplete: list[str] = []

    @property
    def usage(self) -> Usage:
        return self.state.usage

    def chat_model(self) -> Any:
        return self._chat_model if self._chat_model is not None else make_chat_model(self.target, self.settings)

    def chain(self, *, steps: Sequence[str] = ALL_STEPS, rewrite_reason: str | None = None) -> LLMChain:
        return LLMChain(model=self.chat_model(), identity=self.identity, state=self.state, cache=self.cache,
                        redact=self.redact, steps=steps, rewrite_reason=rewrite_reason)

    def run(self, document: Document, findings: Sequence[Finding], config: Config) -> StageResult:
        before = self.usage_counts()
        return self._stage_result(document, self.chain().review(document, findings, config), before)

    def rewriting(self, reason: str) -> RewriteStage:
        """A stage that only rewrites every segment of its document (the editor's quick fix)."""
        return RewriteStage(self, reason)

    def _stage_result(self, document: Document, result: ChainResult, before: dict[str, float]) -> StageResult:
        if result.notes:
            self.incomplete.extend(f"{document.path}: {n}" for n in result.notes)
        spent = {k: v - before.get(k, 0) for k, v in self.usage_counts().items()}
        return StageResult(result.findings, result.rewrites, result.action_labels, usage=spent,
                           notes=result.notes, incomplete=result.incomplete)

    def usage_counts(self) -> dict[str, float]:
        u = self.usage
        return {"requests": u.requests, "cache_hits": u.cache_hits, "input_tokens": u.tokens_in,
                "output_tokens": u.tokens_out, "reasks": u.reasks, "rejected": u.rejected_rewrites,
                "accepted": u.accepted_rewrites}


class RewriteStage:
    def __init__(self, session: LLMSession, reason: str) -> None:
        self.session = session
        self.reason = reason

    def run(self, document: Document, findings: Sequence[Finding], config: Config) -> StageResult:
        before = self.session.usage_counts()
        chain = self.session.chain(steps=("rewrite",), rewrite_reason=self.reason)
        return self.session._stage_result(document, chain.review(document, findings, config), before)


