"""Rule pages are user-facing: they speak of the product, not of how it was made."""

from __future__ import annotations

import re

import pytest

from reviewer.rules.docs import rule_markdown
from reviewer.rules.registry import all_rules

# Words that point at our own development material (design notes, labelled data, the team).
_INTERNAL = re.compile(r"\b(?:seed|fixtures?|dev split|test split|the brief|helper|coordinator|issue \d+)\b", re.I)


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.id)
def test_rule_page_has_no_internal_references(rule):
    found = _INTERNAL.findall(rule_markdown(rule))
    assert not found, f"{rule.id} page mentions {found}"
