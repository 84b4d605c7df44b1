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
def _title_word(word: str) -> bool:
    # "Jean-Luc" is a name; "Cert-manager" is a tool.
    parts = [p for p in word.replace("’", "'").split("-") if p]
    if not parts:
        return False
    for part in parts:
        core = part.replace("'", "")
        if not (len(core) > 1 and core[0].isupper() and core[1:].islower() and core.isalpha()):
            return False
    return True


_NOT_NAME_ENDINGS = ("ing", "ed", "ly", "tion", "ment", "ness", "ity", "ies")
# Sentence-initial words that are capitalised only because they start the sentence.
_COMMON_INITIALS = frozenset(
    "the a an this that these those it its there then when while after before during at on in "
    "by for from to with without our we they he she i you unfortunately however also finally "
    "meanwhile later around about nobody somebody someone everyone no one root cause impact "
    "timeline summary action resolution detection once because since although if as security engineering "
    "platform infra infrastructure ops support management leadership product customer customers users "
    "traffic load latency everything nothing something each every both all some most many one two three "
    "monitoring alerting proper quick manual automated naturally surely again instead today yesterday "
    "tomorrow monday tuesday wednesday thursday friday saturday sunday january february march april may "
    "june july august september october november december".split()
)


_FILLERS = frozenset("also then just simply again still never only really unfortunately sadly ultimately "
                     "apparently".split())


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
    breaks = list(_CLAUSE_BREAK.finditer(head))
    return head[breaks[-1].end() :] if breaks else head


def subject_of(text: str, pos: int, accepted: frozenset[str] = frozenset()) -> Agent:
    """Classify the subject of the clause whose verb phrase starts at `pos`."""
    words = [w for w in _WORD.findall(clause_before(text, pos)) if w.lower() not in _FILLERS]
    if not words:
        return Agent.UNKNOWN
    lowered = [w.lower() for w in words]
    # Multi-word roles and systems first ("on-call engineer", "health check").
    tail2 = " ".join(lowered[-2:])
    for candidate in (tail2, lowered[-1]):
        if candidate in systems():
            return Agent.SYSTEM
    for index, low in enumerate(lowered):
        if low in accepted:
            continue
        if low in roles() or " ".join(lowered[index : index + 2]) in roles():
            return Agent.PERSON
        if is_name(words, index):
            return Agent.PERSON
    if any(w in systems() for w in lowered):
        return Agent.SYSTEM
    return Agent.UNKNOWN


def _strip_possessive(word: str) -> str:
    return word.removesuffix("'s").removesuffix("’s")


def is_name(words: list[str], index: int, at_sentence_start: bool | None = None) -> bool:
    """A known given name, or a Title-case word that is not sentence-initial filler."""
    word = _strip_possessive(words[index])
    if word.lower() in names() and _title_word(word):
        return True
    if not _title_word(word) or word.lower() in _COMMON_INITIALS or word.lower() in systems():
        return False
    first = index == 0 if at_sentence_start is None else at_sentence_start
    # Sentence-initial capitals prove nothing, unless the word is the whole subject
    # ("Siobhán could have rolled back"): then it reads as a name.
    if first and word.lower().endswith(_NOT_NAME_ENDINGS):
        return False
    return not first or len(words) == 1


def person_at(text: str, start: int, end: int, loose_initial: bool = False) -> bool:
    """Is text[start:end] a person reference (name, or role phrase)?"""
    chunk = text[start:end].strip()
    words = _WORD.findall(chunk)
    if not words:
        return False
    low = " ".join(w.lower() for w in words)
    if low in roles() or low.removeprefix("the ") in roles() or low.removeprefix("an ").removeprefix("a ") in roles():
        return True
    initial = not text[:start].strip() or bool(re.search(r"(?:[.!?:|*_]|\d\**|UTC\**|[-–—])\s*$", text[:start]))
    if initial and not loose_initial and len(words) == 1:
        # A lone capitalised word opening a sentence is a name only if we know it as one.
        return _strip_possessive(words[0]).lower() in names() or text[:start].rstrip().endswith((".", "!", "?", ":", "-", "–", "—", "|"))
    return any(is_name(words, i, at_sentence_start=initial and i == 0) for i in range(len(words)))
