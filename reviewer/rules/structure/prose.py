"""Section content told in plain prose, under any heading or none.

Writers who do not follow a template tell a cause without a causal connective and a plan without
a "we will": the grammar still shows what the sentence does.
- a follow-up told as an impersonal future event: a change to the system in the future passive
  ("a validation step will be added", "the retry logic is going to be rebuilt"), or work put on the
  calendar ("the move to versioned configs is scheduled for April");
- a cause told as a sequence of events: in one paragraph of the story, what was already so when it
  broke (the past perfect, "the renewal job had been disabled in June", or a thing that was not
  there, "the new path did not exist on the hosts") beside the failure it led to;
- a fix told as the team's finished act on the problem itself: the team (the subject, with no modal
  before the verb) stopped, contained, closed or addressed the attack, the leak, the hole, the bug
  ("we caught the scraper early and blocked the abuse", "I have since closed the hole"). What the team
  "will address" is a plan, and what is stopped for a while ("we stopped the sync") is no object of harm.
"""

from __future__ import annotations

from collections.abc import Sequence

from reviewer.document import Document, SectionKind, Segment
from reviewer.patterns import lazy
from reviewer.rules.action_items.clause import lemma, lemmas, verb_tags

# Where a future or a schedule narrates the incident itself ("10:05 a restart will be attempted"),
# or a status page's live updates tell the fix under way ("a fix will be deployed shortly").
_STORY = frozenset({SectionKind.TIMELINE, SectionKind.IMPACT, SectionKind.DETECTION, SectionKind.METADATA})
_CHANGE_TAGS = frozenset({"change", "produce"})
# (not the progressive, "a fix is being deployed": in a status page's update that is the fix under way)
_FUTURE_PASSIVE = lazy(
    r"\b(?:will|shall|(?:is|are)\s+going\s+to)\s+(?:(?:also|now|then|soon|first)\s+)?be\s+(?:[a-z]+ly\s+)?"
    r"(?P<future>[a-z]+(?:ed|en|wn|lt|et|ut))\b", prefilter=True)
# Work put on the calendar: "is scheduled for April", "are planned for the next sprint", "is due by May 3".
# ("due to" gives a cause, not a date)
_SCHEDULED = lazy(r"\b(?:is|are)\s+(?:now\s+|currently\s+|also\s+)?(?:(?:scheduled|planned|slated|booked)\s+"
                  r"(?:for|to|in|on|by|within|next|this|later)|due\s+(?:by|for|on|in|within|next|this))\b", prefilter=True)


def _a_change(participle: str) -> bool:
    tags = {verb_tags().get(v, "") for v in (*lemmas(participle), lemma(participle))}
    return bool(tags & _CHANGE_TAGS)


def impersonal_plan(segment: Segment, place: SectionKind) -> bool:
    """A change to the system told as a future event, with no one as its subject."""
    if place in _STORY:
        return False
    lower = segment.lower
    return any(_a_change(m.group("future")) for m in _FUTURE_PASSIVE.finditer(lower)) or \
        bool(_SCHEDULED.search(lower))


def plan_by_grammar(document: Document, where: Sequence[tuple[SectionKind, str, bool]]) -> bool:
    return any(impersonal_plan(s, where[s.index][0]) for s in document.segments)


# What was already so when it broke: a change made earlier, in the past perfect ("the renewal job had
# been disabled", "the vendor had changed the format"), a step not taken ("had never been tested"), or a
# thing that was not there ("the new path did not exist on the hosts", "the field was missing").
_EARLIER = lazy(r"\bhad\s+(?P<neg>(?:not|never)\s+)?(?:(?:already|just|previously|silently|quietly|also|since)\s+)*"
                r"(?:been\s+)?(?P<verb>[a-z]+(?:ed|en|wn|t))\b", prefilter=True)
_ABSENT = lazy(
    r"\b(?:did|does)\s+not\s+(?:exist|match|include|contain|support|handle|expect|know about)\b|"
    r"\b(?:was|were)\s+(?:not|never)\s+(?:\w+ly\s+)?(?:set|configured|renewed|updated|included|covered|applied|enabled|"
    r"migrated|copied|deployed|rotated|pinned|added)\b|\b(?:was|were)\s+(?:missing|absent)\b", prefilter=True)


def _already(lower: str) -> tuple[int, int] | None:
    """Where the sentence tells what was already so, or None."""
    for match in _EARLIER.finditer(lower) if "had" in lower else ():
        if match.group("neg") or _a_change(match.group("verb")):
            return match.span()
    absent = _ABSENT.search(lower)
    return absent.span() if absent else None


# How a failure is told, matched on lower-cased prose (the impact readers in content.py share it).
FAILURE = (r"errors?|fail(?:ed|ing|ures?|s)?|down|offline|outage|unavailable|unreachable|slow(?:er|ed)?|latency|time(?:d)? ?outs?|"
            r"delayed|stale|broken|could ?n[o']t|unable|lost|dropped|rejected|degraded|crash(?:ed|es|ing)?|stuck|5\d\d|"
            r"stopped|halted|jailed|slashed|hung|froze|frozen|late|"
            # what the service did not do, or gave instead of its work: "webhooks were not delivered",
            # "the page did not load", "search results were empty", "invoices were sent twice"
            r"(?:not|never|n['’]t)\s+(?:be(?:en)?\s+)?(?:load|deliver|arriv|sync|render|process|respond|sav|send|sent|"
            r"show|appear|open|connect|complet|receiv|updat|start|run|work)\w*|empty|blank|no data|backed up|piled up|"
            r"twice|duplicated")
# The failure it led to, told as an event: "the balancer marked every host unhealthy", "the pool emptied".
_BROKE = lazy(rf"\b(?:{FAILURE}|unhealthy|refused|denied|expired|exhausted|ran out|filled up|overloaded|saturated)\b")
# A cause is told in the story of the incident, not in its fix, its plans or its lessons.
_TOLD_IN = frozenset({SectionKind.SUMMARY, SectionKind.OTHER, SectionKind.METADATA, SectionKind.IMPACT,
                      SectionKind.TRIGGER})


def cause_by_sequence(document: Document, where: Sequence[tuple[SectionKind, str, bool]]) -> bool:
    """One paragraph of the story holds what was already so and the failure it led to."""
    before: set[int] = set()
    broke: set[int] = set()
    for segment in document.segments:
        if where[segment.index][0] not in _TOLD_IN or segment.block in before and segment.block in broke:
            continue
        lower = segment.lower
        already = _already(lower)
        if already:
            before.add(segment.block)
        # the failure beside it, not the precondition's own words ("had not been failed over" is one fact)
        if _BROKE.search(lower[:already[0]] if already else lower) or (already and _BROKE.search(lower, already[1])):
            broke.add(segment.block)
        if segment.block in before and segment.block in broke:
            return True
    return False


# The team's finished act on the problem itself (see the module's docstring): the verbs that end or
# close something and the nouns of harm are short closed lists; the team as the subject, with no
# modal between it and the verb, and no "to" just before it, is what makes it the fix that was made.
ENDED_PROBLEM = lazy(
    r"\b(?:we|i)\b(?:(?!\b(?:will|would|should|could|can|must|may|might|shall|going|plan\w*|intend\w*)\b)[^.;?]){0,80}?"
    r"(?<!\bto )\b(?:stopped|ended|halted|contained|addressed|closed|blocked|solved|corrected|neutrali[sz]ed|thwarted)\s+"
    r"(?:the|this|that|these|those|its|an?)\s+(?:[\w-]+\s+){0,2}?(?:attacks?|intrusions?|breach(?:es)?|"
    r"vulnerabilit(?:y|ies)|holes?|leaks?|problems?|issues?|bugs?|flaws?|exploits?|abuse|attackers?)\b",
    prefilter=True,
)
