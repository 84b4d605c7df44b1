"""The versioned HTTP API (/v1): request schemas and thin handlers over `service`.

Request bodies are JSON with unknown keys refused (422). Config options in a body may narrow
or adjust the review (rules, severities, sections, words) but never reach the LLM settings,
file limits or per-path globs: those stay the server's.
"""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Request
from pydantic import BaseModel, ConfigDict, Field

from reviewer import __version__
from reviewer.config import Config, known_rule_selector, with_overrides
from reviewer.errors import ConfigError
from reviewer.rules.base import ACCEPTED_NAMES, EXTRA_BLAME_WORDS
from reviewer.rules.structure.sections import SectionName
from reviewer.serve import service
from reviewer.serve.rewrite import LLMUnavailable, SegmentRewriter

MAX_PATH = 500


def _kebab(name: str) -> str:
    return name.replace("_", "-")


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid", alias_generator=_kebab, populate_by_name=True)


class WordOptions(_Body):
    accepted_names: list[str] = Field(default_factory=list)
    extra_blame_words: list[str] = Field(default_factory=list)


class ReviewOptions(_Body):
    """The config keys a request may set (same names as `.pmreview.toml`)."""

    select: list[str] | None = None
    ignore: list[str] = Field(default_factory=list)
    severity: dict[str, Literal["error", "warning", "info"]] = Field(default_factory=dict)
    options: dict[str, Any] | None = Field(None, description="Rule options, as `[options]` in `.pmreview.toml` "
                                                             "(see GET /v1/rules); each replaces the server's.")
    required_sections: list[SectionName] | None = None  # older spelling of options.required-sections
    words: WordOptions | None = None  # older spelling of two options; these add to the server's


class ReviewRequest(_Body):
    text: str = Field(description="The Markdown draft.")
    path: str = Field("draft.md", max_length=MAX_PATH, description="A display name only; never opened.")
    config: ReviewOptions | None = None
    annotations: bool = Field(False, description="Wrap the report with offsets, ids and before/after per finding "
                                                 "(what the review page uses).")


class FixRequest(_Body):
    text: str
    path: str = Field("draft.md", max_length=MAX_PATH)
    config: ReviewOptions | None = None
    ids: list[str] = Field(default_factory=list, description="Suggestion ids: `fingerprint@line:column` from a "
                                                             "review of this text, or a bare fingerprint.")
    safe: bool = Field(False, description="Also apply every safe suggestion (mechanical edits).")


class RewriteRequest(_Body):
    text: str
    path: str = Field("draft.md", max_length=MAX_PATH)
    config: ReviewOptions | None = None
    id: str = Field(description="The id of a blame-language finding; its sentence is rewritten.")


def effective_config(base: Config, options: ReviewOptions | None) -> Config:
    if options is None:
        return base
    names = [*(options.select or []), *options.ignore, *options.severity]
    unknown = [n for n in names if not known_rule_selector(n)]
    if unknown:
        raise service.BadInput(f"unknown rule {unknown[0]!r} (see GET /v1/rules)")
    overrides: dict[str, Any] = {"ignore": options.ignore, "severity": options.severity,
                                 "options": options.options or {}}
    if options.select is not None:
        overrides["select"] = options.select
    if options.required_sections is not None:
        overrides["required-sections"] = options.required_sections
    if options.words is not None:
        overrides["words"] = {
            "accepted-names": [*ACCEPTED_NAMES.configured(base.options), *options.words.accepted_names],
            "extra-blame-words": [*EXTRA_BLAME_WORDS.configured(base.options), *options.words.extra_blame_words],
        }
    try:
        return with_overrides(base, overrides, "config.")
    except ConfigError as exc:
        raise service.BadInput(str(exc)) from None


def _reviewed(request: Request, body: ReviewRequest | FixRequest | RewriteRequest) -> tuple[service.Reviewed, Config]:
    base: Config = request.app.state.config
    config = effective_config(base, body.config)
    text = service.check_text(body.text, body.path, base.max_file_bytes)
    return service.review(text, body.path, config), config


router = APIRouter(prefix="/v1")


@router.post("/review", summary="Review a draft: the same JSON report as `pmreview check --format json`")
def review(request: Request, body: ReviewRequest) -> dict:
    reviewed, config = _reviewed(request, body)
    report = service.report_json(reviewed)
    if not body.annotations:
        return report
    return {"report": report, "annotations": service.annotate(reviewed), "summary": service.summary(reviewed),
            "checklist": service.checklist(reviewed, config)}


@router.post("/fix", summary="Apply chosen suggestions: the new text and a unified diff")
def fix(request: Request, body: FixRequest) -> dict:
    if not body.ids and not body.safe:
        raise service.BadInput("name suggestions in 'ids', or set 'safe': true")
    reviewed, _ = _reviewed(request, body)
    plan = service.fix(reviewed, body.ids, body.safe)
    return {"text": plan.after, "diff": plan.diff(), "applied": len(plan.edits), "skipped": plan.skipped,
            "guidance": [service.finding_id(f) for f in plan.guidance]}


@router.post("/rewrite", summary="Rewrite one blame-language sentence with the LLM, verified")
async def rewrite(request: Request, body: RewriteRequest) -> dict:
    rewriter: SegmentRewriter | None = request.app.state.rewriter
    if rewriter is None:
        raise LLMUnavailable("no LLM is configured: restart with `pmreview serve --llm` (and OPENAI_API_KEY or "
                             "--llm-base-url/--llm-model)")
    from starlette.concurrency import run_in_threadpool

    reviewed, _ = await run_in_threadpool(_reviewed, request, body)
    finding = next((f for f in reviewed.report.findings if service.finding_id(f) == body.id), None)
    if finding is None:
        raise service.BadInput(f"unknown finding id {body.id!r} for this text")
    if not rewriter.applies_to(finding) or finding.segment_span is None:
        raise service.BadInput(f"{finding.rule} is not blame language: only BL and HR findings are rewritten")
    span = finding.segment_span
    before = reviewed.text[span.start : span.end]
    outcome = await rewriter.rewrite(before, finding)
    u16 = service.Utf16(reviewed.text)
    return {"id": body.id, "before": before, "after": outcome.after, "verified": outcome.verified,
            "reason": outcome.reason, "usage": outcome.usage, "start": u16(span.start), "end": u16(span.end)}


@router.get("/rules", summary="Every rule with its rationale and guardrail")
def rules() -> dict:
    return {"families": service.FAMILIES, "rules": service.rules_json()}


def health(request: Request) -> dict:
    state = request.app.state
    return {"status": "ok", "version": __version__, "llm": state.rewriter is not None,
            "max_bytes": state.config.max_file_bytes}
