"""BL004 hindsight: claims that the outcome was knowable in the moment."""

from __future__ import annotations

import re

from reviewer.document import Segment
from reviewer.findings import Severity
from reviewer.patterns import lazy
from reviewer.rules import agents, clauses, lexicon
from reviewer.rules.base import ACCEPTED_NAMES, Example, SegmentContext
from reviewer.rules.wordlist import word_list_rule

# Entries tagged `judged` ("obviously", "of course", "needless to say", "seemed obvious") claim
# something was self-evident. That is hindsight when it lands on an act or an outcome, and
# description when it marks evidence ("of course the access log showed the same spike"), a
# gap a system left ("obviously not caught by the test suite") or an intention ("naturally we
# want to understand why"). Entries tagged `foreseen` ("predictably") call an outcome
# foreseeable: hindsight unless they mark evidence.
# Observation: what a log, graph, trace or output showed or contained.
_EVIDENCE = lazy(r"\b(?:show(?:s|ed|n)?|indicat\w+|reveal\w*|point(?:s|ed)\s+(?:to|at)|confirm\w*|"
                       r"log(?:s|ged)?|graphs?|dashboards?|traces?|metrics?|output|stack\s+trace|"
                       r"(?:error|log|status)\s+messages?|contained)\b",
                       re.I)
_BY_AGENT = lazy(r"\bby\s+(?:the|our|its|their|an?)\s+((?:[\w-]+\s+){0,3}[\w-]+)", re.I)
_INTENT = lazy(r"^\W*(?:we|i|the\s+team)\s+(?:\w+\s+)?(?:want|need|hope|plan|intend|aim|wish|would\s+like)\b",
                     re.I)


_THING_FOLLOWS = lazy(r"^\W*(?:it|this|that|these|those|there)\s+(?!should|would|could|must|ought)\w+", re.I)


_CONTRAST = lazy(r"[,;]\s*(?:yet|but|and\s+still|still|nevertheless)\b", re.I)
_LAPSE = lazy(
    r"\b(?:should(?:n['’]t)?|ought|needed|required|must(?:\s+have)?|had\s+to|would\s+have|could\s+have|"
    r"nobody|no\s+one|none\s+of\s+(?:us|them)|anyone|everyone|anybody|everybody)\b", re.I)
_OMISSION = lazy(r"\b(?:missed|ignored|overlooked|forgot|forgotten|skipped|neglected|disregarded)\b"
                       r"(?!\s+by\s+(?:the|an?|our|its)\b)", re.I)
_NEGATED = lazy(r"\b(?:did\s+not|didn['’]t|never|was\s+not|wasn['’]t|were\s+not|weren['’]t)\b", re.I)
_FAILURE = lazy(
    r"\b(?:fail(?:ed|s|ure|ures)?|broke|broken|went\s+wrong|did\s+not\s+work|didn['’]t\s+work|saturat\w+|"
    r"crash(?:ed|es)?|overload(?:ed)?|exhaust(?:ed)?|knees|went\s+down|took\s+down|timed\s+out|fell\s+over|"
    r"outage|mistake|(?:human|operator|user)\s+error|risk(?:y|s)?|danger(?:ous)?|unsafe|missing|wrong)\b", re.I)


def _judges_a_lapse(prose: str, ctx: SegmentContext) -> bool:
    """A lapse (should, missed, nobody), a standard of knowability (anyone), or a person's negated act."""
    if _LAPSE.search(prose) or _OMISSION.search(prose):
        return True
    return any(clauses.subject_is_person(prose, m.start(), ctx.accepted_names) for m in _NEGATED.finditer(prose))


def _describes(prose: str, end: int) -> bool:
    """The self-evidence marker describes evidence, a system's gap or an intention."""
    if _EVIDENCE.search(prose) or _INTENT.match(prose[end:]):
        return True
    by = _BY_AGENT.search(prose, end)
    return by is not None and any(w.lower() in agents.systems() for w in by.group(1).split())


def _judges_people(segment: Segment, ctx: SegmentContext, entry: lexicon.Entry, match: re.Match[str]) -> bool:
    prose = segment.prose
    if entry.tag == "foreseen":
        return not _EVIDENCE.search(prose)
    if entry.tag == "obvious":  # "the missing check was obvious": an adjective needs a lapse or a failure
        # "clear ... yet the rollback took an hour": the contrast is the judgement of the response
        if _judges_a_lapse(prose, ctx) or _CONTRAST.search(prose, match.end()):
            return True
        if _EVIDENCE.search(prose):
            return False  # "the error message made it clear that the key had expired"
        return bool(_FAILURE.search(prose))
    if entry.tag != "judged":
        return True
    if _judges_a_lapse(prose, ctx):
        return True
    # "of course it does", "naturally, this meant the queue filled": a thing's behaviour, not a judgement.
    if _THING_FOLLOWS.match(prose[match.end():]):
        return False
    # "The heap dump obviously points at the cache": an adverb with a system subject is evidence.
    adverb = match.group().isalpha()
    if adverb and agents.subject_of(prose, match.start(), ctx.accepted_names) is agents.Agent.SYSTEM:
        return False
    return not _describes(prose, match.end())


RULE = word_list_rule(
    lexicon="hindsight",
    message="Hindsight marker '{match}': the outcome is known now, it was not then; describe the signals "
            "available at the time",
    keep=_judges_people,
    id="BL004",
    name="hindsight-bias",
    category="hindsight",
    options=(ACCEPTED_NAMES,),
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
        Example("It was clear from the first page that the rollout had failed, yet nobody paused it.",
                name="clear-with-a-lapse"),
        Example("It was clear from the 09:12 UTC page that the cache was cold, yet the warm-up waited an hour.",
                name="clear-then-a-contrast"),
        Example("Of course nobody read the warning in the deploy output.", name="of-course-about-people"),
        Example("A single glance at the lag graph would have shown the problem.", name="one-glance-would-have"),
    ),
    passing=(
        Example("The graph clearly shows a spike at 14:02 UTC."),
        Example("Of course, the access log showed the same pattern on every node.", name="evidence-of-course"),
        Example("Needless to say, the replica lag graph was flat all night.", name="evidence-needless-to-say"),
        Example("Obviously, the job output contained the same timeout on every retry.", name="evidence-output"),
        Example("The leak was obviously not caught by the unit test suite.", name="missed-by-a-system"),
        Example("Once the trace was in, the patch seemed obvious.", name="obvious-after-diagnosis"),
        Example("A quick look at the heap profile pointed to the cache.", name="a-look-as-investigation"),
        Example("The retry loop spun until the quota ran out, because of course it does.", name="a-thing-behaving"),
        Example("From the panic output it was clear that the pool had run dry.", name="clear-from-evidence"),
        Example("The cause was not immediately obvious from the alert alone.", name="not-obvious"),
        Example("In the review we walked through what the dashboard showed at 14:02 UTC."),
    ),
    tags=("blame", "hindsight"),
)
