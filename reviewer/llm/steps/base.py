"""What every step works with: the document, the rule findings, the team's Config, the outbox and the transport."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from reviewer.config import Config
from reviewer.document import Document, Segment
from reviewer.findings import Finding
from reviewer.llm.outbox import Outbox
from reviewer.llm.tokens import count_tokens
from reviewer.llm.transport import Transport
from reviewer.rules.registry import BLAME_GROUPS, GROUPS, is_blame_rule


def nonce(*parts: str) -> str:
    """A delimiter tag derived from the content: stable for the cache, not guessable in advance."""
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:10]


@dataclass
class StepContext:
    document: Document
    findings: list[Finding]
    config: Config
    outbox: Outbox
    transport: Transport
    _shown: dict[int, str] = field(default_factory=dict)

    @property
    def title(self) -> str:
        title = next((s.title for s in self.document.sections if s.heading is not None), self.document.path)
        return self.outbox.show(title)

    def shown(self, segment: Segment) -> str:
        """The segment as the model sees it (redacted, whitespace collapsed); what rewrites are checked against."""
        if segment.index not in self._shown:
            self._shown[segment.index] = self.outbox.show(segment.text)
        return self._shown[segment.index]

    @property
    def may_dismiss(self) -> bool:
        """The team opted in (config or command line) to let "not blame" verdicts lower the exit code."""
        return self.config.llm.may_dismiss or self.transport.settings.may_dismiss

    @property
    def document_text(self) -> str:
        return self.document.source

    def blame_hits(self, text: str) -> list[str]:
        """Blame findings on `text` under the team's Config (its accepted names, extra words,
        selection and severities): the check every rewrite and proposal must pass."""
        from reviewer.review import review

        others = [g for g in GROUPS if g not in BLAME_GROUPS]
        config = self.config.model_copy(update={"ignore": [*self.config.ignore, *others], "per_path": []})
        report = review(text, "<rewrite>", config=config)
        return [f"{f.rule} '{f.excerpt}'" for f in report.findings]

    def segment_of(self, finding: Finding) -> Segment | None:
        return self.document.segment_at(finding.span)

    def blame_findings(self, segment: Segment) -> list[Finding]:
        return [f for f in self.findings if is_blame_rule(f.rule) and segment.span.contains(f.span)]

    def batches(self, segments: list[Segment]) -> list[list[Segment]]:
        """Consecutive segments packed up to the token budget (a segment is never split)."""
        model = self.transport.identity.split("@")[0]
        batches: list[list[Segment]] = []
        current: list[Segment] = []
        used = 0
        for segment in segments:
            cost = count_tokens(self.shown(segment), model) + 12
            if current and used + cost > self.transport.settings.token_budget:
                batches.append(current)
                current, used = [], 0
            current.append(segment)
            used += cost
        if current:
            batches.append(current)
        return batches


def describe_batch(batch: list[Segment]) -> str:
    return f"({batch[0].id}..{batch[-1].id})" if batch else "()"
