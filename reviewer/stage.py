"""The optional review stage: what runs after the rules, before the merge (the LLM review).

The core never imports an implementation: a front end that wants one builds it (e.g. from
`reviewer.llm`) and hands it to `reviewer.review.review(..., stage=...)`. A stage gets the
parsed document, the rule findings and the file's effective Config, and returns every
finding it keeps (it may add findings, dismiss rule findings with a note, or attach a
suggestion) plus typed rewrites and action-item labels. It must not raise for a failed
request: it reports `incomplete=True` with a note, and the rule findings stand.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from reviewer.document import Document
from reviewer.findings import ActionLabel, Finding, Rewrite

if TYPE_CHECKING:
    from reviewer.config import Config


@dataclass(frozen=True)
class StageResult:
    findings: tuple[Finding, ...]  # all findings after the stage (the rules' included); merged by the reviewer
    rewrites: tuple[Rewrite, ...] = ()
    action_labels: tuple[ActionLabel, ...] = ()
    usage: Mapping[str, float] | None = None  # requests, cache hits, tokens… for this document
    notes: tuple[str, ...] = ()  # shown to the user, e.g. "LLM review incomplete: 2 requests failed"
    incomplete: bool = False


class ReviewStage(Protocol):
    def run(self, document: Document, findings: Sequence[Finding], config: Config) -> StageResult: ...


__all__ = ["ActionLabel", "ReviewStage", "Rewrite", "StageResult"]
