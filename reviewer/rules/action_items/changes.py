"""What an action item changes, read where the phrase lists and the verb's object say nothing.

Three readings, each a small closed class of kinds, not of phrasings:

- the goal is people's knowledge: "read the vendor's guide to understand the failover", "walk the
  rota through the restore so that everyone knows the steps". The act serves what people know, so
  it is training, unless the act itself builds something (checked by the caller first);
- the act is done by the system: "capture the timestamps automatically" names no person's act, even
  with a verb that would otherwise be a person's record-keeping;
- a question ("Got feedback?", "Can we shard the queue?") proposes nothing: it asks;
- a light practice noun ("efforts", "focus") has no content of its own: "increase our efforts to add
  disk checks" is the checks, so an artefact anywhere in the item decides.
"""

from __future__ import annotations

import re

from reviewer.patterns import lazy
from reviewer.rules import lexicon
from reviewer.rules.action_items.clause import main_clause
from reviewer.rules.action_items.phrases import _head_kind, noun_phrase, verb_of

# A goal that is knowledge, in the two shapes a purpose takes: an infinitive ("to understand the
# protocol", "to get familiar with ...") or a clause with its own subject ("so that everyone knows ...").
_TO_KNOW = lazy(r"\b(?:in order )?to (?:(?:better|fully|really) )?(?:understand|learn|know|familiari[sz]e|"
                r"get (?:familiar|acquainted|comfortable)|become (?:familiar|aware)|be (?:familiar|aware))\b", re.I)
_SO_KNOW = lazy(r"\bso (?:that )?(?:everyone|everybody|we|you|they|people|all|each|the \w+(?: \w+)?) "
                r"(?:(?:will|would|can|could|should|all|better|also|actually|really) )*"
                r"(?:knows?|understands?|learns?|(?:is|are|be) (?:aware|familiar))\b", re.I)
# Acts whose object is what a person takes in or goes through: their knowledge goal is the change.
# A change to the system ("upgrade the client to understand the new header") is the system's doing.
_PERSON_ACTS = frozenset({"people", "practice", "record", "activity", "produce"})
_KNOW = frozenset({"understand", "learn", "know", "familiarise", "familiarize", "get", "become", "be"})
# The act is done by the system, not by a person: a manner adverb of automation.
_AUTOMATIC = lazy(r"\b(?:automatically|programmatically|by default|without (?:manual|human) (?:steps?|"
                  r"intervention|action))\b", re.I)
# A question: an item that opens with an auxiliary or a question word and ends in "?", or a verbless one.
_QUESTION = lazy(r"^\W*(?:(?:can|could|should|shall|would|will|do|does|did|is|are|was|were|have|has|how|what|why|"
                 r"which|who|when|where|any|got|need|want)\b[^?]*|[^?\s]+(?:\s+[^?\s]+){0,2})\?\W*$", re.I)


def knowledge_goal(prose: str) -> tuple[str, str] | None:
    """('soft', goal) when a person's act serves what people know, else None.

    Called last, once nothing in the item named a mechanism: the goal then says what changes.
    """
    match = _TO_KNOW.search(prose) or _SO_KNOW.search(prose)
    if not match or match.start() == 0:
        return None
    clause = main_clause(prose[:match.start()])
    verb, tag = verb_of(clause)
    obj = noun_phrase(clause.rest)
    if tag not in _PERSON_ACTS or not obj or _head_kind(obj) == "runs" or verb_of(main_clause(prose))[0] in _KNOW:
        return None  # "deploy the agent to learn the traffic shape": a system is changed; "we need to
        # understand the terms": the knowing is the act itself, read elsewhere
    return "soft", f"{verb} … {match.group().strip()}"


def by_the_system(text: str) -> bool:
    """'Capture the timestamps automatically': the act happens without a person."""
    return _AUTOMATIC.search(text) is not None


def asks_a_question(text: str) -> bool:
    """'Got feedback?', 'Can we shard the queue?': a question, not a commitment."""
    return _QUESTION.match(text.strip()) is not None


# Practice nouns whose content is their complement ("efforts to ...", "focus on ..."): light nouns.
_LIGHT = lazy(r"(?:efforts?|focus|attention|energy|time)$", re.I)


def empty_practice(found: tuple[str, str], prose: str) -> bool:
    """A practice reading whose noun is light and whose item names an artefact: 'step up our efforts to
    add disk alerts' changes the alerts, not a habit."""
    return found[0] == "soft" and _LIGHT.search(found[1]) is not None and any(
        e.tag == "" for e, _ in lexicon.load("mechanism_objects").finditer(prose))
