"""BL008 interrogation-framing: who/why cross-examination of people."""

from __future__ import annotations

import re
from collections.abc import Iterator

from reviewer.document import Segment
from reviewer.findings import Severity
from reviewer.patterns import lazy
from reviewer.rules import agents
from reviewer.rules.base import Example, Hit, Rule, SegmentContext
from reviewer.rules.common import hit

_LEAD = (r"^\W*(?:\d[\d:\s]*(?:UTC)?\W*)?(?:(?:again|so|seriously|honestly|and|but|ok|okay|look|also|"
         r"frankly|really)\W{1,3})?")  # a timestamp or an interjection ("Again:") may lead
_ALWAYS = lazy(_LEAD + r"(?:who\b|where\s+(?:was|were)\s+(?:he|she|they|[A-Z]\w+)\b|whose\s+(?:fault|idea|call|change|responsibility)|what\s+(?:was|were)\s+"
                     r"\w+\s+thinking|how\s+could\s+(?:anyone|anybody|we|they|he|she|you|[A-Z]\w+))", re.I)
_WHY = lazy(_LEAD + r"(?:why|how\s+come|how\s+did)\b", re.I)
_WHY_HUMAN = lazy(r"\b(?:approved|allowed|merged|ignored|skipped|missed|decide|decided|silenced|muted|pushed|"
                        r"shipped|deployed|disabled|take\s+(?:another|so\s+long|\d+)|wait(?:ed)?|ever\s+\w+ed)\b", re.I)
_ANYWHERE = lazy(
    r"(?:\b(?:know|find\s+out|ask|asked|wonder|wondered|determine|identify|figure\s+out|tell\s+us)\s+(?:exactly\s+)?|"
    r"^\W*(?:\w+\W{1,3})?)who\s+(?:exactly\s+)?(?:pushed|approved|merged|deployed|broke|ran|gave|signed\s+off|made|caused|changed|"
    r"deleted|is\s+responsible|was\s+responsible|decided|allowed|let|turned|disabled|muted|silenced)\b|"
    r"\bwhich\s+(?:engineer|person|developer|one\s+of\s+(?:you|us)|idiot|genius)\b|\b(?:on\s+earth|the\s+hell)\b|"
    r"\bhow\s+(?:did|could)\s+(?:this|that|it)\s+(?:get|slip|make\s+it)\s+(?:past|through|into)\b",
    re.I)
_PERSON_WORDS = lazy(r"\b(?:anyone|anybody|nobody|no one|someone|somebody|we|they|he|she|you|the\s+"
                           r"(?:on-?call|engineer|reviewer|deployer|developer|team|operator|author|SRE|DBA))\b",
                           re.I)


# A who-question about foresight alone, with no act in it: "Who knew?", "Who would have guessed?"
_SURPRISE = lazy(r"^\W*who\s+(?:(?:would|could)\s+have\s+|['’]d\s+have\s+)?(?:knew|known|thought|guessed|"
                 r"predicted|imagined|expected)\W*$", re.I)
_WHYS = lazy(r"\bwhys\b|\bwhy\?", re.I)
_NAME = lazy(r"@[A-Za-z][\w-]*|\b[A-ZÀ-ÖØ-ÞŁ][a-zß-ÿł]+\b")
_QUESTION_WORDS = frozenset({"who", "whose", "which", "why", "how", "where", "what", "earth", "hell"})


def detect(segment: Segment, ctx: SegmentContext) -> Iterator[Hit]:
    prose = segment.prose.rstrip()
    question_start = len(prose) - len(prose.lstrip())
    body = prose[question_start:]
    anywhere = _ANYWHERE.search(body)
    if not prose.endswith("?") and not (anywhere and "who" in anywhere.group().lower()):
        return
    if _SURPRISE.match(body):
        return  # "Who knew?": surprise at an outcome nobody foresaw, with no act and no one asked about
    blaming = bool(_ALWAYS.match(body) or anywhere)
    # Under a "Five whys" heading, why-questions are the method, not a cross-examination.
    if not blaming and _WHY.match(body) and not _WHYS.search(segment.section_title):
        # A capital inside a question proves nothing ("Why did Harbor return a 500?" asks about a
        # product): only a known given name or a handle is evidence that a person is asked about.
        names = [m for m in _NAME.finditer(body)
                 if m.start() > 0 and (m.group().startswith("@") or m.group().lower() in agents.names())
                 and agents.person_at(body, m.start(), m.end())]
        blaming = bool(_PERSON_WORDS.search(body) or names or _WHY_HUMAN.search(body))
    if blaming:
        yield hit(segment, question_start, len(prose),
                  "A who/why question cross-examines people: ask what made the action make sense, and how "
                  "the system allowed it")


RULE = Rule(
    id="BL008",
    name="interrogation-framing",
    category="interrogation",
    summary="Who/why questions aimed at people.",
    rationale=(
        "'Who approved this?' and 'why didn't anyone check?' are cross-examination. 'What' and 'how' "
        "questions get at the information and constraints people had, which is what can be fixed."
    ),
    guardrail="Ask: 'What did the dashboard show at 14:02 UTC, and how did the deploy tool present the risk?'",
    severity=Severity.WARNING,
    detect=detect,
    gate=lambda segment, ctx: not segment.words.isdisjoint(_QUESTION_WORDS),
    flagged=(
        Example("Who approved this change?"),
        Example("Why did Priya merge it on a Friday?", name="why-a-given-name"),
        Example("Why didn't anyone look at the error dashboard?"),
        Example("How could Dave not see the warning?"),
    ),
    passing=(
        Example("Why did the health check pass while the disk was full?"),
        Example("What did the deploy tool show before the rollout began?"),
        Example("Why were the webhook URLs rejected?", name="capitals-inside-a-word"),
        Example("Why did Quarry return a 502 while the disk was healthy?", name="a-product-in-a-why-question",
                note="a capital inside a question is a product until a given name or a handle says otherwise"),
        Example("## Five whys\n\n1. Why did the engineer restart the primary? The runbook listed it as step 2.",
                name="five-whys-method"),
        Example("It turns out a cache with no expiry fills up. Who knew?", name="who-knew",
                note="surprise at an outcome: the question names no act and asks after no one"),
    ),
    tags=("blame", "interrogation"),
)
