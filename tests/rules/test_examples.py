"""Every rule's examples are its tests (generated from the registry)."""

from __future__ import annotations

import pytest

from reviewer.config import Config
from reviewer.engine import review_text
from reviewer.rules.registry import all_rules

RULES = all_rules()


def _apply(text: str, edits) -> str:
    for edit in sorted(edits, key=lambda e: e.span.start, reverse=True):
        text = text[: edit.span.start] + edit.text + text[edit.span.end :]
    return text


def _only(rule_id: str) -> Config:
    return Config(select=[rule_id])


def _hits(rule_id: str, text: str):
    return [f for f in review_text(text, "example.md", _only(rule_id)).findings if f.rule == rule_id]


FLAGGED = [(r.id, i, ex) for r in RULES for i, ex in enumerate(r.flagged)]
PASSING = [(r.id, i, ex) for r in RULES for i, ex in enumerate(r.passing)]


@pytest.mark.parametrize(("rule_id", "index", "example"), FLAGGED, ids=[f"{r}-flagged-{i}" for r, i, _ in FLAGGED])
def test_flagged_example_is_flagged(rule_id, index, example):
    assert _hits(rule_id, example.text), f"{rule_id} did not flag: {example.text!r}"


@pytest.mark.parametrize(("rule_id", "index", "example"), PASSING, ids=[f"{r}-passing-{i}" for r, i, _ in PASSING])
def test_passing_example_passes(rule_id, index, example):
    hits = _hits(rule_id, example.text)
    assert not hits, f"{rule_id} flagged {[h.excerpt for h in hits]} in {example.text!r}"


FIXED = [(r.id, i, ex) for r, i, ex in ((r, i, ex) for r in RULES for i, ex in enumerate(r.flagged)) if ex.fixed]


@pytest.mark.parametrize(("rule_id", "index", "example"), FIXED, ids=[f"{r}-fixed-{i}" for r, i, _ in FIXED])
def test_fixed_version_passes_and_edits_produce_it(rule_id, index, example):
    assert not _hits(rule_id, example.fixed), f"{rule_id} flags its own fixed text {example.fixed!r}"
    hits = _hits(rule_id, example.text)
    edits = [e for h in hits for e in h.edits]
    if edits:
        assert _apply(example.text, edits) == example.fixed


def test_every_rule_has_examples_of_both_kinds():
    for rule in RULES:
        assert rule.flagged, f"{rule.id} has no flagged examples"
        assert rule.passing, f"{rule.id} has no passing examples"


def test_ids_and_names_follow_the_convention():
    import re

    for rule in RULES:
        assert re.fullmatch(r"(BL|AC|ST|TL|HR)\d{3}", rule.id)
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", rule.name)
