"""The page's "Rewrite neutrally": one segment through the verified LLM chain, bounded.

The model, base URL and key stay in this process: the browser sees only the rewrite, whether
it passed verification, and the usage line. At most `max-concurrency` rewrites run at once
(the same setting as the CLI's LLM review); the rest wait their turn.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from reviewer.config import Config, LLMSettings
from reviewer.findings import Finding


class LLMUnavailable(Exception):
    """No LLM is configured for this server (HTTP 503)."""


@dataclass(frozen=True)
class RewriteOutcome:
    after: str | None
    verified: bool
    usage: str
    reason: str | None = None


class SegmentRewriter:
    def __init__(self, settings: LLMSettings, model: str | None = None, base_url: str | None = None,
                 config: Config | None = None) -> None:
        from reviewer.llm.editor import LLMRewriter
        from reviewer.serve.answers import MemoryAnswerCache

        # The team's Config (accepted names, extra blame words) decides whether a rewrite is accepted.
        config = (config or Config()).model_copy(update={"llm": settings})
        self.backend = LLMRewriter(config, model=model, base_url=base_url)
        self.backend.session.cache = MemoryAnswerCache()  # a request never writes a file
        self.settings = settings
        self.limit = max(1, settings.max_concurrency)
        self._semaphore: asyncio.Semaphore | None = None

    @property
    def model(self) -> str:
        return self.backend.session.target.model

    def applies_to(self, finding: Finding) -> bool:
        return self.backend.applies_to(finding)

    def usage(self) -> str:
        return self.backend.session.usage.summary(self.settings)

    async def rewrite(self, segment: str, finding: Finding) -> RewriteOutcome:
        self._semaphore = self._semaphore or asyncio.Semaphore(self.limit)
        async with self._semaphore:
            try:
                after = await self.backend.rewrite(segment, finding)
            except Exception as exc:  # a transport failure is reported, never raised to the page
                return RewriteOutcome(None, False, self.usage(), f"the LLM request failed ({exc.__class__.__name__})")
        if after is None:
            return RewriteOutcome(None, False, self.usage(),
                                  "no rewrite passed verification (facts kept, no residual blame); the finding stands")
        return RewriteOutcome(after, True, self.usage())
