"""HR001 performance-management: HR consequences written into a postmortem."""

from __future__ import annotations

import re

from reviewer.document import Segment
from reviewer.findings import Severity
from reviewer.rules import agents, lexicon
from reviewer.rules.base import Example, SegmentContext
from reviewer.rules.wordlist import word_list_rule

_BE_BEFORE = re.compile(r"\b(?:was|were|be|been|being|got|get|gets|is|are|will)\s+(?:\w+\s+)?$", re.I)
_NEEDS_BE = {"let go", "fired", "terminated"}


def _about_person(segment: Segment, ctx: SegmentContext, entry: lexicon.Entry, match: re.Match[str]) -> bool:
    if entry.tag != "person":
        return True
    before = segment.prose[: match.start()]
    if entry.term in _NEEDS_BE and not _BE_BEFORE.search(before):
        return False
    subject = agents.subject_of(segment.prose, match.start(), ctx.accepted_names)
    if entry.term in _NEEDS_BE:
        return subject is not agents.Agent.SYSTEM  # "Dana was let go": passive about a person
    return subject is agents.Agent.PERSON


RULE = word_list_rule(
    lexicon="hr",
    message="Performance-management language '{match}': handle consequences outside the postmortem, "
            "which is an engineering artifact",
    keep=_about_person,
    id="HR001",
    name="performance-management",
    category="hr",
    summary="Disciplinary action, warnings, PIPs or dismissals in a postmortem.",
    rationale=(
        "Mixing causal analysis with performance management makes every question a cross-examination, "
        "and honesty is the first thing to go. Gross negligence is real; handle it outside the postmortem."
    ),
    guardrail="Remove the sentence from the postmortem; record the guardrail that makes the action safe.",
    severity=Severity.ERROR,
    flagged=(
        Example("Tom has been put on a performance improvement plan."),
        Example("The engineer received a written warning."),
        Example("Dana was let go after the incident."),
    ),
    passing=(
        Example("The latency alert fired at 14:02 UTC."),
        Example("The worker process was terminated by the OOM killer."),
        Example("We let go of the lock after 30 s."),
    ),
    tags=("hr",),
)
