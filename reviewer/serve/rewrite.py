"""The page's "Rewrite neutrally": one sentence through the LLM review stage, verified, bounded.

The sentence goes through the one reviewer entry point with the LLM package's rewrite-only
stage, under the server's Config: the same redaction, fact and blame checks and re-ask as
`check --llm`. Each request gets its own LLM session, so one run's deadline and circuit
breaker (sized for a CLI run) never stop a server that runs all day; the model target is
resolved once at start and answers are shared in memory. The model, base URL and key stay in
this process: the browser sees the rewrite, whether it passed, why not, and the usage line.
At most `max-concurrency` rewrites run at once (the CLI's setting); the rest wait their turn.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from reviewer.config import Config
from reviewer.findings import Finding
from reviewer.rules.registry import is_blame_rule


class LLMUnavailable(Exception):
    """No LLM is configured for this server (HTTP 503)."""


@dataclass(frozen=True)
class RewriteReply:
    after: str | None
    verified: bool
    usage: str
    reason: str | None = None


class SegmentRewriter:
    def __init__(self, config: Config, model: str | None = None, base_url: str | None = None) -> None:
        from reviewer.llm.client import make_chat_model, resolve_target
        from reviewer.serve.answers import MemoryAnswerCache

        self.config = config
        self.target = resolve_target(config.llm, model, base_url)  # raises LLMNotConfigured: a start-up error
        make_chat_model(self.target, config.llm)  # load the client libraries now, not in the first request
        self.answers = MemoryAnswerCache()  # a request never writes a file
        self.limit = max(1, config.llm.max_concurrency)
        self._semaphore: asyncio.Semaphore | None = None

    @property
    def model(self) -> str:
        return self.target.model

    def applies_to(self, finding: Finding) -> bool:
        return is_blame_rule(finding.rule)

    async def rewrite(self, segment: str, finding: Finding) -> RewriteReply:
        self._semaphore = self._semaphore or asyncio.Semaphore(self.limit)
        async with self._semaphore:
            # The stage runs its own event loop: in a worker thread, the server's loop never blocks.
            return await asyncio.to_thread(self._rewrite, segment, finding.message.split(":")[0])

    def _rewrite(self, segment: str, reason: str) -> RewriteReply:
        from reviewer.llm.review import LLMSession
        from reviewer.review import review

        session = LLMSession(self.config.llm, target=self.target, cache=self.answers)
        report = review(segment, "<rewrite>", config=self.config, stage=session.rewriting(reason))
        usage = session.usage.summary(self.config.llm)
        accepted = sorted((r for r in report.rewrites if r.accepted), key=lambda r: r.span.start, reverse=True)
        if accepted:
            text = segment
            for rewrite in accepted:  # back to front: earlier spans stay valid
                text = text[: rewrite.span.start] + rewrite.text + text[rewrite.span.end :]
            return RewriteReply(text, True, usage)
        reasons = [why for r in report.rewrites for why in r.reasons] or list(report.notes)
        detail = "; ".join(reasons)[:300] or "the model gave no usable answer"
        return RewriteReply(None, False, usage, f"{detail}; the finding stands")
