"""By what means an item reaches its goal: a mechanism named as the means decides, whatever the goal says.

A reminder cue can be the item's goal while the item builds something: "be more careful about disk
usage by adding a 90% alert", "improve awareness of replica lag with a lag panel", "we need to get
better at expiring certificates, so add an expiry check to CI", "remind users automatically by email".
The goal is people's attention; the change is the alert, the panel, the check, the automatic email.
Four shapes carry the means, each read by what it names, not by its words:

- "by / through <gerund> <object>": the gerund's act builds when it is not a person's act (a people,
  practice, record or activity verb) and its object names a mechanism;
- "with / via / using <noun phrase>" after the act: the phrase names a mechanism ("with a lag panel"),
  unless "with" only names the topic of a disposition ("careful with the deploy script");
- ", so <imperative>": the act advised after the connective builds a mechanism;
- a manner of automation on the act itself ("automatically", "an automatic reminder"), with no hand
  step beside it ("by hand", "manually").
And the reverse: a people verb whose object is a mechanism ("teach the bot to reject ...", "train the
anomaly model") changes the mechanism, not what people know.
"""

from __future__ import annotations

import re

from reviewer.patterns import lazy
from reviewer.rules import lexicon
from reviewer.rules.action_items.clause import lemmas, main_clause, verb_tags
from reviewer.rules.action_items.people import is_people_word
from reviewer.rules.action_items.phrases import _DETERMINER, _head_kind, kind_of, noun_phrase, verb_of
from reviewer.rules.action_items.reading import causee

_PEOPLE_TAGS = frozenset({"people", "practice", "record", "activity"})
_BY_GERUND = lazy(r"\b(?:by|through)\s+(\w+ing)\b\s*([^,;.]*)", re.I)
_WITH = lazy(r"\b(?:with|via|using|by means of|by(?!\s+\w+ing\b))\s+([^,;.]*)", re.I)
_WORD_BEFORE = lazy(r"([\w'’-]+)\W*$")
# "careful with", "familiar with", "consistent with": the phrase after "with" is the topic.
_DISPOSITION = lazy(r"^(?:careful|cautious|familiar|comfortable|conservative|patient|deliberate|aware|consistent|"
                    r"strict|clear|open|transparent|proactive|thorough|diligent|\w+ful|\w+ous|along|together|"
                    r"up|sync|touch|contact|align\w*|coordinat\w*|communicat\w*|meet|talk|work|speak|check|"
                    r"confirm|share|discuss|review)$", re.I)
# The advice after a connective (", so add ...") or after a colon or semicolon alone ("...: make the script do it").
_CONSEQUENCE = lazy(r"[,;:]\s+(?:so|therefore|hence|thus|and so|instead)\s+|[;:]\s+", re.I)
_AUTOMATIC = lazy(r"\b(?:automatically|programmatically)\b", re.I)
# "an automatic reminder", "automated emails": the cue itself is what a mechanism sends.
_AUTOMATIC_BEFORE = lazy(r"\b(?:automatic|automated|scheduled|auto-?generated)\s+(?:[\w-]+\s+)?$", re.I)
_BY_HAND = lazy(r"\b(?:manually|by hand)\b", re.I)  # the act done by hand ("manual steps" may be what goes)
_BUILD_TAGS = frozenset({"change", "produce"})


def _phrase(text: str) -> list[str]:
    """The noun phrase that opens `text`, read past numbers ('a 90% alert', 'a page at 60 seconds'); a head
    of no known kind is read with the phrase it sits in ('a lag panel on the team dashboard')."""
    text = _NUMBER.sub("", text).strip()
    words = noun_phrase(text)
    place = _PLACED.match(text[len(" ".join(words)):]) if words and not kind_of(words[-1:]) else None
    return words + noun_phrase(text[len(" ".join(words)) + place.end():]) if place else words


_PLACED = lazy(r"^\s*(?:on|in|of|into)\s+", re.I)


_NUMBER = lazy(r"\b\d[\w.:%]*\s*")


def _names_mechanism(words: list[str]) -> bool:
    """A word of the phrase names a mechanism: an artefact that acts (a bot, a job) or a guardrail signal."""
    text = " ".join(w for w in words if not _DETERMINER.match(w))
    if not text:
        return False
    return any(kind_of([w]) == "runs" for w in text.split()) or any(
        e.tag == "" for e, _ in lexicon.load("mechanism_objects").finditer(text)) or any(
        True for _ in lexicon.load("guardrail_signals").finditer(text))


def _tag(word: str) -> str:
    tags = verb_tags()
    return next((tags[f] for f in lemmas(word) if f in tags), "")


def _gerund_builds(prose: str) -> bool:
    for match in _BY_GERUND.finditer(prose):
        gerund, tag = match.group(1), _tag(match.group(1))
        if tag in _PEOPLE_TAGS:
            continue  # "by double-checking the alert": a person is still the check
        if _names_mechanism(_phrase(match.group(2))) or _names_mechanism([gerund, *lemmas(gerund)]):
            return True  # "by adding a 90% alert", "by automating the renewal", "by scripting the publish"
    return False


def _means_phrase(prose: str) -> bool:
    for match in _WITH.finditer(prose):
        before = _WORD_BEFORE.search(prose[:match.start()])
        if before is None or _DISPOSITION.match(before.group(1)):
            continue  # "careful with the deploy script", "check with the vendor": a topic or a party
        if _names_mechanism(_phrase(match.group(1))):
            return True  # "improve awareness of replica lag with a lag dashboard"
    return False


def _advised_build(head: str) -> bool:
    """', so add an expiry check to CI': the act after the connective builds a mechanism."""
    for clause_text in _CONSEQUENCE.split(head)[1:]:
        clause = main_clause(clause_text)
        verb, tag = verb_of(clause)
        if not clause.subject and (tag in _BUILD_TAGS and _names_mechanism(_phrase(clause.rest))
                                   or tag == "cause" and causee(clause.rest)[0] == "runs"):
            return True  # "..., so add an expiry check to CI", "...: make the script do it"
    return False


def built_by(head: str) -> bool:
    """The item names a mechanism as the means of its goal (by, with, so, automatically)."""
    if _BY_HAND.search(head):
        return False  # "generated automatically, then checked by hand": a person is still the check
    if _AUTOMATIC.search(head) or _advised_build(head) or _gerund_builds(head):
        return True
    # "remind engineers to check the lag via the dashboard": a phrase after a people verb's object is
    # the means of the act they are asked for, not of the item's
    return verb_of(main_clause(head))[1] != "people" and _means_phrase(head)


def sent_by_mechanism(text: str, start: int) -> bool:
    """The cue at `start` is a thing a mechanism sends: 'an automatic reminder', 'automated emails'."""
    return _AUTOMATIC_BEFORE.search(text[max(0, start - 40):start]) is not None


def taught_mechanism(head: str) -> bool:
    """'Teach the bot to reject ...', 'train the anomaly model on ...': a people verb given a mechanism."""
    clause = main_clause(head)
    verb, tag = verb_of(clause)
    if tag != "people" or clause.subject or clause.passive:
        return False
    obj = [w for w in noun_phrase(clause.rest) if not _DETERMINER.match(w)]
    return bool(obj) and (kind_of(obj[-1:]) == "runs" or obj[-1].lower() in _LEARNERS)


# What is trained that is no person: a model learns from data.
_LEARNERS = frozenset({"model", "models", "classifier", "classifiers", "detector", "detectors", "bot", "bots"})


# An act kept from happening: "stop two people from running the migration at once", "prevent deploys
# from starting during the freeze". Whatever does the stopping is a constraint, not a habit.
_PREVENTS = frozenset({"stop", "prevent", "keep", "block", "bar", "forbid", "disallow"})
_FROM_ACT = lazy(r"^(?:[\w'’-]+\s+){1,6}?from\s+(?!being\b|getting\b|feeling\b)\w+ing\b", re.I)


def prevents_act(head: str) -> bool:
    clause = main_clause(head)
    return clause.verb in _PREVENTS and not clause.passive and _FROM_ACT.match(clause.rest) is not None


# "Ensure there is a second region we can fail over to": a part of the system is made to exist.
_PEOPLES_TIME = lazy(r"^(?:time|effort|focus|attention|buffer)$", re.I)  # "enough time for testing" is people's
_THERE_IS = lazy(r"^there\s+(?:is|are|will be|exists?)\s+(?:always\s+)?((?:[\w'’-]+\s+){0,4}?[\w'’-]+)"
                 r"(?=\s+(?:that|which|we|to|for|in|on|with|so|where|and)\b|\W*$)", re.I)


def system_exists(rest: str) -> bool:
    """The complement of 'ensure' states that a system part exists ('there is a standby', 'there are two replicas')."""
    match = _THERE_IS.match(rest.strip())
    if match is None:
        return False
    words = [w for w in match.group(1).split() if not _DETERMINER.match(w) and not w[0].isdigit()]
    if not words or is_people_word(words[-1]) or _PEOPLES_TIME.match(words[-1]):
        return False  # "ensure there is an owner for each alert": a person is named, read elsewhere
    # anything but a text, people or a quality of them is a thing the system has ("a second region")
    return kind_of(words[-1:]) in ("runs", "") and _head_kind(words) in ("runs", "")
