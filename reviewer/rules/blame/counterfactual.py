"""BL003 counterfactual: what someone should, could or failed to have done."""

from __future__ import annotations

import re

from reviewer.document import Segment
from reviewer.findings import Severity
from reviewer.rules import agents, lexicon
from reviewer.rules.base import Example, SegmentContext
from reviewer.rules.wordlist import word_list_rule

# Passive counterfactuals hide a person even when the subject is a thing: "this should have
# been caught in review".
_HUMAN_PASSIVE = re.compile(
    r"^\s+been\s+(?:caught|noticed|spotted|checked|reviewed|tested|verified|escalated|flagged|"
    r"rolled\s+back|reverted|seen|questioned|followed|read|double-checked|communicated|raised|avoided|prevented|"
    r"stopped|handled|tested|spotted|flagged|detected)\b",
    re.I,
)


def _blames(segment: Segment, ctx: SegmentContext, entry: lexicon.Entry, match: re.Match[str]) -> bool:
    prose = segment.prose
    if entry.tag == "always":
        return True
    if _HUMAN_PASSIVE.match(prose[match.end():]):
        return True
    return agents.subject_of(prose, match.start(), ctx.accepted_names) is agents.Agent.PERSON


RULE = word_list_rule(
    lexicon="counterfactual",
    message="Counterfactual '{match}' judges a past decision by its outcome: say what the person knew and "
            "what the process did not check",
    keep=_blames,
    id="BL003",
    name="counterfactual",
    category="counterfactual",
    summary='Counterfactuals such as "should have", "failed to" or "if only" about a person.',
    rationale=(
        "A counterfactual describes a world that did not happen and measures people against it. It "
        "tells the reader nothing about why the actual decision made sense at the time."
    ),
    guardrail="Describe the decision point: 'The runbook did not list the canary check, and the "
              "dashboard showed green at 14:01 UTC.'",
    severity=Severity.WARNING,
    flagged=(
        Example("Maria should have checked the canary before promoting v2.3.1."),
        Example("The on-call engineer failed to follow the runbook."),
        Example("This should have been caught in code review."),
        Example("If only we had looked at the dashboard earlier."),
        Example("Nobody bothered to look, and the reviewer didn't bother to run the tests."),
    ),
    passing=(
        Example("The deploy failed to start on 3 of 40 hosts."),
        Example("The retry should have backed off, but the client ignored the Retry-After header."),
        Example("The alert should fire within 5 minutes of the error budget burning."),
    ),
    tags=("blame", "counterfactual"),
)
