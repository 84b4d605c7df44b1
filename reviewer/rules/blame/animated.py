"""BL007 animated-language: hyperbole, shouting capitals and exclamation runs."""

from __future__ import annotations

import re
from collections.abc import Iterator

from reviewer.document import Segment
from reviewer.findings import Edit, Severity
from reviewer.rules import lexicon
from reviewer.rules.base import Example, Hit, Rule, SegmentContext
from reviewer.rules.common import hit, lexicon_hits, span_of

_CAPS = re.compile(r"(?<![\w/.-])[A-Z][A-Z'’]{1,}(?![\w/-])(?!\.\w)")
_TECH_TERMS = re.compile(r"disaster[- ]recovery|catastrophic\s+(?:backtracking|forgetting|cancellation)|"
                         r"(?:service|process|runtime|goroutine|thread|binary|program|handler|worker|kernel|server|"
                         r"app|pod|it)\s+panic(?:ked|s)?\b|panic(?:ked)?\s+(?:on|with|at|in)\b", re.I)
def _wordlike(word: str) -> bool:
    """LUCKY reads as a word; EMQX, MQTT, JIRA read as names (short or consonant-heavy)."""
    vowels = sum(ch in "AEIOU" or (ch == "Y" and i > 0) for i, ch in enumerate(word))
    return len(word) >= 5 and vowels >= 2 and vowels / len(word) >= 0.3


_TWO_CAPITALS = re.compile(r"[A-Z]{2}")
_TECH_WORDS = frozenset({"disaster", "disaster-recovery", "catastrophic", "panic", "panicked", "panics"})


def _shouting(prose: str) -> Iterator[tuple[int, int]]:
    """Capitals that shout: an emphatic word (NEVER, HUGE), or a run of two or more
    capitalised words that are not all acronyms (DO NOT TOUCH). A lone unknown acronym
    (EMQX, JIRA) is a name, so it passes."""
    if not _TWO_CAPITALS.search(prose):
        return
    exempt = lexicon.load("acronyms").lower_terms
    emphatic = lexicon.load("shouting").lower_terms
    caps = [w.rstrip("'’").lower() for w in _CAPS.findall(prose)]
    if len(caps) < 2 and all(c in exempt and c not in emphatic for c in caps):
        return
    words = [(m.start(), m.start() + len(m.group().rstrip("'’")), m.group().rstrip("'’"))
             for m in _CAPS.finditer(prose)]
    runs: list[list[tuple[int, int, str]]] = []
    for word in words:
        gap = prose[runs[-1][-1][1]:word[0]] if runs else ""
        if runs and re.fullmatch(r"[\s,]+", gap):
            runs[-1].append(word)
        else:
            runs.append([word])
    for run in runs:
        loud = [w for w in run if w[2].lower() in emphatic or (w[2].lower() not in exempt and _wordlike(w[2]))]
        unknown = [w for w in run if w[2].lower() not in exempt and w[2].lower() not in emphatic]
        if loud or (len(run) >= 2 and unknown):
            yield run[0][0], run[-1][1]


def detect(segment: Segment, ctx: SegmentContext) -> Iterator[Hit]:
    taken: list[tuple[int, int]] = []
    technical = [m.span() for m in _TECH_TERMS.finditer(segment.prose)] \
        if not segment.words.isdisjoint(_TECH_WORDS) else []
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
                  (Edit(absolute, word.lower()),))  # lower case is always a valid de-escalation


RULE = Rule(
    id="BL007",
    name="animated-language",
    category="animated",
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
