"""BL001: taking a service down on purpose. "I took down the API to swap the database", "we brought the
site down for planned maintenance": a purpose or a maintenance reason makes the take-down planned work,
not harm done; "I took down checkout while cleaning up volumes" names no purpose and still blames.

Split from person_shapes.py (at the module size limit).
"""

from __future__ import annotations

import re

from reviewer.patterns import lazy

_TAKE_DOWN = ("took down", "brought down", "taken down")
# A purpose infinitive ("to swap", not "to the ground", "to zero") or a maintenance reason, in the
# take-down's own clause (before a comma or a conjunction: "..., and we spent an hour trying to restore it").
_PURPOSE = lazy(r"^(?:(?!\b(?:and|but|while|when|which|after|trying|tried)\b)[^.;,:!?])*?\b(?:(?:in\s+order\s+)?to\s+(?!(?:the|a|an|our|its|their|zero|nothing|half|\d)\b)[a-z]{3,}\b|"
                r"for\s+(?:a\s+|the\s+|some\s+|an?\s+hour\s+of\s+)?(?:planned\s+|scheduled\s+|routine\s+)?"
                r"(?:maintenance|upgrades?|migrations?|patching|cutover|failover))", re.I)


def planned_take_down(verb: str, after: str) -> bool:
    """`verb` ("took down") is followed, in its clause, by the purpose it served."""
    return " ".join(verb.lower().split()).startswith(_TAKE_DOWN) and bool(_PURPOSE.match(after))
