"""The LLM's blame taxonomy is the rules': schema, prompt and merge derive it from the registry."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from reviewer.llm import prompts
from reviewer.llm.schemas import CATEGORY_RULE, DetectAnswer
from reviewer.rules.registry import blame_categories


def test_the_answer_schema_offers_exactly_the_registry_categories():
    schema = json.dumps(DetectAnswer.model_json_schema())
    assert CATEGORY_RULE == blame_categories()
    enum = DetectAnswer.model_json_schema()["$defs"]["SegmentVerdict"]["properties"]["category"]["anyOf"][0]["enum"]
    assert enum == list(blame_categories()) and '"hr"' in schema


def test_an_unknown_category_fails_validation():
    verdict = {"id": "s1", "verdict": "blame", "category": "rudeness", "quote": "x", "reason": "r"}
    with pytest.raises(ValidationError):
        DetectAnswer.model_validate({"verdicts": [verdict]})


def test_the_detect_prompt_lists_every_category_with_its_rule_summary():
    system = prompts.render("system.j2", step="detect", nonce="n", categories=prompts.categories())
    for item in prompts.categories():
        assert f"- {item['name']}: {item['summary']}" in system
    assert len(prompts.categories()) == len(blame_categories())
