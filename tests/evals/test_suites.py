"""Suites on a tiny synthetic fixture tree: unit mapping, counts, and the LLM plug-in path."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reviewer.evals import data, harness, suites
from reviewer.evals.outcome import EvalOptions
from reviewer.evals.reviewers import Review, RulesReviewer
from reviewer.rules.action_items.item import is_action_item

PM = """# Postmortem: canary skipped

## Summary

Bob should have checked the canary dashboard. The deploy failed to start on 3 of 40 hosts.

## Action items

- Remind engineers to check the canary before promoting (@dana)
- Add a pre-merge check that rejects configs without a TTL (@dana)
"""

LABELS = {
    "schema_version": 1, "id": "pm-900", "split": "test", "kind": "bad-deploy", "style": "free-form",
    "tone": "subtle",
    # (a note this short owes no timeline, detection or lessons section: ST001 holds it to the others)
    "structure": {"missing_sections": ["impact", "root-cause", "resolution"],
                  "impact_quantified": True, "timeline_timestamps": True, "timeline_in_order": True},
    "blame": [{"quote": "Bob should have checked the canary dashboard", "category": "counterfactual",
               "must_keep": ["canary"]}],
    "hard_negatives": [{"quote": "The deploy failed to start on 3 of 40 hosts"}],
    "action_items": [
        {"quote": "Remind engineers to check the canary before promoting", "label": "reminder", "owner": True},
        {"quote": "Add a pre-merge check that rejects configs without a TTL", "label": "guardrail", "owner": True},
    ],
}


def _jsonl(path: Path, rows: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


@pytest.fixture
def fixtures(tmp_path: Path) -> Path:
    import yaml

    root = tmp_path / "fixtures"
    (root / "postmortems").mkdir(parents=True)
    (root / "postmortems" / "pm-900-canary.md").write_text(PM, encoding="utf-8")
    (root / "postmortems" / "pm-900-canary.labels.yaml").write_text(yaml.safe_dump(LABELS), encoding="utf-8")
    _jsonl(root / "sentences" / "test.jsonl", [
        {"id": "s-1", "text": "Root cause: human error.", "label": "blame", "category": "human-error",
         "hard_negative": False, "section": "root-cause", "must_keep": []},
        {"id": "s-2", "text": "Alice paged the database team at 14:02 UTC.", "label": "neutral", "category": None,
         "hard_negative": True, "section": "timeline", "must_keep": []},
    ])
    _jsonl(root / "action_items" / "test.jsonl", [
        {"id": "a-1", "text": "Remind everyone to check the dashboard before deploying", "label": "reminder",
         "owner": None, "form": "list"},
        {"id": "a-2", "text": "Alert when cert expiry < 14 days, linked to the renewal runbook", "label": "detection",
         "owner": "@sre", "form": "table"},
    ])
    _jsonl(root / "regression" / "cases.jsonl", [
        {"id": "r-1", "kind": "sentence", "text": "The deploy failed to start on 3 of 40 hosts.", "expect": "neutral",
         "reason": "system failure"},
        {"id": "r-2", "kind": "action_item", "text": "Run a training session on the deploy tool", "expect": "training",
         "reason": "training is weak"},
    ])
    return root


def test_dataset_loads_and_locates_quotes(fixtures):
    ds = data.load("test", fixtures)
    assert [pm.id for pm in ds.postmortems] == ["pm-900"]
    quote = ds.postmortems[0].blame[0]
    assert PM[quote.start:quote.end] == quote.text
    assert len(ds.sentences) == 2 and len(ds.action_items) == 2 and len(ds.regression) == 2
    with pytest.raises(data.FixtureError, match="missing fixture file"):
        data.load("dev", fixtures)  # no sentences/dev.jsonl here


def test_dataset_version_changes_with_the_fixtures(fixtures):
    before = data.dataset_version(fixtures)
    assert before == data.dataset_version(fixtures)
    (fixtures / "sentences" / "test.jsonl").write_text("", encoding="utf-8")
    assert data.dataset_version(fixtures) != before


def test_bad_quote_is_a_fixture_error(fixtures):
    labels = fixtures / "postmortems" / "pm-900-canary.labels.yaml"
    labels.write_text(labels.read_text().replace("Bob should have", "Rob should have"), encoding="utf-8")
    with pytest.raises(data.FixtureError, match="quote not found"):
        data.load("test", fixtures)


def test_blame_and_action_scoring_on_the_synthetic_document(fixtures):
    ctx = suites.Context(RulesReviewer(), data.load("test", fixtures), resamples=50)
    blame, units = suites.run_blame(ctx)
    pm = blame["postmortems"]
    assert (pm["tp"], pm["fp"], pm["fn"]) == (1, 0, 0)
    assert pm["hard_negatives"] == {"n": 1, "flagged": 0, "fp_rate": 0.0}
    assert pm["per_category"]["counterfactual"]["recall_any_rule"] == 1.0
    sent = blame["sentences"]
    assert (sent["tp"], sent["fp"], sent["fn"]) == (1, 0, 0)
    actions, _ = suites.run_actions(ctx)
    a = actions["all"]
    assert a["n"] == 4 and a["label_space"] == "coarse"
    assert a["reminder_like"]["recall"] == 1.0 and a["reminder_like"]["precision"] == 1.0
    assert a["macro_f1"] == 1.0 and a["reminder_called_guardrail_rate"] == 0.0
    conf = a["confusion"]
    assert conf["matrix"][conf["rows"].index("reminder")][conf["cols"].index("reminder-like")] == 2
    assert actions["postmortems"]["owner"]["accuracy"] == 1.0
    structure, _ = suites.run_structure(ctx)
    assert structure["checks"]["missing_section"]["recall"] == 1.0
    regression, _ = suites.run_regression(ctx)
    assert regression["failed"] == []


class FineReviewer:
    """What the LLM chain's adapter looks like to the harness: fine labels and rewrites."""

    name = "rules+llm:fake"
    model = "fake-2026-01-01"
    prompt_fingerprint = "sha256:test"
    label_space = "fine"

    def review(self, text: str, path: str) -> Review:
        review = RulesReviewer().review(text, path)
        for seg in review.document.segments:
            if is_action_item(seg):
                review.action_labels[(seg.span.start, seg.span.end)] = (
                    "reminder" if "Remind" in seg.text else "guardrail")
            elif "should have" in seg.text:
                review.rewrites[(seg.span.start, seg.span.end)] = "The canary dashboard was not checked."
        return review


def test_an_llm_reviewer_plugs_in_with_fine_labels_and_rewrites(fixtures):
    opts = EvalOptions(split="test", fixtures=fixtures, resamples=50)
    results, _ = harness.run_suites(FineReviewer(), data.load("test", fixtures), opts)
    a = results["action-items"]["all"]
    assert a["label_space"] == "fine"
    # gold: reminder, guardrail (pm) + reminder, detection (flat); pred: reminder, guardrail, reminder, guardrail
    assert a["fine"]["per_class"]["detection"]["recall"] == 0.0
    assert a["reminder_recall"] == 1.0
    conf = a["confusion"]
    assert conf["matrix"][conf["rows"].index("detection")][conf["cols"].index("guardrail")] == 1
    rewrites = results["rewrites"]
    assert rewrites["source"] == "llm" and rewrites["rewrites"] == 1
    assert rewrites["facts_kept_rate"] == 1.0 and rewrites["residual_blame_rate"] == 0.0
