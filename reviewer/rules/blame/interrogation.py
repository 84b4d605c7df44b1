"""BL008 interrogation-framing: who/why cross-examination of people."""

from __future__ import annotations

import re
from collections.abc import Iterator

from reviewer.document import Segment
from reviewer.findings import Severity
from reviewer.patterns import lazy
from reviewer.rules.base import Example, Hit, Rule, SegmentContext
from reviewer.rules.blame import question_subject
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
# "Why are guest accounts allowed to own apps?": a standing permission asks about a policy, not an act
# (a person allowed to do it is the question's subject, read by question_subject).
_PERMISSION = lazy(r"\s+to\b")


# A who-question about foresight alone, with no act in it: "Who knew?", "Who would have guessed?"
_SURPRISE = lazy(r"^\W*who\s+(?:(?:would|could)\s+have\s+|['’]d\s+have\s+)?(?:knew|known|thought|guessed|"
                 r"predicted|imagined|expected)\W*$", re.I)
_WHYS = lazy(r"\bwhys\b|\bwhy\?", re.I)
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
    why = None if blaming or _WHYS.search(segment.section_title) else _WHY.match(body)
    if why is not None:
        blaming = question_subject.people_act(body, why.end()) or any(
            not (m.group().lower() == "allowed" and _PERMISSION.match(body, m.end())) for m in _WHY_HUMAN.finditer(body))
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
        Example("Why didn't the on-call page anyone?", name="a-role-as-the-subject"),
        Example("Why was the migration not reviewed by a second engineer?", name="a-person-as-the-passives-agent"),
        Example("Why did it take two hours for anyone to notice?", name="a-person-acting-in-the-time-taken"),
        Example("Why, after three pages, did nobody join the bridge?", name="a-person-after-an-aside"),
    ),
    passing=(
        Example("Why did the health check pass while the disk was full?"),
        Example("What did the deploy tool show before the rollout began?"),
        Example("Why were the webhook URLs rejected?", name="capitals-inside-a-word"),
        Example("Why did Quarry return a 502 while the disk was healthy?", name="a-product-in-a-why-question",
                note="a capital inside a question is a product until a given name or a handle says otherwise"),
        Example("## Five whys\n\n1. Why did the engineer restart the primary? The runbook listed it as step 2.",
                name="five-whys-method"),
        Example("Why are contractor accounts allowed to own billing projects?", name="a-permission-policy",
                note="the question asks about a standing rule of the system; no person acts in it"),
        Example("Why can shared mailboxes hold admin roles if they cannot sign in?", name="a-pronoun-in-a-condition"),
        Example("Why did the pager rotation notify nobody?", name="a-person-as-the-object"),
        Example("It turns out a cache with no expiry fills up. Who knew?", name="who-knew",
                note="surprise at an outcome: the question names no act and asks after no one"),
    ),
    tags=("blame", "interrogation"),
)
