"""People's knowledge as the item's outcome: a state of knowing predicated of people.

An item told as a goal names no act at all, only the state it wants: "ensure all engineers know the
failover order", "everyone on the rota should know where the kill switch is", "all SREs to be
familiar with the restore steps", "support staff will be briefed on the refund limits". What changes
is what people know, so it is training, whatever mechanism the knowledge is about. The reading is
structural: a people phrase (roles.yaml, through people.py) as the subject of a knowing predicate,
after an optional goal frame ("ensure", "we want", "the aim is for"); or a verb that carries people
to knowledge ("bring the team up to speed", "walk the support team through ...").

Knowing *when* something happens ("make sure the team knows when the backup fails") is what an
alert gives: detection, left to the other readings.
"""

from __future__ import annotations

import re

from reviewer.patterns import lazy
from reviewer.rules.action_items.people import opens_with_people
from reviewer.rules.action_items.phrases import _head_kind, noun_phrase

# The knowing predicate, with the modal or auxiliary that may precede it.
_KNOWING = lazy(
    r"\b(?:(?:should|must|shall|will|would|can|to|need to|needs to|have to|has to|all|fully|also|now|better|"
    r"properly|really|always|each|both)\s+)*"
    r"(?:knows?|understands?|(?:be|is|are|am|become|becomes|get|gets|feel|feels|been|were|was)\s+"
    r"(?:(?:more|fully|very|all|properly|better|well|sufficiently|adequately|also|now)\s+)*"
    r"(?:familiar|aware|comfortable|conversant|fluent|acquainted|up to speed|(?:re-?)?trained|briefed|"
    r"educated|informed|versed|well-versed|proficient|taught|told|shown|reminded|instructed|coached|mentored|"
    r"onboarded|made aware|asked to))\b", re.I)
# A goal frame before the subject: "ensure (that)", "make sure", "we want", "the aim is for", "goal:".
_FRAME = lazy(r"^\W*(?:(?:we\s+(?:will|should|must|need to|want to)\s+)?(?:ensure|make (?:sure|certain)|assure)|"
              r"we (?:want|would like|need)|(?:the |our )?(?:aim|goal|objective|target) (?:is|will be)(?: for| that)?|"
              r"(?:aim|goal|objective|target)\s*:)\s+(?:that\s+|for\s+)?", re.I)
# Knowing when or whether the system does something is detection ("know when the job fails").
_DETECTED = lazy(r"^\s*(?:of\s+|about\s+)?(?:immediately\s+|right away\s+|quickly\s+|promptly\s+|early\s+)?"
                 r"(?:when|whenever|if|as soon as|once)\b(?!\s+to\b)", re.I)
# The writers knowing something is finding out ("we need to understand ...", also after a purpose that opens
# the sentence: "to fix it we must first understand ..."), read elsewhere; a subordinator or a comma means the
# words before the predicate are no plain subject.
_NOT_SUBJECT = lazy(r"^(?:we|i|you)\b|^to\s+\w+\b.*\b(?:we|i)\b|\b(?:once|when|whenever|if|after|before|while|until|"
                    r"unless|since|as)\b|[,;:]", re.I)
# Verbs that carry people to knowledge: "bring the team up to speed", "walk the rota through ...".
_CARRIED = lazy(r"^\W*(?:bring|get|walk|take|talk)\s+(?P<who>(?:[\w-]+\s+){1,5}?)(?:up to speed|through|familiar)\b",
                re.I)


_KNOWN_TO = lazy(r"^\W*make\s+(?:[\w'’-]+\s+){1,6}?known\s+(?:to|among|across)\s+(?P<who>(?:[\w'’-]+\s*){1,5})", re.I)


def _people(phrase: str) -> bool:
    """A people phrase opens `phrase`: a role (roles.yaml) or any people noun ('every new joiner', 'customers')."""
    return opens_with_people(phrase, served=True) or _head_kind(noun_phrase(phrase)) == "audience"


def knowing_state(head: str) -> tuple[str, str] | None:
    """('soft', phrase) when the item's main clause wants people to know something, else None."""
    carried = _CARRIED.match(head)
    if carried and opens_with_people(carried.group("who")):
        return "soft", carried.group().strip()
    known = _KNOWN_TO.search(head)
    if known and _people(known.group("who")):
        return "soft", "make … known"  # "make the escalation matrix known to every on-call engineer"
    match = _KNOWING.search(head)
    if not match or _DETECTED.match(head[match.end():]):
        return None
    before = _FRAME.sub("", head[:match.start()]).strip()
    if not before:  # "Get familiar with the backup tool": an imperative to whoever reads it
        return ("soft", match.group().strip()) if re.match(r"^\W*(?:get|become|be)\b", head, re.I) else None
    if len(before.split()) > 6 or not _people(before) or _NOT_SUBJECT.search(before):
        return None
    return "soft", f"{before.split()[-1]} … {match.group().split()[-1]}"
