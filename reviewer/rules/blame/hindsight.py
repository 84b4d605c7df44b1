"""BL004 hindsight: claims that the outcome was knowable in the moment."""

from __future__ import annotations

import re

from reviewer.document import Segment
from reviewer.findings import Severity
from reviewer.rules import agents, lexicon
from reviewer.rules.base import Example, SegmentContext
from reviewer.rules.wordlist import word_list_rule

_ADVERBS = {"obviously", "predictably", "unsurprisingly"}


def _judges_people(segment: Segment, ctx: SegmentContext, entry: lexicon.Entry, match: re.Match[str]) -> bool:
    # "The heap dump obviously points at the cache" describes evidence, not a person.
    if entry.term in _ADVERBS:
        return agents.subject_of(segment.prose, match.start(), ctx.accepted_names) is not agents.Agent.SYSTEM
    return True


RULE = word_list_rule(
    lexicon="hindsight",
    message="Hindsight marker '{match}': the outcome is known now, it was not then; describe the signals "
            "available at the time",
    keep=_judges_people,
    id="BL004",
    name="hindsight-bias",
    category="hindsight",
    summary='Hindsight markers such as "obviously" or "any engineer would know".',
    rationale=(
        "Knowing the outcome makes every earlier signal look loud. Writing that something was obvious "
        "hides why it was not obvious to the people inside the incident, which is the useful part."
    ),
    guardrail="State what the dashboards and alerts showed at the time and why the signal was easy to miss.",
    severity=Severity.WARNING,
    flagged=(
        Example("Obviously, the cache needed to be warmed first.", "The cache needed to be warmed first."),
        Example("Any engineer would have known that the flag was unsafe."),
        Example("The expiry was predictably ignored until the pager went off.",
                "The expiry was ignored until the pager went off."),
        Example("It should have been obvious that the disk was filling up."),
    ),
    passing=(
        Example("The graph clearly shows a spike at 14:02 UTC."),
        Example("In the review we walked through what the dashboard showed at 14:02 UTC."),
    ),
    tags=("blame", "hindsight"),
)
