"""BL006's slips that the sentence already reads as the system's (a small module: accident.py is at
the size limit).

A sentence that puts the slip down to a missing safeguard is the framing BL006 asks for: "the patch
was accidentally shipped to every region because of a lack of release gates" names the gap, and
flagging its adverb would ask the writer for what they wrote. The safeguard nouns are a word list on
purpose: they are the names of the things the rule's own advice tells writers to name (a check, a
gate, a review, a guardrail), and "a lack of sleep" or "a lack of care" must stay a person's state.

"The setting was changed to an incorrect value": the judged words are the result a change left in
a thing (what the value became), not an object someone picked ("the wrong key was uploaded").
"""

from __future__ import annotations

import re

from reviewer.patterns import lazy

_SAFEGUARD = (
    r"(?:guard-?rails?|safeguards?|safety\s+(?:nets?|checks?)|checks?|checking|validation|verification|"
    r"reviews?|approvals?|confirmations?|protections?|controls?|tests?|testing|alerts?|alerting|"
    r"monitoring|locks?|gates?|gating|guards?|canar(?:y|ies)|staging|automation|tooling|"
    r"(?:change\s+)?process(?:es)?|procedures?|runbooks?)"
)
# "due to a lack of guardrails around deploys", "because there was no review step", "as nothing checked ..."
_MISSING_CAUSE = lazy(
    r"\b(?:due\s+to|because\s+of|owing\s+to|caused\s+by|as\s+a\s+result\s+of|for\s+(?:want|lack)\s+of|"
    r"because(?:\s+there\s+(?:was|were|is|are))?|since(?:\s+there\s+(?:was|were|is|are))?)\s+"
    r"(?:(?:a|an|the)\s+)?(?:(?:lack|absence)\s+of|missing|no|insufficient|inadequate)\s+"
    r"(?:(?:[\w-]+\s+){0,3}?)" + _SAFEGUARD + r"\b",
    re.I,
)
_SENTENCE_END = lazy(r"[.!?](?:\s|$)|;")


def missing_safeguard_named(prose: str, end: int) -> bool:
    """The rest of the sentence after the slip at `end` puts it down to a missing safeguard."""
    stop = _SENTENCE_END.search(prose, end)
    return bool(_MISSING_CAUSE.search(prose, end, stop.start() if stop else len(prose)))


# "was changed to", "got reset to", "had been set to": a passive change and its result.
_RESULT_OF_CHANGE = lazy(
    r"\b(?:was|were|been|got|is|are)\s+(?:\w+ly\s+)?(?:changed|set|reset|updated|rewritten|"
    r"overwritten|switched|flipped|reverted|modified|templated|populated|filled)\s+to\s+$",
    re.I,
)


def result_of_change(prose: str, start: int) -> bool:
    """The judged words at `start` are what a passive change made a thing into."""
    return bool(_RESULT_OF_CHANGE.search(prose, max(0, start - 60), start))


def systemic(prose: str, tag: str, match: re.Match[str]) -> bool:
    """The sentence reads the slip as the system's: a missing safeguard named as its cause, or a
    wrong result left in a thing by a change. Negated awareness ("nobody realised ...") is not read
    here: a missing alert explaining it is accident.py's own reading."""
    if tag == "cognition":
        return False
    if tag == "judged":
        lead = re.match(r"to\s+", match.group(), re.I)
        start = match.start() + lead.end() if lead else match.start()
        if result_of_change(prose, start):
            return True
    return missing_safeguard_named(prose, match.end())
