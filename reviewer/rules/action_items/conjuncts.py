"""Whether an item builds a mechanism beside what it writes: a further clause or a conjoined object
("update the runbook and the deploy script", "improve the documentation and tooling")."""

from __future__ import annotations

import re

from reviewer.rules import lexicon


def builds_further(head: str) -> bool:
    """A further clause ('... and add an alert') names a mechanism the item also builds."""
    further = re.split(r"\s+and\s+|;", head, maxsplit=1)[1:]
    # ... or a conjoined system artifact: "the runbook and the deploy script" (not "... and the monitoring guide")
    return any(True for part in further for _ in lexicon.load("guardrail_signals").finditer(part)) or any(
        _artifact(part) for part in further)


def _artifact(part: str) -> bool:
    """The conjunct opens on a system artifact and names no document ("the retry and timeout settings to
    the operator handbook" is a text about them)."""
    words = part.split()
    return any(True for _ in lexicon.load("mechanism_objects").finditer(" ".join(words[:4]))) and not any(
        True for _ in lexicon.load("document_objects").finditer(" ".join(words[:6])))
