"""The prompt chain over one document: detect in context -> rewrite flagged sentences; action items alongside.

Every answer is checked before it touches a finding (schema, ids, grounded quotes, fact lock,
nothing new, blame rules under the team's Config); a failed check gets one re-ask with the
complaint, then the rule result stands and an RV finding says why. One failing batch never
costs the others, and a failed request never costs the rule findings.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reviewer.config import Config
from reviewer.document import Document, Span
from reviewer.findings import ActionLabel, Finding, Rewrite
from reviewer.llm import emit
from reviewer.llm.budget import RunState
from reviewer.llm.cache import AnswerCache
from reviewer.llm.outbox import Outbox
from reviewer.llm.steps import actions, detect, rewrite
from reviewer.llm.steps.base import StepContext
from reviewer.llm.transport import Transport

ALL_STEPS = ("detect", "rewrite", "actions")


@dataclass(frozen=True)
class ChainResult:
    findings: tuple[Finding, ...]
    rewrites: tuple[Rewrite, ...] = ()
    action_labels: tuple[ActionLabel, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def incomplete(self) -> bool:
        return bool(self.notes)


class LLMChain:
    def __init__(self, *, model: Any, identity: str, state: RunState, cache: AnswerCache | None = None,
                 redact: bool = True, steps: Sequence[str] = ALL_STEPS, rewrite_reason: str | None = None) -> None:
        self.model = model
        self.identity = identity
        self.state = state
        self.cache = cache
        self.redact = redact
        self.steps = tuple(steps)
        # Rewrite-only runs (the editor's "Rewrite neutrally"): every segment is a target, for this reason.
        self.rewrite_reason = rewrite_reason

    def review(self, document: Document, findings: Sequence[Finding], config: Config) -> ChainResult:
        return asyncio.run(self.areview(document, findings, config))

    async def areview(self, document: Document, findings: Sequence[Finding], config: Config) -> ChainResult:
        outbox = Outbox(redact=self.redact)
        transport = Transport(model=self.model, identity=self.identity, state=self.state, outbox=outbox,
                              cache=self.cache)
        ctx = StepContext(document, list(findings), config, outbox, transport)
        failures_before = len(self.state.usage.failures)
        judging = asyncio.create_task(detect.run(ctx)) if "detect" in self.steps else None
        reviewing = asyncio.create_task(actions.run(ctx)) if "actions" in self.steps else None
        try:
            verdicts = await judging if judging is not None else {}
            merged, blamed = detect.merge(ctx, verdicts)
            if self.rewrite_reason is not None:
                blamed = {s.index for s in document.segments}
            typed_rewrites: list[Rewrite] = []
            if "rewrite" in self.steps and blamed:
                outcome = await rewrite.run(ctx, sorted(blamed), merged, default_reason=self.rewrite_reason)
                merged, typed_rewrites = rewrite.merge(ctx, merged, outcome)
            labels: list[ActionLabel] = []
            if reviewing is not None:
                merged, labels = actions.merge(ctx, merged, await reviewing)
        finally:
            for task in (judging, reviewing):
                if task is not None and not task.done():
                    task.cancel()
        notes: tuple[str, ...] = ()
        failures = self.state.usage.failures[failures_before:]
        if failures:
            note = f"LLM review incomplete: {len(failures)} request(s) failed ({failures[0]})"
            notes = (note,)
            emit.add(merged, document, "RV003", Span(0, 0), note, config)
        merged.sort(key=lambda f: (f.span.start, f.rule))
        return ChainResult(tuple(merged), tuple(typed_rewrites), tuple(labels), notes)
