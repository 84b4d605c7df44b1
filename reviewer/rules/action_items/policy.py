"""A process or policy an item sets up for a named decision: a decision policy, not a text for people.

"Define a process for approving schema changes" or "introduce a change-approval process" says
who does what when; "write a runbook", "update the process doc" or "set up processes to avoid
mistakes" (a goal, no decision named) stay documents people are asked to follow.
"""

from __future__ import annotations

import re

from reviewer.patterns import lazy

# Verbs that bring a rule into being (not "update/improve" an existing text, not "write/document" one).
_SETS_UP = frozenset({"create", "define", "establish", "introduce", "develop", "articulate", "build", "set up",
                      "adopt", "implement", "formalize", "formalise", "put", "come up with"})
_RULE_NOUN = lazy(r"\b(?:process|processes|procedure|procedures|policy|policies)\b", re.I)
# Words before the noun that name no decision: determiners and vague qualities ("a clear process").
_EMPTY_MODIFIERS = frozenset("a an the our their its this that these those some any new clear clearer better "
                             "proper formal simple basic robust standard more further additional specific "
                             "written documented official internal structured defined".split())
# A complement that names what the rule decides ("for approving schema changes", "around when to
# create a hub"); a bare goal ("to avoid repeated mistakes") names none.
_RULE_SCOPE = lazy(r"^\s*(?:for|around|on|about|whereby|where|when|whenever|in which|that|which|to)\s+"
                   r"(?!(?:avoid|prevent|stop|reduce|ensure|make sure|minimi[sz]e|improve|help|handle (?:this|it|such)|"
                   r"deal with (?:this|it|such))\b)(?!(?:this|that|it|such|similar|these|those|future|the future|"
                   r"mistakes|errors|incidents like)\b)\w", re.I)


def decision_rule(rest: str) -> bool:
    """The object is a process or policy for a named decision or activity: "define a process for
    approving schema changes", "introduce a change-approval process". It says who does what when:
    a decision policy, not a text people are asked to remember. A manual procedure stays one."""
    words = rest.split()[:7]
    match = _RULE_NOUN.search(" ".join(words))
    if not match or re.search(r"\bmanual(?:ly)?\b", rest, re.I):
        return False
    before = [w.strip(",;:()\"'").lower() for w in " ".join(words)[:match.start()].split()]
    after = rest[rest.lower().find(match.group().lower()) + len(match.group()):]
    return any(w and w not in _EMPTY_MODIFIERS for w in before) or bool(_RULE_SCOPE.match(after))


def sets_up_rule(verb: str, rest: str) -> bool:
    """The clause brings a decision rule into being (verb + object as read by the clause reader)."""
    return verb in _SETS_UP and decision_rule(rest)
