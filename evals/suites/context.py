"""What every suite shares: the run context (reviewer + memo of reviews) and small helpers."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from reviewer.evals.data import Dataset
from reviewer.evals.reviewers import Review, Reviewer

from reviewer.findings import Finding
from reviewer.rules.registry import BLAME_GROUPS, all_rules

COARSE_LABELS = ("reminder-like", "not-reminder")
RESAMPLES = 1000
SEED = 0


def rule_category() -> dict[str, str]:
    """Blame rule id -> the blame category it reports (declared on the rule, see the registry)."""
    return {rule.id: rule.category for rule in all_rules() if rule.category is not None}


def blame_findings(review: Review) -> list[Finding]:
    return [f for f in review.findings if f.rule[:2] in BLAME_GROUPS and not f.dismissed]


@dataclass
class Context:
    """Shared by the suites of one run: the reviewer and a memo of reviews by text."""

    reviewer: Reviewer
    dataset: Dataset
    resamples: int = RESAMPLES
    seed: int = SEED
    progress: Callable[[str], None] = lambda label: None
    _reviews: dict[tuple[str, str], Review] = field(default_factory=dict)
    usage_docs: int = 0

    def review(self, text: str, path: str) -> Review:
        key = (path, text)
        if key not in self._reviews:
            self._reviews[key] = self.reviewer.review(text, path)
            self.usage_docs += 1
            self.progress(path)
        return self._reviews[key]

    def reviews(self) -> list[Review]:
        return list(self._reviews.values())


def rounded(value):
    if isinstance(value, float):
        return round(value, 4)
    if isinstance(value, dict):
        return {k: rounded(v) for k, v in value.items()}
    if isinstance(value, list):
        return [rounded(v) for v in value]
    return value

