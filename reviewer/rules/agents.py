"""Who is the subject of a clause: a person, a system, or unknown.

Blame rules need this to tell "Bob failed to renew the cert" (a person, blame) from
"the deploy failed to start" (a system, fine). Heuristics, precision first: when the
subject is unclear a rule should stay quiet unless its phrase blames on its own.
"""

from __future__ import annotations

import re
from enum import Enum

from reviewer.rules import lexicon

_CLAUSE_BREAK = re.compile(r"[,;:()\u2014\u2013]|\s-\s|\b(?:and|but|because|when|while|which|that|so|after|before|since|until|although|though|then|as)\b", re.I)
_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.U)
_TITLE_WORD = re.compile(r"^[A-ZÀ-ÖØ-ÞŁ][a-zß-öø-ÿłńśźżęąćó'’-]+$")
# Sentence-initial words that are capitalised only because they start the sentence.
_COMMON_INITIALS = frozenset(
    "the a an this that these those it its there then when while after before during at on in "
    "by for from to with without our we they he she i you unfortunately however also finally "
    "meanwhile later around about nobody somebody someone everyone no one root cause impact "
    "timeline summary action resolution detection once because since although if as".split()
)


class Agent(Enum):
    PERSON = "person"
    SYSTEM = "system"
    UNKNOWN = "unknown"


def names() -> frozenset[str]:
    return lexicon.load("names").lower_terms


def roles() -> frozenset[str]:
    return lexicon.load("roles").lower_terms


def systems() -> frozenset[str]:
    return lexicon.load("systems").lower_terms


def clause_before(text: str, pos: int) -> str:
    """The text from the start of the clause holding `pos` up to `pos`."""
    head = text[:pos]
    last = None
    for last in _CLAUSE_BREAK.finditer(head):
        pass
    return head[last.end() :] if last else head


def subject_of(text: str, pos: int, accepted: frozenset[str] = frozenset()) -> Agent:
    """Classify the subject of the clause whose verb phrase starts at `pos`."""
    words = _WORD.findall(clause_before(text, pos))
    if not words:
        return Agent.UNKNOWN
    lowered = [w.lower() for w in words]
    # Multi-word roles and systems first ("on-call engineer", "health check").
    tail2 = " ".join(lowered[-2:])
    for candidate in (tail2, lowered[-1]):
        if candidate in systems():
            return Agent.SYSTEM
    for index, word in enumerate(words):
        low = lowered[index]
        if low in accepted:
            continue
        if low in roles() or " ".join(lowered[index : index + 2]) in roles():
            return Agent.PERSON
        if is_name(words, index):
            return Agent.PERSON
    if any(w in systems() for w in lowered):
        return Agent.SYSTEM
    return Agent.UNKNOWN


def is_name(words: list[str], index: int, at_sentence_start: bool | None = None) -> bool:
    """A known given name, or a Title-case word that is not sentence-initial filler."""
    word = words[index].rstrip("'’s") if words[index].endswith(("'s", "’s")) else words[index]
    if word.lower() in names() and _TITLE_WORD.match(word):
        return True
    if not _TITLE_WORD.match(word) or word.lower() in _COMMON_INITIALS:
        return False
    first = index == 0 if at_sentence_start is None else at_sentence_start
    return not first and word.lower() not in systems()


def person_at(text: str, start: int, end: int) -> bool:
    """Is text[start:end] a person reference (name, or role phrase)?"""
    chunk = text[start:end].strip()
    words = _WORD.findall(chunk)
    if not words:
        return False
    low = " ".join(w.lower() for w in words)
    if low in roles() or low.removeprefix("the ") in roles() or low.removeprefix("an ").removeprefix("a ") in roles():
        return True
    return any(is_name(words, i, at_sentence_start=start == 0) for i in range(len(words)))
