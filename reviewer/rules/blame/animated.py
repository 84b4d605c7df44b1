"""BL007 animated-language: hyperbole, shouting capitals and exclamation runs."""

from __future__ import annotations

import re
from collections.abc import Iterator

from reviewer.document import Segment
from reviewer.findings import Edit, Severity
from reviewer.rules import clauses, lexicon
from reviewer.rules.base import Example, Hit, Rule, SegmentContext
from reviewer.rules.common import hit, lexicon_hits, span_of

_CAPS = re.compile(r"(?<![\w/.-])[A-Z][A-Z'’]{1,}(?![\w/-])(?!\.\w)")
_TECH_TERMS = re.compile(r"disaster[- ]recovery|catastrophic\s+(?:backtracking|forgetting|cancellation)|"
                         r"(?:service|process|runtime|goroutine|thread|binary|program|handler|worker|kernel|server|"
                         r"app|pod|it)\s+panic(?:ked|s)?\b|panic(?:ked)?\s+(?:on|with|at|in)\b", re.I)
def _wordlike(word: str) -> bool:
    """LUCKY reads as a word; EMQX, MQTT, JIRA read as names (short or consonant-heavy), and so
    do key-like strings (AKIAQWRTZPLMNBVC: too long, unpronounceable)."""
    vowels = sum(ch in "AEIOU" or (ch == "Y" and i > 0) for i, ch in enumerate(word))
    if len(word) > 14 or _UNPRONOUNCEABLE.search(word):
        return False
    return len(word) >= 5 and vowels >= 2 and vowels / len(word) >= 0.3


# Four consonants in a row, or a Q not followed by U: not an English word.
_UNPRONOUNCEABLE = re.compile(r"[B-DF-HJ-NP-TV-XZ]{4}|Q(?!U)")
_TWO_CAPITALS = re.compile(r"[A-Z]{2}")
_TECH_WORDS = frozenset({"disaster", "disaster-recovery", "catastrophic", "panic", "panicked", "panics"})
_LABEL_AFTER = re.compile(r"^\*{0,2}:")


def _is_label(segment: Segment, start: int, end: int) -> bool:
    """A status or label: a whole table cell (ONGOING), or a word before a colon (NOTE:)."""
    if _LABEL_AFTER.match(segment.prose[end:]):
        return True
    absolute_start, absolute_end = segment.span.start + start, segment.span.start + end
    for cell in segment.cells:
        if cell.span.start <= absolute_start and absolute_end <= cell.span.end:
            return cell.text.strip(" *_`") == segment.text[start:end]
    return False


def _shouting(segment: Segment) -> Iterator[tuple[int, int]]:
    """Capitals that mean shouting: an emphatic word (NEVER, HUGE), an ordinary-looking word
    that is no known name (FURIOUS), or a run of them (DO NOT TOUCH). Names are not shouting:
    acronyms and technical keywords (DNS, DROP TABLE), words with digits or underscores,
    unpronounceable or key-like strings, status labels and table-cell values (ONGOING)."""
    prose = segment.prose
    if not _TWO_CAPITALS.search(prose):
        return
    known = lexicon.load("acronyms").lower_terms
    shouting = lexicon.load("shouting")
    emphatic = frozenset(e.term.lower() for e in shouting.entries if e.tag != "in-run")
    in_run = frozenset(e.term.lower() for e in shouting.entries if e.tag == "in-run")
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
        lows = [w[2].lower().replace("’", "'") for w in run]
        if len(run) == 1 and _is_label(segment, run[0][0], run[0][1]):
            continue
        loud = any(low in emphatic for low in lows) or (len(run) >= 2 and any(low in in_run for low in lows))
        technical = any(low in known and low not in emphatic and low not in in_run for low in lows)
        ordinary = any(low not in known and low not in in_run and _wordlike(w[2]) for low, w in zip(lows, run, strict=True))
        if loud or (ordinary and not technical):
            yield run[0][0], run[-1][1]


def detect(segment: Segment, ctx: SegmentContext) -> Iterator[Hit]:
    taken: list[tuple[int, int]] = []
    technical = [m.span() for m in _TECH_TERMS.finditer(segment.prose)] \
        if not segment.words.isdisjoint(_TECH_WORDS) else []
    for found in lexicon_hits(
        segment, lexicon.load("animated"),
        lambda entry, match: f"Animated language '{match.group()}': state the measured impact instead",
        # "no panic", "head off any panic": a denied word is not framing.
        keep=lambda entry, match: not any(a <= match.start() < b for a, b in technical)
        and not clauses.negated_before(segment.prose, match.start()),
    ):
        taken.append((found.span.start, found.span.end))
        yield found
    for start, end in _shouting(segment):
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
        Example("Support was FURIOUS about the delay.", "Support was furious about the delay.", name="ordinary-word"),
        Example("The banner said DO NOT DEPLOY and someone deployed.", name="negation-in-a-run"),
    ),
    passing=(
        Example("DNS resolution failed for 12% of requests; the TLS handshake timed out after 30 s."),
        Example("The SEV1 was declared at 14:05 UTC and the API returned HTTP 503."),
        Example('The customer wrote "this is a disaster" in ticket SUP-1182.'),
        Example("To avoid any panic: no customer data was lost.", name="denied-word"),
        Example("The DELETE FROM statement ran without a WHERE clause.", name="sql-keywords"),
        Example("We did NOT get a page for the disk alert.", name="stressed-negation"),
        Example("| Action | Owner | State |\n|---|---|---|\n| Restore the replica | @li | ONGOING |", name="status-cell"),
        Example("The leaked key AKIAQWRTZPLMNBVC was revoked at 10:12 UTC.", name="key-like-string"),
    ),
    tags=("blame", "animated"),
)
