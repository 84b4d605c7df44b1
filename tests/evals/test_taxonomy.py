"""One taxonomy: the eval data, the suites and the fixture validator take the blame categories
from the rules (reviewer.rules.registry), never from a list of their own."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

from reviewer.evals import data
from reviewer.evals.suites import rule_category
from reviewer.rules.registry import BLAME_GROUPS, all_rules, blame_categories

ROOT = Path(__file__).resolve().parents[2]


def _validator():
    spec = importlib.util.spec_from_file_location("validate_fixtures", ROOT / "scripts" / "validate_fixtures.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_categories_come_from_the_registry():
    assert set(data.blame_categories()) == set(blame_categories())
    assert _validator().BLAME_CATEGORIES == set(blame_categories())
    assert rule_category() == {r.id: r.category for r in all_rules() if r.category is not None}
    assert {rid[:2] for rid in rule_category()} <= set(BLAME_GROUPS)


def test_no_hand_written_category_list_in_the_harness_or_validator():
    sources = [*(ROOT / "evals").rglob("*.py"), ROOT / "scripts" / "validate_fixtures.py"]
    for path in sources:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"[\"']accident-framing[\"']", text), path
        assert not re.search(r"\(\s*[\"']BL[\"']\s*,\s*[\"']HR[\"']\s*\)", text), path
