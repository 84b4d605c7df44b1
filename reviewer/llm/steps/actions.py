"""Step 3, action items: classify each item (reminder ... guardrail), check its owner, propose a guardrail.

A proposal is checked like a rewrite before it is shown (grounding.check_proposal: no
instructions to the reviewer, grounded in the item or the incident, nobody new, no blame);
a refused proposal is an RV002 with the reason and the rule's own suggestion stands.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from reviewer.document import SectionKind, Segment
from reviewer.findings import ActionLabel, Finding
from reviewer.llm import emit
from reviewer.llm.grounding import check_proposal
from reviewer.llm.schemas import WEAK_LABELS, ActionAnswer, ActionVerdict
from reviewer.llm.steps.base import StepContext, describe_batch, nonce
from reviewer.rules.action_items.item import is_action_item

TEMPLATE = "actions.j2"
SCHEMA = ActionAnswer
CONTEXT_SECTIONS = (SectionKind.SUMMARY, SectionKind.ROOT_CAUSE, SectionKind.TRIGGER)
RULE = "AC001"  # the reminder rule: what a weak label confirms or adds


@dataclass
class ActionOutcome:
    verdicts: dict[int, ActionVerdict] = field(default_factory=dict)
    proposals: dict[int, str] = field(default_factory=dict)  # accepted, restored
    refused: dict[int, str] = field(default_factory=dict)  # segment index -> why the proposal was refused


def _context(ctx: StepContext) -> str:
    return " ".join(ctx.shown(s) for s in ctx.document.segments if s.section in CONTEXT_SECTIONS)[:4000]


async def run(ctx: StepContext) -> ActionOutcome:
    items = [s for s in ctx.document.segments if is_action_item(s)]
    outcome = ActionOutcome()
    if not items:
        return outcome
    context = _context(ctx)
    for verdicts in await ctx.transport.gather("actions", ctx.batches(items),
                                               lambda b: _batch(ctx, b, context), describe_batch):
        outcome.verdicts.update(verdicts)
    for index, verdict in outcome.verdicts.items():
        if verdict.label not in WEAK_LABELS or not verdict.guardrail or not verdict.guardrail.strip():
            continue
        found = check_proposal(verdict.guardrail, ctx.shown(ctx.document.segments[index]), context,
                               ctx.document_text, ctx.blame_hits)
        if found:
            outcome.refused[index] = "; ".join(found)
        else:
            outcome.proposals[index] = ctx.outbox.restore(" ".join(verdict.guardrail.split()))
    ctx.transport.usage.rejected_proposals += len(outcome.refused)
    return outcome


async def _batch(ctx: StepContext, batch: list[Segment], context: str) -> dict[int, ActionVerdict]:
    by_sid = {s.id: s for s in batch}
    rows = [{"id": s.id, "text": ctx.shown(s)} for s in batch]
    tag = nonce(ctx.title, context, *(r["text"] for r in rows))

    def build(complaint: str) -> str:
        user = ctx.outbox.render(TEMPLATE, nonce=tag, title=ctx.title, context=context, items=rows)
        return user + (f"\nYour previous answer was rejected: {complaint}\n" if complaint else "")

    def check(answer: ActionAnswer) -> list[str]:
        ids = {i.id for i in answer.items}
        problems = []
        if set(by_sid) - ids:
            problems.append(f"no classification for {', '.join(sorted(set(by_sid) - ids))}")
        if ids - set(by_sid):
            problems.append(f"classifications for ids that were not asked: {', '.join(sorted(ids - set(by_sid)))}")
        return problems

    answer = await ctx.transport.ask(schema=SCHEMA, step="actions", nonce=tag, build=build, check=check)
    return {by_sid[i.id].index: i for i in answer.items if i.id in by_sid}


def merge(ctx: StepContext, findings: list[Finding], outcome: ActionOutcome) -> tuple[list[Finding], list[ActionLabel]]:
    if not outcome.verdicts:
        return findings, []
    may_dismiss = ctx.may_dismiss
    out: list[Finding] = []
    flagged: set[int] = set()
    for f in findings:
        segment = ctx.segment_of(f)
        verdict = outcome.verdicts.get(segment.index) if segment is not None else None
        if segment is None or verdict is None or f.rule != RULE:
            out.append(f)
            continue
        flagged.add(segment.index)
        if verdict.label in WEAK_LABELS:
            out.append(dataclasses.replace(f, note=f"confirmed by the LLM ({verdict.label})",
                                           suggestion=outcome.proposals.get(segment.index) or f.suggestion))
        else:
            note = f"LLM: a {verdict.label}, not a reminder"
            if not may_dismiss:
                note += " (still counts; set [llm] may-dismiss = true to let the LLM dismiss findings)"
            out.append(dataclasses.replace(f, dismissed=may_dismiss, note=note))
    for index, verdict in outcome.verdicts.items():
        if index in flagged or verdict.label not in WEAK_LABELS:
            continue
        segment = ctx.document.segments[index]
        emit.add(out, ctx.document, RULE, segment.span,
                 f"LLM: this action item is {verdict.label}-style: reminders decay, guardrails do not", ctx.config,
                 segment_span=segment.span, suggestion=outcome.proposals.get(index))
    for index, why in sorted(outcome.refused.items()):
        emit.add(out, ctx.document, "RV002", ctx.document.segments[index].span,
                 f"LLM guardrail proposal rejected: {why}", ctx.config)
    labels = [ActionLabel(i, ctx.document.segments[i].span, v.label, outcome.proposals.get(i), v.owner_ok)
              for i, v in sorted(outcome.verdicts.items())]
    return out, labels
