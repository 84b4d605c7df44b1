"""A person's act hidden behind "ensure": an item that ensures, in the passive, an act of people
("ensure that any exception is clearly communicated", "make sure the change is documented")
changes how people act and no system, whatever mechanism words its subject holds. The existing
verb classes (action_verbs.yaml) decide which acts are people's."""

from __future__ import annotations

import re

from reviewer.patterns import lazy
from reviewer.rules.action_items.clause import Clause, lemmas, verb_tags
from reviewer.rules.action_items.reading import by_mechanism

# A passive predicate with an optional manner adverb: "is clearly communicated", "are documented".
_PASSIVE_PREDICATE = lazy(r"\b(?:is|are|be|been|gets?|was|were)\s+(?:\w+ly\s+)?([a-z]+(?:ed|en|wn|ld|ht))\b", re.I)
_ENSURE = ("ensure", "assure")


def _people_tag(word: str) -> str:
    tags = verb_tags()
    return next((tags[f] for f in lemmas(word) if f in tags), "")


def ensured_people_act(clause: Clause) -> tuple[str, str] | None:
    """('soft'|'docs', phrase) when the clause ensures, in the passive, an act of people or a record
    ('We should ensure that X is clearly communicated', 'make sure the change is documented')."""
    rest = clause.rest
    if clause.verb == "make" and re.match(r"^sure\b", rest, re.I):
        rest = rest[4:]
    elif clause.verb not in _ENSURE:
        return None
    m = _PASSIVE_PREDICATE.search(rest)
    if not m or by_mechanism(rest[m.end():]) or re.search(r"\bautomat", rest[m.end():], re.I):
        return None  # "ensure it is communicated by the status-page bot": a mechanism does it
    tag = _people_tag(m.group(1))
    if tag == "people":
        return "soft", f"{clause.verb} … {m.group()}"
    if tag == "record":
        return "docs", f"{clause.verb} … {m.group()}"
    return None

