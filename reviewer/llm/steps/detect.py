"""Step 1, detect: judge narrative sentences in context, with the rule findings as hints.

The model confirms a rule finding, says it is not blame, or flags a sentence no rule caught.
A "not blame" verdict is a dismissal, and dismissals are guarded against prompt injection:
- a finding at error severity is only dismissed with a quote from the sentence that overlaps
  the flagged words (checked here, not trusted); otherwise the finding stands and gets a rewrite;
- a dismissal changes the exit code only when the team opts in (`[llm] may-dismiss = true`);
  otherwise the finding keeps counting and carries the model's opinion as a note.
"""

from __future__ import annotations

import dataclasses

from reviewer.document import Segment, Span
from reviewer.findings import Finding, Severity
from reviewer.llm import emit
from reviewer.llm.schemas import CATEGORY_RULE, DetectAnswer, SegmentVerdict
from reviewer.llm.steps.base import StepContext, describe_batch, nonce
from reviewer.llm.verify import quote_grounded
from reviewer.rules.action_items.item import is_action_item
from reviewer.rules.registry import is_blame_rule

TEMPLATE = "detect.j2"
SCHEMA = DetectAnswer


def narrative(ctx: StepContext) -> list[Segment]:
    return [s for s in ctx.document.segments if not is_action_item(s)]


async def run(ctx: StepContext) -> dict[int, SegmentVerdict]:
    """Verdicts by segment index; segments of failed batches have none."""
    segments = narrative(ctx)
    position = {s.index: i for i, s in enumerate(segments)}
    verdicts: dict[int, SegmentVerdict] = {}
    for result in await ctx.transport.gather("detect", ctx.batches(segments),
                                             lambda b: _batch(ctx, b, segments, position), describe_batch):
        verdicts.update(result)
    return verdicts


async def _batch(ctx: StepContext, batch: list[Segment], segments: list[Segment],
                 position: dict[int, int]) -> dict[int, SegmentVerdict]:
    first, last = position[batch[0].index], position[batch[-1].index]
    judged = {s.id: s for s in batch}
    window = [*segments[max(0, first - 1):first], *batch, *segments[last + 1:last + 2]]
    rows = [{"id": s.id, "section": s.section.value, "role": "judge" if s.id in judged else "context",
             "text": ctx.shown(s)} for s in window]
    hints = [{"id": s.id, "rule": f.rule, "name": f.name, "excerpt": f.excerpt[:120]}
             for s in batch for f in ctx.blame_findings(s)]
    tag = nonce(ctx.title, *(r["text"] for r in rows))

    def build(complaint: str) -> str:
        user = ctx.outbox.render(TEMPLATE, nonce=tag, title=ctx.title, segments=rows, hints=hints)
        return user + (f"\nYour previous answer was rejected: {complaint}\n" if complaint else "")

    def check(answer: DetectAnswer) -> list[str]:
        problems = []
        ids = [v.id for v in answer.verdicts]
        missing = sorted(set(judged) - set(ids))
        unknown = sorted(set(ids) - set(judged))
        if missing:
            problems.append(f"no verdict for {', '.join(missing)}")
        if unknown:
            problems.append(f"verdicts for ids that were not asked: {', '.join(unknown)}")
        for v in answer.verdicts:
            if v.id not in judged or v.verdict != "blame":
                continue
            if v.category is None:
                problems.append(f"{v.id}: a blame verdict needs a category")
            if not v.quote or not quote_grounded(v.quote, ctx.shown(judged[v.id])):
                problems.append(f"{v.id}: the quote {v.quote!r} is not in the sentence")
        return problems

    answer = await ctx.transport.ask(schema=SCHEMA, step="detect", nonce=tag, build=build, check=check)
    return {judged[v.id].index: v for v in answer.verdicts if v.id in judged}


def _span_in(text: str, quote: str) -> tuple[int, int] | None:
    normal = " ".join(quote.split())
    start = text.find(normal)
    return (start, start + len(normal)) if normal and start >= 0 else None


def grounded_dismissal(ctx: StepContext, segment: Segment, verdict: SegmentVerdict, flagged: list[Finding]) -> bool:
    """Does the verdict quote words of the sentence that overlap what the rules flagged?"""
    shown = ctx.shown(segment)
    if not verdict.quote or not verdict.reason.strip() or not quote_grounded(verdict.quote, shown):
        return False
    quoted = _span_in(shown, verdict.quote)
    for f in flagged:
        excerpt = _span_in(shown, ctx.outbox.show(f.excerpt))
        if quoted is None or excerpt is None:
            continue
        if quoted[0] < excerpt[1] and excerpt[0] < quoted[1]:
            return True
    return False


def merge(ctx: StepContext, verdicts: dict[int, SegmentVerdict]) -> tuple[list[Finding], set[int]]:
    """Confirm, dismiss (kept, marked) or add blame findings; return them and the segments to rewrite."""
    may_dismiss = ctx.may_dismiss
    out: list[Finding] = []
    blamed: set[int] = set()
    dismissed: dict[int, str] = {}  # segment -> note, for segments the model calls neutral
    for index, verdict in verdicts.items():
        segment = ctx.document.segments[index]
        flagged = ctx.blame_findings(segment)
        if verdict.verdict != "neutral" or not flagged:
            continue
        strong = any(f.severity >= Severity.ERROR for f in flagged)
        if strong and not grounded_dismissal(ctx, segment, verdict, flagged):
            dismissed[index] = ("the LLM called this not blame without quoting the flagged words, "
                                "so the finding stands")
            blamed.add(index)
        elif may_dismiss:
            dismissed[index] = f"LLM: not blame in context: {verdict.reason}"
        else:
            dismissed[index] = (f"LLM: probably not blame in context: {verdict.reason} (still counts; "
                                "set [llm] may-dismiss = true to let the LLM dismiss findings)")
    for f in ctx.findings:
        seg = ctx.segment_of(f)
        judged = verdicts.get(seg.index) if seg is not None else None
        if seg is None or not is_blame_rule(f.rule):
            out.append(f)
        elif judged is None:
            blamed.add(seg.index)  # no judgement (failed batch): the rule finding stands and gets a rewrite
            out.append(f)
        elif judged.verdict == "blame":
            out.append(dataclasses.replace(f, note="confirmed by the LLM"))
            blamed.add(seg.index)
        else:
            drop = may_dismiss and seg.index not in blamed
            out.append(dataclasses.replace(f, dismissed=drop, note=dismissed[seg.index]))
    flagged_segments = {s.index for f in ctx.findings if is_blame_rule(f.rule) and (s := ctx.segment_of(f))}
    for index, verdict in verdicts.items():
        if verdict.verdict != "blame" or index in flagged_segments:
            continue
        added = _added(ctx, ctx.document.segments[index], verdict)
        if emit.enabled(added.rule, ctx.config):
            out.append(added)
            blamed.add(index)
    return out, blamed


def _added(ctx: StepContext, segment: Segment, verdict: SegmentVerdict) -> Finding:
    """A blame finding the rules missed, reported under the rule of its category."""
    category = verdict.category or next(iter(CATEGORY_RULE))
    span = segment.span
    quote = ctx.outbox.restore(verdict.quote or "")
    start = segment.text.find(quote) if quote else -1
    if start >= 0:
        span = Span(segment.span.start + start, segment.span.start + start + len(quote))
    message = f"LLM: {category} — {verdict.reason}"  # placeholders stay: messages reach PR comments
    return emit.finding(ctx.document, CATEGORY_RULE[category], span, message, ctx.config, segment_span=segment.span)
