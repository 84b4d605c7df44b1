"""Step 2, rewrite: each blamed sentence into neutral causal language that keeps every fact.

A rewrite is accepted only when it passes every check against its source sentence: the fact
lock and negations (verify.py), nothing new (grounding.py: sentences, people, causes,
instructions, content) and no residual blame under the team's own Config. Sentences that fail
are re-asked once with their complaint; what still fails is an RV002 with the reasons.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from reviewer.document import Segment
from reviewer.findings import Edit, Finding, Rewrite
from reviewer.llm import emit
from reviewer.llm.grounding import novel_content
from reviewer.llm.schemas import RewriteAnswer
from reviewer.llm.steps.base import StepContext, describe_batch, nonce
from reviewer.llm.transport import AnswerRejected
from reviewer.llm.verify import surface_facts, verify_rewrite
from reviewer.rules.base import ACCEPTED_NAMES
from reviewer.rules.registry import is_blame_rule

TEMPLATE = "rewrite.j2"
SCHEMA = RewriteAnswer


@dataclass
class RewriteOutcome:
    accepted: dict[int, str] = field(default_factory=dict)  # segment index -> rewrite as the model wrote it
    rejected: dict[int, str] = field(default_factory=dict)  # segment index -> why
    answered: bool = False


def problems(ctx: StepContext, segment: Segment, rewrite: str) -> list[str]:
    """Every reason to refuse `rewrite` of `segment` (both as the model sees them: redacted)."""
    source = ctx.shown(segment)
    check = verify_rewrite(source, rewrite, ctx.blame_hits, glossary=ctx.config.option(ACCEPTED_NAMES))
    return [*check.problems, *novel_content(source, rewrite, ctx.document_text)]


def reasons_for(ctx: StepContext, targets: list[int], default: str | None = None) -> dict[int, str]:
    reasons: dict[int, str] = {i: default for i in targets} if default else {}
    for f in ctx.findings:
        segment = ctx.segment_of(f)
        if segment is not None and segment.index in targets and not f.dismissed and is_blame_rule(f.rule):
            reasons.setdefault(segment.index, f.message.split(":")[0])
    return reasons


async def run(ctx: StepContext, targets: list[int], findings: list[Finding] | None = None,
              default_reason: str | None = None) -> RewriteOutcome:
    """Rewrites of the `targets` segments; `findings` (after the detect merge) give each its reason."""
    if findings is not None:
        ctx = dataclasses.replace(ctx, findings=findings, _shown=ctx._shown)
    reasons = reasons_for(ctx, targets, default_reason)
    segments = [ctx.document.segments[i] for i in sorted(targets)]
    outcome = RewriteOutcome()
    for part in await ctx.transport.gather("rewrite", ctx.batches(segments),
                                           lambda b: rewrite_batch(ctx, b, reasons), describe_batch):
        outcome.accepted.update(part.accepted)
        outcome.rejected.update(part.rejected)
    ctx.transport.usage.accepted_rewrites += len(outcome.accepted)
    ctx.transport.usage.rejected_rewrites += len(outcome.rejected)
    return outcome


async def rewrite_batch(ctx: StepContext, batch: list[Segment], reasons: dict[int, str]) -> RewriteOutcome:
    """Rewrites of one batch; a sentence that fails its checks is asked again (alone with its complaint)."""
    pending = {s.id: s for s in batch}
    complaints: dict[str, str] = {}
    outcome = RewriteOutcome()

    def items() -> list[dict[str, object]]:
        return [{"id": s.id, "text": ctx.shown(s), "why": reasons.get(s.index, "it blames a person"),
                 "facts": surface_facts(ctx.shown(s)), "complaint": complaints.get(s.id, "")}
                for s in pending.values()]

    tag = nonce(ctx.title, *(ctx.shown(s) for s in batch))

    def build(complaint: str) -> str:
        return ctx.outbox.render(TEMPLATE, nonce=tag, title=ctx.title, items=items())

    def check(answer: RewriteAnswer) -> list[str]:
        outcome.answered = True
        got = {r.id: r.rewrite for r in answer.rewrites if r.id in pending}
        complaints.clear()
        for sid, segment in list(pending.items()):
            if sid not in got:
                complaints[sid] = "no rewrite was returned for this sentence"
                continue
            found = problems(ctx, segment, got[sid])
            if found:
                complaints[sid] = "; ".join(found)
            else:
                outcome.accepted[segment.index] = got[sid]
                del pending[sid]
        return [f"{sid}: {why}" for sid, why in complaints.items()]

    try:
        await ctx.transport.ask(schema=SCHEMA, step="rewrite", nonce=tag, build=build, check=check)
    except AnswerRejected:
        if not outcome.answered:
            raise  # no usable answer at all: the batch failed
    outcome.rejected = {s.index: complaints.get(sid, "rejected") for sid, s in pending.items()}
    return outcome


def merge(ctx: StepContext, findings: list[Finding], outcome: RewriteOutcome) -> tuple[list[Finding], list[Rewrite]]:
    """Attach accepted rewrites to their blame findings (an edit of the whole segment); RV002 for the rest."""
    restored = {i: ctx.outbox.restore(text) for i, text in outcome.accepted.items()}
    out: list[Finding] = []
    for f in findings:
        segment = ctx.segment_of(f)
        if segment is not None and segment.index in restored and is_blame_rule(f.rule) and not f.dismissed:
            text = restored[segment.index]
            f = dataclasses.replace(f, suggestion=text, edits=(Edit(segment.span, text),),
                                    note=(f.note + "; " if f.note else "") + "rewrite by the LLM, verified")
        out.append(f)
    typed = [Rewrite(i, ctx.document.segments[i].span, text, True) for i, text in sorted(restored.items())]
    for index, why in sorted(outcome.rejected.items()):
        span = ctx.document.segments[index].span
        emit.add(out, ctx.document, "RV002", span,
                 f"LLM rewrite rejected: {why}; the rule finding stands without a rewrite", ctx.config)
        typed.append(Rewrite(index, span, "", False, tuple(why.split("; "))))
    return out, typed
