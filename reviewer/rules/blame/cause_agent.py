"""Who a "caused by / due to / traced to <Name>" phrase names: a person only on a person's evidence.

After a cause preposition, a capitalised word is far more often a product, an organisation or a
title-cased term ("due to Twilio webhooks", "traced to Kestrel's controller", "caused by Uneven
IAVL Tree Heights") than a person, and capitals prove nothing there: the word is not a subject
doing an act we could judge, only a noun the sentence names as the cause. So the name must carry
evidence of its own that it is a person: a handle, a known given name (not followed by the thing it
qualifies), or a relative clause only people take (", who ...").

Measured with scripts/blame_paths.py: the shape made no true positive on the real development
sentences and its findings on real development documents were wrong (a vendor, an organisation).
"""

from __future__ import annotations

from reviewer.patterns import lazy
from reviewer.rules import agents

# A name run (more capitalised words may follow the two the shape took) qualifying a lower-case
# plural noun: "Discord permissions issues", "Acme Cloud Storage errors".
_PLURAL_NEXT = lazy(r"(?:\s+[A-Z][\w-]*)*\s+([a-z][a-z-]*s)\b")
_NOT_NOUNS = frozenset("was is has does as us his this yes its".split())
# The capitalised run after the name holds an all-capitals acronym ("Uneven IAVL Tree Heights").
_ACRONYM_IN_RUN = lazy(r"(?:\s+[A-Z][\w-]*)*?\s+[A-Z]{2,}[0-9-]*(?![\w'’])")
# A relative clause or apposition only a person takes: "caused by Siobhán, who pushed ...".
_WHO_FOLLOWS = lazy(r",?\s+who\b")


def names_a_person(prose: str, start: int, end: int) -> bool:
    """Is prose[start:end], the name after a cause preposition, a person?"""
    plural = _PLURAL_NEXT.match(prose, end)
    if plural and plural.group(1).lower() not in _NOT_NOUNS:
        return False  # the name qualifies a thing: it is no agent
    if _ACRONYM_IN_RUN.match(prose, end):
        return False  # a title-cased term: no person's name holds an acronym
    if _WHO_FOLLOWS.match(prose, end):
        return True
    first = prose[start:end].split()[0]
    if first.startswith("@"):
        return True
    return first.removesuffix("'s").removesuffix("’s").lower() in agents.names()
