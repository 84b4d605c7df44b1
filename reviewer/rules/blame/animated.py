"""BL007 animated-language: hyperbole, shouting capitals and exclamation runs."""

from __future__ import annotations

import re
from collections.abc import Iterator

from reviewer.document import Segment
from reviewer.findings import Edit, Severity
from reviewer.rules import lexicon
from reviewer.rules.base import Example, Hit, Rule, RuleContext
from reviewer.rules.common import hit, lexicon_hits, span_of

_CAPS = re.compile(r"(?<![\w/.-])[A-Z][A-Z'’]{1,}(?![\w/-])(?!\.\w)")
_TECH_TERMS = re.compile(r"disaster[- ]recovery|catastrophic\s+(?:backtracking|forgetting|cancellation)", re.I)
_SHORT_SHOUTS = frozenset("NOT ALL WHY WHO HOW BAD OUT ANY YOU NOW DID WAS THE OMG WTF BIG HAD HAS CAN YET TOO "
                          "BUT EVER NEVER".split())


def _shouting(prose: str) -> Iterator[tuple[int, int]]:
    exempt = lexicon.load("acronyms").lower_terms
    for match in _CAPS.finditer(prose):
        word = match.group().rstrip("'’")
        if word.lower() in exempt and word not in _SHORT_SHOUTS:
            continue
        if len(word) >= 4 or word in _SHORT_SHOUTS:
            yield match.start(), match.start() + len(word)


def detect(segment: Segment, ctx: RuleContext) -> Iterator[Hit]:
    taken: list[tuple[int, int]] = []
    technical = [m.span() for m in _TECH_TERMS.finditer(segment.prose)]
    for found in lexicon_hits(
        segment, lexicon.load("animated"),
        lambda entry, match: f"Animated language '{match.group()}': state the measured impact instead",
        keep=lambda entry, match: not any(a <= match.start() < b for a, b in technical),
    ):
        taken.append((found.span.start, found.span.end))
        yield found
    for start, end in _shouting(segment.prose):
        absolute = span_of(segment, start, end)
        if any(a < absolute.end and absolute.start < b for a, b in taken):
            continue
        word = segment.text[start:end]
        yield hit(segment, start, end, f"Shouting '{word}': write it in normal case",
                  (Edit(absolute, word.lower()),))


RULE = Rule(
    id="BL007",
    name="animated-language",
    summary="Hyperbole (disaster, nightmare), words in capitals and exclamation runs.",
    rationale=(
        "Emotional framing raises the temperature of the review and hides the numbers. A reader "
        "learns more from '38% of checkouts failed for 41 minutes' than from 'a total disaster'."
    ),
    guardrail="Replace the adjective with the measurement: duration, error rate, users affected.",
    severity=Severity.INFO,
    detect=detect,
    flagged=(
        Example("The release was a complete disaster for the EU region."),
        Example("The alerts were NEVER routed to the secondary.", "The alerts were never routed to the secondary."),
        Example("Checkout was down for 40 minutes!!!", "Checkout was down for 40 minutes."),
    ),
    passing=(
        Example("DNS resolution failed for 12% of requests; the TLS handshake timed out after 30 s."),
        Example("The SEV1 was declared at 14:05 UTC and the API returned HTTP 503."),
        Example('The customer wrote "this is a disaster" in ticket SUP-1182.'),
    ),
    tags=("blame", "animated"),
)
