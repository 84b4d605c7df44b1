"""The LLM review of one run: resolve the model once, review each file, keep the usage."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reviewer.config import Config, LLMSettings
from reviewer.document import Document
from reviewer.engine import merge, run_rules
from reviewer.findings import ActionLabel, FileReport, Finding, Rewrite, ToolError
from reviewer.llm.cache import AnswerCache, default_dir
from reviewer.llm.chain import LLMChain, Negotiated, Usage
from reviewer.llm.client import make_chat_model, resolve_target
from reviewer.parser import parse_markdown
from reviewer.stage import StageResult


class LLMSession:
    def __init__(self, settings: LLMSettings, model: str | None = None, base_url: str | None = None,
                 redact: bool = True, chat_model=None, use_cache: bool = True) -> None:
        self.settings = settings
        self.target = resolve_target(settings, model, base_url)
        self.chat_model = chat_model if chat_model is not None else make_chat_model(self.target, settings)
        root = Path(settings.cache_dir) if settings.cache_dir else default_dir()
        self.cache = AnswerCache(root) if use_cache else None
        self.redact = redact and settings.redact
        self.usage = Usage()
        self.negotiated = Negotiated(settings.structured_method)
        self.incomplete: list[str] = []

    def review(self, text: str, path: str, config: Config) -> FileReport:
        if not text.strip():
            return FileReport(path=path, errors=(ToolError("file is empty", "empty"),))
        document = parse_markdown(text, path)
        findings, tool = run_rules(document, config)
        chain = LLMChain(self.chat_model, self.settings, self.target.identity, config, self.cache, self.redact,
                         self.usage, self.negotiated)
        result = chain.review(document, [*findings, *tool])
        if result.notes:
            self.incomplete.extend(f"{path}: {n}" for n in result.notes)
        return FileReport(path=path, findings=tuple(merge(document, result.findings, config)),
                          notes=tuple(result.notes))

    def run(self, document: Document, findings: Sequence[Finding], config: Config) -> StageResult:
        """The session as a `reviewer.stage.ReviewStage` (what `reviewer.review.review` calls)."""
        chain = LLMChain(self.chat_model, self.settings, self.target.identity, config, self.cache, self.redact,
                         self.usage, self.negotiated)
        result = chain.review(document, list(findings))
        if result.notes:
            self.incomplete.extend(f"{document.path}: {n}" for n in result.notes)

        def index(span) -> int:
            segment = document.segment_at(span)
            return segment.index if segment is not None else -1

        rewrites = tuple(Rewrite(index(span), span, text, True) for span, text in result.rewrites.items())
        labels = tuple(ActionLabel(index(span), span, label) for span, label in result.action_labels.items())
        return StageResult(tuple(result.findings), rewrites, labels, notes=tuple(result.notes),
                           incomplete=bool(result.notes))
