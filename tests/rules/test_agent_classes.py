"""The people nouns BL001's shapes match are people to the clause classifier too.

Agent detection had drifted apart: a shape's own pattern knew "coworkers" or "nurses" as people while
`agents.subject_of` (which BL003, BL006 and others ask) did not, so the same subject blamed in one rule
and was unknown in the next. This keeps the closed classes in step."""

from __future__ import annotations

import re

from reviewer.rules import agents
from reviewer.rules.blame import compound_shapes, person_shapes

# Nouns that name a machine as often as a person: the shapes may take them, the classifier must not.
_EITHER = {"worker", "workers", "member", "members"}


def _nouns(alternation: str) -> set[str]:
    words = set()
    for alt in alternation.split("|"):
        word = re.sub(r"\(\?-i:|\(\?:|\)|\?|s\?", "", alt).replace(r"\s+", " ").replace("-?", "-").strip().lower()
        if word and re.fullmatch(r"[a-z][a-z -]*", word):
            words.add(word)
    return words


def test_people_body_nouns_are_roles() -> None:
    body = person_shapes._PEOPLE_BODY
    nouns = _nouns(body[body.index("(?:team|") + 3:])
    assert {"team", "co-workers", "staff member"} <= nouns  # the parse found the noun list
    missing = sorted(n for n in nouns - _EITHER if not agents.is_role_word(n) and n not in agents.roles())
    assert missing == []


def test_staff_nouns_are_roles() -> None:
    staff = compound_shapes._STAFF
    nouns = set(re.findall(r"[a-z]+", staff[staff.index("(?:employees"):])) - {"s", "of"}
    missing = sorted(n for n in nouns - _EITHER if not agents.is_role_word(n))
    assert missing == []


def test_a_coworker_subject_is_a_person() -> None:
    text = "One of my coworkers was mistaken about the retention window."
    assert agents.subject_of(text, text.index(" was")) is agents.Agent.PERSON
