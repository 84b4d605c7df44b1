"""The language server's "Rewrite neutrally (LLM)" backend (the Rewriter protocol of
reviewer/lsp/rewrite.py), built on the same chain, checks and cache as the CLI."""

from __future__ import annotations

from reviewer.config import Config, LLMSettings
from reviewer.findings import Finding
from reviewer.llm.chain import LLMChain
from reviewer.llm.prompts import bundle_fingerprint
from reviewer.llm.review import LLMSession

REWRITABLE_GROUPS = ("BL", "HR")


class LLMRewriter:
    def __init__(self, settings: LLMSettings, model: str | None = None, base_url: str | None = None,
                 chat_model=None) -> None:
        self.session = LLMSession(settings, model, base_url, chat_model=chat_model)

    @property
    def model_id(self) -> str:
        return f"{self.session.target.identity}#{bundle_fingerprint()}"

    def applies_to(self, finding: Finding) -> bool:
        return finding.rule[:2] in REWRITABLE_GROUPS

    async def rewrite(self, paragraph: str, finding: Finding) -> str | None:
        chain = LLMChain(self.session.chat_model, self.session.settings, self.session.target.identity, Config(),
                         self.session.cache, self.session.redact, self.session.usage, self.session.negotiated)
        return await chain.arewrite_one(paragraph, finding.message.split(":")[0])
