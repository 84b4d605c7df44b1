"""What every suite shares: the run context (reviewer + memo of reviews) and small helpers."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol, TypeVar

from reviewer.evals.data import Dataset
from reviewer.evals.partition import organisation
from reviewer.evals.reviewers import Review, Reviewer
from reviewer.findings import Finding
from reviewer.rules.registry import BLAME_GROUPS, all_rules

COARSE_LABELS = ("reminder-like", "not-reminder")


class Sourced(Protocol):
    family: str | None
    org: str | None


U = TypeVar("U", bound=Sourced)
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



# -- where a unit comes from: families, organisations, ambiguous labels ------------------------

ORGANISATIONS_MAX = 30  # a family with more organisations than this is not broken down per organisation


def source_document(source: str | None, fallback: str) -> str:
    """The bootstrap cluster of a flat row: its source document ("… (section)" dropped), else itself."""
    return source.split(" (")[0] if source else fallback


def organisation_or_none(source: str | None) -> str | None:
    return organisation(source) if source else None


def grouped(units: Sequence[U], key: Callable[[U], str | None]) -> dict[str, list[U]]:
    """Units by key, sorted by key; units whose key is None are left out."""
    groups: dict[str, list[U]] = defaultdict(list)
    for u in units:
        k = key(u)
        if k is not None:
            groups[k].append(u)
    return dict(sorted(groups.items()))


def per_organisation(units: Sequence[U], score: Callable[[list[U]], dict]) -> dict[str, dict[str, dict]]:
    """family -> organisation -> score, for families with 2..ORGANISATIONS_MAX organisations: a few
    projects can give a large share of one family's rows, and the pooled number hides that."""
    out = {}
    for family, members in grouped(units, lambda u: u.family).items():
        orgs = grouped(members, lambda u: u.org)
        if 2 <= len(orgs) <= ORGANISATIONS_MAX:
            out[family] = {org: score(group) for org, group in orgs.items()}
    return out
