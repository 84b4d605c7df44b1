"""The language server's "Rewrite neutrally (LLM)" backend (the Rewriter protocol of reviewer/lsp/rewrite.py).

The paragraph goes through the one reviewer entry point with a rewrite-only LLM stage, under
the team's Config: the same redaction, checks, cache and run state as the CLI.
"""

from __future__ import annotations

import asyncio
from typing import Any

from reviewer.config import Config
from reviewer.findings import Finding
from reviewer.llm.prompts import bundle_fingerprint
from reviewer.llm.review import LLMSession
from reviewer.rules.registry import is_blame_rule


class LLMRewriter:
    def __init__(self, config: Config, *, model: str | None = None, base_url: str | None = None,
                 chat_model: Any = None) -> None:
        self.config = config
        self.session = LLMSession(config.llm, model=model, base_url=base_url, chat_model=chat_model)

    @property
    def model_id(self) -> str:
        return f"{self.session.identity}#{bundle_fingerprint()}"

    def applies_to(self, finding: Finding) -> bool:
        return is_blame_rule(finding.rule)

    async def rewrite(self, paragraph: str, finding: Finding) -> str | None:
        # The review runs its own event loop in a worker thread; cancelling this await abandons
        # it (it ends within the LLM timeout), and the editor's loop never blocks.
        return await asyncio.to_thread(self._rewrite, paragraph, finding.message.split(":")[0])

    def _rewrite(self, paragraph: str, reason: str) -> str | None:
        from reviewer.review import review

        report = review(paragraph, path="<rewrite>", config=self.config, stage=self.session.rewriting(reason))
        accepted = sorted((r for r in report.rewrites if r.accepted), key=lambda r: r.span.start, reverse=True)
        if not accepted:
            return None
        text = paragraph
        for rewrite in accepted:  # back to front: earlier spans stay valid
            text = text[:rewrite.span.start] + rewrite.text + text[rewrite.span.end:]
        return text
