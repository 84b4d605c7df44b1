"""BL006's slips that the sentence does not assert happened: a denied subject, a slip named as what
a safeguard keeps from happening, a mis- participle describing a thing (moved here from accident.py,
at the module size limit).

"No funds were moved incorrectly": a clause whose subject is denied asserts nothing ("none of us
noticed", "neither reviewer spotted it" still deny people's attention: blame).

"There was no guardrail to stop the job from being run on the wrong host", "the lock prevents anyone
from accidentally dropping a table": the judged act sits inside "stop / prevent / keep ... from",
the system framing BL006 asks writers for. A guard that failed ("nothing stopped me from ...",
"did not stop us from ...") still reports the slip.
"""

from __future__ import annotations

import re

from reviewer.patterns import lazy
from reviewer.rules import agents

_DENIED_SUBJECT = lazy(r"^\W*(?:no\s+(?P<what>[\w-]+)|nothing)\b", re.I)

_KEPT_FROM = lazy(r"\b(?:stop|stops|stopped|stopping|prevent\w*|keep|keeps|kept|keeping|protect\w*|guard\w*|"
                  r"block\w*|bar|bars|barred)\b[^.;:!?]{0,80}?\bfrom\s+[^.;:!?]*$", re.I)
_GUARD_FAILED = lazy(r"\b(?:nothing|nobody|no\s+one|not|n['’]t|never|failed\s+to|unable\s+to)\s+(?:\w+\s+)?$", re.I)


def guarded_against(prose: str, start: int) -> bool:
    """The words at `start` are what a safeguard keeps from happening."""
    kept = _KEPT_FROM.search(prose, max(0, start - 160), start)
    return kept is not None and not _GUARD_FAILED.search(prose, max(0, kept.start() - 30), kept.start())


def _denied(prose: str, start: int) -> bool:
    denied = _DENIED_SUBJECT.match(agents.clause_before(prose, start))
    if not denied:
        return False
    what = (denied.group("what") or "").lower()
    return what not in ("one", "body") and not agents.is_role_word(what)


def asserted(prose: str, start: int) -> bool:
    """True when the slip at `start` is asserted: neither denied nor guarded against."""
    return not _denied(prose, start) and not guarded_against(prose, start)


# A mis- participle between a determiner or a finding verb and a noun describes the noun's state:
# "the misconfigured proxy", "uncovered misconfigured infrastructure" (not "we misconfigured the proxy").
_ATTRIBUTIVE_BEFORE = lazy(r"\b(?:a|an|the|some|any|our|their|its|this|that|these|those|his|her|my|your|"
                           r"(?:found|uncovered|discovered|spotted|noticed|saw|seen)\s+(?:a\s+|an\s+|some\s+|two\s+)?)\s*$",
                           re.I)
_NOUN_AFTER = lazy(r"\s+(?!(?:the|a|an|our|their|its|this|that|these|those|to|in|on|of|for|with|by|at|from|and|or|"
                   r"it|them|us|me|him|her|as|again|twice)\b)[a-z][a-z-]+\b")


def attributive(prose: str, start: int, end: int) -> bool:
    """The -ed word at prose[start:end] modifies the noun after it."""
    return prose[start:end].lower().endswith("ed") and bool(_ATTRIBUTIVE_BEFORE.search(prose, 0, start)) \
        and bool(_NOUN_AFTER.match(prose, end))


# A slip adverb in a relative passive on what a finding verb found describes the found thing's state,
# as the attributive participle does: "we found 40 keys that were accidentally logged".
_FOUND_RELATIVE = lazy(r"\b(?:found|uncovered|discovered|spotted|noticed|identified|detected|located)\s+"
                       r"(?:[\w-]+\s+){1,6}?(?:that|which)\s+(?:had\s+been|have\s+been|has\s+been|were|was|are|is)\s+$",
                       re.I)


def found_relative(prose: str, start: int) -> bool:
    """The adverb at `start` sits in a relative passive describing what someone found."""
    return bool(_FOUND_RELATIVE.search(prose, max(0, start - 120), start))
