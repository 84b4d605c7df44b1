"""BL002 human-error-cause: "human error" given as a cause."""

from __future__ import annotations

import re
from collections.abc import Iterator

from reviewer.document import Segment
from reviewer.findings import Severity
from reviewer.rules.base import Example, Hit, Rule, SegmentContext
from reviewer.rules.common import hit

_PATTERN = re.compile(
    r"\b(?:human|operator|user|pilot|engineer|engineering|personnel|manual|people)\s+(?:error|mistake|failure)s?\b"
    r"|\b(?:a|an)\s+(?:simple\s+|honest\s+|silly\s+|careless\s+|human\s+)?(?:mistake|error|slip)\s+(?:by|from|of|on\s+the\s+part\s+of)\s+"
    r"(?=(?:the\s+|an?\s+)?(?:on-?call|engineer|operator|developer|SRE|DBA|deployer|reviewer|IC|[A-ZÀ-ÖØ-ÞŁ][^\W\d_]+))"
    r"|\bPEBKAC\b|\bPEBCAK\b|\bID-?10-?T\b|\blayer\s+8\b",
    re.I,
)
# "error" words that are about software, not people: "user error rate", "user errors in logs".
_NOT_A_CAUSE = re.compile(r"^\s*(?:rates?|budget|count|codes?|messages?|logs?|spikes?|percentage|ratio)\b", re.I)


_NEEDS = frozenset("error errors mistake mistakes failure failures slip pebkac pebcak id10t id-10-t layer".split())


def detect(segment: Segment, ctx: SegmentContext) -> Iterator[Hit]:
    for match in _PATTERN.finditer(segment.prose):
        if _NOT_A_CAUSE.match(segment.prose[match.end():]):
            continue
        yield hit(
            segment, match.start(), match.end(),
            f"'{match.group().strip()}' is given as a cause: name the condition that allowed the action "
            "(a manual step with no validation, a missing confirmation, an unsafe default)",
            suggestion="Replace it with the condition that allowed the action, e.g. 'a manual step with no "
                       "validation or confirmation'.",
        )


RULE = Rule(
    id="BL002",
    name="human-error-cause",
    category="human-error",
    summary='"Human error" or "operator error" is named as a cause.',
    rationale=(
        "Human error is where an investigation starts, not where it ends. Every action was allowed "
        "by a tool, a default, a missing check or a time pressure; those are what the team can change."
    ),
    guardrail="Describe the precondition: 'The CLI accepted a production target without confirmation.'",
    severity=Severity.ERROR,
    detect=detect,
    gate=lambda segment, ctx: not segment.words.isdisjoint(_NEEDS),
    flagged=(
        Example("Root cause: human error."),
        Example("The outage was the result of operator error during the failover."),
        Example("It came down to a simple mistake by the on-call engineer."),
    ),
    passing=(
        Example("The user error rate rose to 4% at 14:05 UTC."),
        Example("Root cause: the CLI accepted a production target without confirmation."),
        Example("The API returned 5xx errors for 12 minutes."),
    ),
    tags=("blame", "human-error"),
)
