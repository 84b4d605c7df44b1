"""Every rule's cases are its tests: its examples (also its docs) and tests/rules/cases/<ID>.yaml.

Each case checks its contract (flagged / passing, edits give the fixed text, the fixed text
passes) and its full diagnostics against tests/rules/snapshots/<ID>.yaml, so a span or
message change shows up in the case it affects. Rewrite snapshots: python -m tests.rules.cases
"""

from __future__ import annotations

import re

import pytest

from reviewer.rules.registry import GROUPS, all_rules
from tests.rules.cases import all_cases, apply_edits, diagnostics, findings, load_snapshot

RULES = all_rules()
CASES = all_cases()


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_case_contract(case):
    found = findings(case)
    if case.expect == "flagged":
        assert found, f"{case.rule} did not flag: {case.text!r}"
    else:
        assert not found, f"{case.rule} flagged {[f.excerpt for f in found]} in {case.text!r}"
    if case.fixed is not None:
        assert not findings(case, case.fixed), f"{case.rule} flags its own fixed text {case.fixed!r}"
        edits = [e for f in found for e in f.edits]
        if edits:
            assert apply_edits(case.text, edits) == case.fixed


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_case_diagnostics_match_snapshot(case):
    expected = load_snapshot(case.rule)
    assert case.name in expected, f"no snapshot for {case.id}: run python -m tests.rules.cases"
    assert diagnostics(case) == expected[case.name], (
        f"{case.id} changed; if intended, run python -m tests.rules.cases and review the diff")


def test_snapshots_have_no_orphans():
    names = {(c.rule, c.name) for c in CASES}
    for rule in RULES:
        orphans = [n for n in load_snapshot(rule.id) if (rule.id, n) not in names]
        assert not orphans, f"{rule.id}: snapshot entries without a case: {orphans}"


def test_every_rule_has_examples_of_both_kinds():
    for rule in RULES:
        assert rule.flagged, f"{rule.id} has no flagged examples"
        assert rule.passing, f"{rule.id} has no passing examples"


def test_ids_and_names_follow_the_convention():
    for rule in RULES:
        assert re.fullmatch(rf"({'|'.join(GROUPS)})\d{{3}}", rule.id) and rule.group != "RV"
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", rule.name)
