"""The object of an action item's verb: its noun phrase, and what kind of thing the phrase names (a
mechanism, a document, people, a quality of people or an activity). The readings in reading.py and
attention.py ask these questions of every item."""

from __future__ import annotations

import re
from functools import lru_cache

from reviewer.patterns import lazy
from reviewer.rules import lexicon
from reviewer.rules.action_items.clause import Clause, verb_tags

# Words that stop the object's noun phrase.
_NP_END = lazy(r"^(?:to|for|in|into|on|onto|at|of|before|after|when|whenever|while|during|until|so|that|"
                     r"which|who|with|by|from|and|or|but|if|as|because|since|once|than|then|instead|within|"
                     r"without|across|through|over|under|about|around|regarding|concerning|towards?|among|throughout|between|"
               r"against|per|via|like|\d[\w.:%]*|"
               r"(?!(?:night|dai|week|month|hour|year|quarter|ear|friend|time|supp|app|rep|fami|assemb|anoma)ly$)\w+ly)$", re.I)
_DETERMINER = lazy(r"^(?:the|a|an|our|their|your|all|any|each|every|some|this|these|those|its|more|extra|"
                         r"better|new)$", re.I)
_WORDS = lazy(r"[\w'’-]+|[,.;:()]")


def verb_of(clause: Clause) -> tuple[str, str]:
    """(lemma, class) of the clause's verb: the first lemma guess the lexicon knows."""
    verbs = verb_tags()
    verb = next((f for f in (clause.verb, *clause.forms) if f in verbs), clause.verb)
    return verb, verbs.get(verb, "")


def noun_phrase(rest: str) -> list[str]:
    """The words of the object's noun phrase: up to a preposition, a clause or punctuation."""
    out: list[str] = []
    for word in _WORDS.findall(rest):
        if not word[0].isalnum() or _NP_END.match(word):
            break
        out.append(word)
    return out[:6]


def kind_of(words: list[str]) -> str:
    """'runs' (a mechanism), 'document', 'audience' (people), 'quality' (of people), 'activity', 'practice'
    (a way people work: planning, efforts) or ''."""
    if not words:
        return ""
    return _kind_of_text(" ".join(words))


# Memoised: the same heads ("runbook", "alert") are read again in every item and by several readings.
@lru_cache(maxsize=8192)
def _kind_of_text(text: str) -> str:
    if any(e.tag == "runs" and e.pattern.search(text) for e in lexicon.load("mechanism_objects").entries):
        return "runs"
    kinds = [("document" if e.tag == "" else e.tag) for e, _ in lexicon.load("document_objects").finditer(text)]
    for kind in ("document", "quality", "audience", "activity", "practice"):
        if kind in kinds:
            return kind
    return ""


def _head_kind(words: list[str]) -> str:
    """The kind of the phrase's head (its last word, or the phrase when the head is unknown)."""
    content = [w for w in words if not _DETERMINER.match(w)]
    if not content:
        return ""
    head = kind_of(content[-1:])
    if head:
        return head
    whole = kind_of(words)  # a head the lexicon reads as a phrase ("knowledge base", "more time"), not a modifier
    return "" if whole == "audience" else whole
