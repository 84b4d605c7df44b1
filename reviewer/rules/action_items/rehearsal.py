"""An exercise that carries out a procedure: a run of the procedure itself, not a reminder of it.

"Conduct trial runs of the failover procedure on the staging network", "hold rehearsals of the restore
runbook": the activity's object is an act of carrying out (a run, a rehearsal) whose "of" names a
procedure. The procedure is executed on a system, and the gaps it shows are found by doing, so the item
is a practice on a system (a mechanism that tests the runbook), not an appeal to memory. Reading the
procedure ("a review of the runbook"), being told of it ("remind the team of the procedure") or a
session for people ("a training session", "a drill": reminders.yaml, document_objects.yaml) are not.
"""

from __future__ import annotations

import re

from reviewer.rules.action_items.clause import denominal, verb_tags
from reviewer.rules.action_items.phrases import _head_kind, noun_phrase

# Verbs that read or inspect: "a review of the runbook" is reading it, not carrying it out.
_READS = frozenset(
    {
        "test",
        "check",
        "verify",
        "confirm",
        "review",
        "audit",
        "inspect",
        "monitor",
        "watch",
        "observe",
        "look",
        "read",
        "double-check",
        "recheck",
        "track",
        "walk",
    }
)
_OF = re.compile(r"\bof\s+(.+)", re.I | re.S)


def _verb(noun: str) -> str:
    """The verb a noun names the act of ('rehearsal' -> 'rehearse', 'runs' -> 'run'), or ''."""
    word = noun.lower()
    singular = word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word
    for form in (word, singular):
        verb = denominal(form) or (form if form in verb_tags() else "")
        if verb:
            return verb
    return ""


def carries_out_procedure(obj: list[str], rest: str) -> bool:
    """The object is a run of a procedure: an act-of-doing noun with a document-kind "of" complement."""
    if not obj:
        return False
    verb = _verb(obj[-1])
    if verb in _READS or verb_tags().get(verb, "") not in ("activity", "practice"):
        return False
    at = rest.find(obj[-1])
    complement = _OF.match(rest, at + len(obj[-1]) + 1) if at >= 0 else None
    return complement is not None and _head_kind(noun_phrase(complement.group(1))) == "document"
