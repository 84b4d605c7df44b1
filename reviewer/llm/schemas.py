"""The structured answers each step must return. LLM output is untrusted: these models are
strict (no extra fields), and our own checks (verify.py) run on top of them."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

Category = Literal["person-as-cause", "human-error", "counterfactual", "hindsight", "moral", "accident-framing",
                   "animated", "interrogation", "hr"]
ActionLabel = Literal["reminder", "training", "documentation", "vigilance", "guardrail", "constraint",
                      "decision-policy", "detection", "investigation"]
WEAK_LABELS = frozenset({"reminder", "training", "documentation", "vigilance"})

# The rule each blame category reports under, so LLM findings read like rule findings.
CATEGORY_RULE = {
    "person-as-cause": "BL001", "human-error": "BL002", "counterfactual": "BL003", "hindsight": "BL004",
    "moral": "BL005", "accident-framing": "BL006", "animated": "BL007", "interrogation": "BL008", "hr": "HR001",
}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SegmentVerdict(_Strict):
    id: str
    verdict: Literal["blame", "neutral"]
    category: Category | None
    quote: str | None
    reason: str


class DetectAnswer(_Strict):
    verdicts: list[SegmentVerdict]


class Rewrite(_Strict):
    id: str
    rewrite: str


class RewriteAnswer(_Strict):
    rewrites: list[Rewrite]


class ActionVerdict(_Strict):
    id: str
    label: ActionLabel
    owner_ok: bool
    owner_note: str | None
    guardrail: str | None


class ActionAnswer(_Strict):
    items: list[ActionVerdict]


SCHEMAS: tuple[type[BaseModel], ...] = (DetectAnswer, RewriteAnswer, ActionAnswer)
