"""The structured answers each step must return. LLM output is untrusted: these models are
strict (no extra fields), and our own checks (verify.py, grounding.py) run on top of them.

The blame categories are not written here: they are the categories the rules declare
(`reviewer.rules.registry.blame_categories`), so a new blame rule with a new category reaches
the answer schema, the prompt and the merge without touching this package.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, WithJsonSchema

from reviewer.rules.registry import blame_categories

# Category -> the rule that reports it, so LLM findings read like rule findings.
CATEGORY_RULE: dict[str, str] = blame_categories()
WEAK_LABELS = frozenset({"reminder", "training", "documentation", "vigilance"})
ActionLabel = Literal["reminder", "training", "documentation", "vigilance", "guardrail", "constraint",
                      "decision-policy", "detection", "investigation"]


def _known_category(value: str) -> str:
    if value not in CATEGORY_RULE:
        raise ValueError(f"unknown category {value!r} (one of {', '.join(CATEGORY_RULE)})")
    return value


# A string restricted to the registry's categories: an enum in the JSON schema the server sees,
# and a validator for clients that do not enforce the schema.
Category = Annotated[str, WithJsonSchema({"type": "string", "enum": list(CATEGORY_RULE)}),
                     AfterValidator(_known_category)]


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
