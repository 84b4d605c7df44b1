"""The LLM review of one run: resolve the model once, review each file, keep the usage."""

from __future__ import annotations

from pathlib import Path

from reviewer.config import Config, LLMSettings
from reviewer.engine import merge, run_rules
from reviewer.findings import FileReport, ToolError
from reviewer.llm.cache import AnswerCache, default_dir
from reviewer.llm.chain import LLMChain, Negotiated, Usage
from reviewer.llm.client import make_chat_model, resolve_target
from reviewer.parser import parse_markdown


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
