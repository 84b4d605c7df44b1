"""BL006 accident-framing: a person's act framed as a slip ("forgot", "accidentally")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from reviewer.document import Segment
from reviewer.findings import Severity
from reviewer.rules import agents, lexicon
from reviewer.rules.base import Example, Hit, Rule, SegmentContext
from reviewer.rules.common import lexicon_gate, lexicon_hits

_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|got|is|are|being)\s+(?:\w+ly\s+)?$", re.I)
_BY_AGENT = re.compile(r"^[^.;,]*?\bby\s+(?!mistake\b|accident\b|hand\b|design\b|default\b)"
                       r"(?:the\s+|a\s+|an\s+|our\s+)?([\w-]+(?:\s+[\w-]+)?)", re.I)
_PERSON_NEAR = re.compile(r"\b(?:by|from)\s+[A-ZÀ-ÖØ-ÞŁ][a-zß-ÿł]+|[A-ZÀ-ÖØ-ÞŁ][a-zß-ÿł]+['’]s\s+(?:\w+\s+)?$")
_PASSIVE_ONLY = {"missed", "overlooked", "forgotten"}
_PERSON_CONTEXT = {"typo", "oversight", "misread"}
_ADVERBS = {"accidentally", "inadvertently", "mistakenly", "erroneously", "by mistake", "by accident",
            "unintentionally"}


def _blames(segment: Segment, ctx: SegmentContext, entry: lexicon.Entry, match: re.Match[str]) -> bool:
    prose = segment.prose
    term = entry.term.lower()
    if entry.tag == "always":
        return True
    before, after = prose[: match.start()], prose[match.end():]
    passive = bool(_PASSIVE_BEFORE.search(before))
    by_agent = _BY_AGENT.match(after)
    if by_agent:
        agent_words = by_agent.group(1)
        start = match.end() + by_agent.start(1)
        agent_is_person = agents.person_at(prose, start, start + len(agent_words))
        if passive or term in _ADVERBS or term in _PERSON_CONTEXT:
            return agent_is_person
    subject = agents.subject_of(prose, match.start(), ctx.accepted_names)
    if term in _PERSON_CONTEXT:
        return subject is agents.Agent.PERSON or bool(_PERSON_NEAR.search(before[-60:]))
    if term in _PASSIVE_ONLY:
        return passive or subject is agents.Agent.PERSON
    if term in _ADVERBS:
        # "The table was accidentally dropped": a passive with no agent hides a person.
        return subject is agents.Agent.PERSON or (passive and subject is not agents.Agent.SYSTEM) \
            or (passive and not by_agent and bool(re.match(r"\s+(?:\w+\s+)?(?:dropped|deleted|pushed|"
                                                           r"merged|applied|run|removed|changed|typed)", after)))
    return subject is agents.Agent.PERSON or (passive and subject is not agents.Agent.SYSTEM)


def detect(segment: Segment, ctx: SegmentContext) -> Iterator[Hit]:
    yield from lexicon_hits(
        segment, lexicon.load("accident"),
        lambda entry, match: f"'{match.group()}' frames the act as a personal slip: name the missing check "
        "or confirmation that let the action through",
        keep=lambda entry, match: _blames(segment, ctx, entry, match),
    )


RULE = Rule(
    id="BL006",
    name="accident-framing",
    category="accident-framing",
    summary='A person\'s act framed as a slip: "forgot", "accidentally", "a typo by Sam".',
    rationale=(
        "Slips are constant; systems that let a slip reach production are the finding. 'Forgot' puts "
        "the control in someone's memory, which is exactly the control that failed."
    ),
    guardrail="Name the missing safeguard: 'The renewal depended on a calendar reminder; nothing "
              "alerted on the expiry date.'",
    severity=Severity.WARNING,
    detect=detect,
    gate=lexicon_gate("accident"),
    flagged=(
        Example("Unfortunately Mia forgot to renew the certificate."),
        Example("Raj accidentally deleted the `users` table.", "Raj deleted the `users` table."),
        Example("The hostname contained a typo by Sam."),
        Example("The expiry warning was overlooked for two weeks."),
        Example("A fat-fingered command emptied the queue."),
    ),
    passing=(
        Example("The flag was inadvertently left enabled by the template."),
        Example("The probe missed two scrape intervals during the network partition."),
        Example("A typo in the generated hostname broke resolution for `api-eu`."),
    ),
    tags=("blame", "accident-framing"),
)
