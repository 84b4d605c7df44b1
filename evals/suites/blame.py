"""The blame suite: segments of labelled postmortems and flat sentences, gold vs BL*/HR* findings."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from reviewer.document import Span
from reviewer.evals import scorers
from reviewer.evals.data import Postmortem, blame_categories
from reviewer.evals.reviewers import Review
from reviewer.evals.suites.context import (
    Context,
    blame_findings,
    grouped,
    organisation_or_none,
    per_organisation,
    rounded,
    rule_category,
    source_document,
)
from reviewer.findings import Finding
from reviewer.rules.base import replace_in_segment


@dataclass
class BlameUnit:
    doc: str
    unit: str  # segment id or sentence id
    text: str
    section: str
    gold: bool
    category: str | None
    pred: bool
    rules: list[str]
    hard_negative: bool = False
    tags: dict[str, str] = field(default_factory=dict)
    must_keep: tuple[str, ...] = ()
    suggestion: str | None = None  # the segment with the rules' mechanical edits applied, if any
    advice: list[str] = field(default_factory=list)  # the rules' advice-only suggestions
    messages: list[str] = field(default_factory=list)
    rewrite: str | None = None  # the reviewer's rewrite (LLM), if any
    triggers: list[tuple[int, int]] = field(default_factory=list)  # finding spans, relative to `text`
    family: str | None = None  # source family (labelled data), for per-family scores
    org: str | None = None  # the organisation that wrote the text (evals/partition.py)
    cluster: str = ""  # bootstrap resampling unit when it is not `doc` (a flat row's source document)
    ambiguous: bool = False  # only ambiguous labels cover it: scored apart


def _triggers(findings: list[Finding], base: int, length: int) -> list[tuple[int, int]]:
    out = set()
    for f in findings:
        start, end = max(0, f.span.start - base), min(length, f.span.end - base)
        if end > start:
            out.add((start, end))
    return sorted(out)


def _combined_suggestion(segment, findings: list[Finding]) -> str | None:
    edits: list = []
    taken: list[Span] = []
    for finding in findings:
        for edit in finding.edits:
            if segment.span.contains(edit.span) and not any(edit.span.overlaps(t) for t in taken):
                edits.append(edit)
                taken.append(edit.span)
    if not edits:
        return None  # advice-only suggestions are not rewrites (see `_advice`)
    return replace_in_segment(segment, edits)


def _advice(findings: list[Finding]) -> list[str]:
    """Suggestions that are advice, not a rewrite of the segment (findings without edits)."""
    return sorted({f.suggestion for f in findings if f.suggestion and not f.edits})


def postmortem_blame_units(pm: Postmortem, review: Review) -> tuple[list[BlameUnit], dict]:
    doc = review.document
    found = blame_findings(review)
    units: list[BlameUnit] = []
    quote_hits: dict[int, int] = Counter()
    hard = [Span(q.start, q.end) for q in pm.hard_negatives]
    org = organisation_or_none(pm.source)
    for seg in doc.segments:
        touching = [(i, q) for i, q in enumerate(pm.blame) if seg.span.overlaps(Span(q.start, q.end))]
        for i, _ in touching:
            quote_hits[i] += 1
        quotes = [(i, q) for i, q in touching if not q.ambiguous]
        mine = [f for f in found if f.span.overlaps(seg.span) or (f.span.start == f.span.end
                                                                   and seg.span.start <= f.span.start < seg.span.end)]
        gold_quote = (quotes or touching)[0][1] if touching else None
        units.append(BlameUnit(
            doc=pm.id, unit=seg.id, text=seg.text, section=str(seg.section), gold=bool(touching),
            category=gold_quote.category if gold_quote else None, pred=bool(mine),
            rules=sorted({f.rule for f in mine}),
            hard_negative=any(seg.span.overlaps(h) for h in hard) and not touching,
            tags={"tone": pm.tone, "style": pm.style, "kind": pm.kind},
            must_keep=tuple(k for _, q in touching for k in q.must_keep),
            suggestion=_combined_suggestion(seg, mine) if mine else None, advice=_advice(mine),
            messages=[f"{f.rule}: {f.message}" for f in mine],
            rewrite=review.rewrites.get((seg.span.start, seg.span.end)),
            triggers=_triggers(mine, seg.span.start, len(seg.text)),
            family=pm.family, org=org, ambiguous=bool(touching) and not quotes,
        ))
    unaligned = [q for i, q in enumerate(pm.blame) if quote_hits[i] == 0]
    for q in unaligned:  # invisible to the engine: a miss
        units.append(BlameUnit(doc=pm.id, unit=f"q@{q.start}", text=q.text, section="(not a segment)", gold=True,
                               category=q.category, pred=False, rules=[],
                               tags={"tone": pm.tone, "style": pm.style, "kind": pm.kind}, must_keep=q.must_keep,
                               family=pm.family, org=org, ambiguous=q.ambiguous))
    alignment = {
        "unaligned": [q.text for q in unaligned],
        "split": [q.text for i, q in enumerate(pm.blame) if quote_hits[i] > 1],
    }
    return units, alignment


def sentence_units(ctx: Context) -> list[BlameUnit]:
    units = []
    for s in ctx.dataset.sentences:
        review = ctx.review(s.text, f"sentences/{s.id}")
        found = blame_findings(review)
        segs = review.document.segments
        suggestion = _combined_suggestion(segs[0], found) if found and len(segs) == 1 else None
        rewrite = next(iter(review.rewrites.values()), None) if review.rewrites else None
        units.append(BlameUnit(
            doc=s.id, unit=s.id, text=s.text, section=s.section or "", gold=s.label == "blame", category=s.category,
            pred=bool(found), rules=sorted({f.rule for f in found}), hard_negative=s.hard_negative,
            tags={"section": s.section or ""}, must_keep=s.must_keep, suggestion=suggestion, advice=_advice(found),
            messages=[f"{f.rule}: {f.message}" for f in found], rewrite=rewrite,
            triggers=_triggers(found, 0, len(s.text)),
            family=s.family, org=organisation_or_none(s.source), cluster=source_document(s.source, s.id),
            ambiguous=s.ambiguous,
        ))
    return units


def score_blame(units: list[BlameUnit], resamples: int, seed: int, tag_keys: tuple[str, ...] = ()) -> dict:
    by_doc: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for u in units:
        row = by_doc[u.cluster or u.doc]
        row[0] += u.gold and u.pred
        row[1] += u.pred and not u.gold
        row[2] += u.gold and not u.pred
    tp, fp, fn, _ = scorers.binary_counts([u.gold for u in units], [u.pred for u in units])
    micro = scorers.prf(tp, fp, fn)
    ci = scorers.bootstrap_prf(list(by_doc.values()), resamples, seed)
    doc_f1 = [f for f in (scorers.prf(*row)["f1"] for row in by_doc.values()) if f is not None]
    macro = {"mean_f1": sum(doc_f1) / len(doc_f1) if doc_f1 else None,
             "std_f1": (sum((f - sum(doc_f1) / len(doc_f1)) ** 2 for f in doc_f1) / len(doc_f1)) ** 0.5
             if doc_f1 else None, "docs": len(doc_f1)}
    cats = rule_category()
    per_category = {}
    for cat in blame_categories():
        gold_c = [u for u in units if u.category == cat]
        typed_pred = [any(cats.get(r) == cat for r in u.rules) for u in units]
        c_tp, c_fp, c_fn, _ = scorers.binary_counts([u.category == cat for u in units], typed_pred)
        typed = scorers.prf(c_tp, c_fp, c_fn)
        per_category[cat] = {
            "support": len(gold_c),
            "recall_any_rule": scorers.ratio(sum(u.pred for u in gold_c), len(gold_c)),
            "typed_precision": typed["precision"], "typed_recall": typed["recall"], "typed_f1": typed["f1"],
        }
    hard = [u for u in units if u.hard_negative]
    per_rule: dict[str, dict[str, Any]] = {}
    for u in units:
        for r in u.rules:
            slot = per_rule.setdefault(r, {"fired": 0, "tp": 0, "fp": 0})
            slot["fired"] += 1
            slot["tp" if u.gold else "fp"] += 1
    for slot in per_rule.values():
        slot["precision"] = scorers.ratio(slot["tp"], slot["fired"])
    by_tag = {}
    for key in tag_keys:
        groups: dict[str, list[BlameUnit]] = defaultdict(list)
        for u in units:
            groups[u.tags.get(key, "")].append(u)
        by_tag[key] = {value: scorers.prf(*scorers.binary_counts([u.gold for u in g], [u.pred for u in g])[:3])
                       for value, g in sorted(groups.items())}
    return rounded({
        "units": len(units), "gold_blame": sum(u.gold for u in units), "docs": len(by_doc),
        "precision": micro["precision"], "recall": micro["recall"], "f1": micro["f1"],
        "tp": tp, "fp": fp, "fn": fn,
        "ci95": ci, "macro_over_docs": macro,
        "hard_negatives": {"n": len(hard), "flagged": sum(u.pred for u in hard),
                           "fp_rate": scorers.ratio(sum(u.pred for u in hard), len(hard))},
        "per_category": per_category, "per_rule": per_rule, "by_tag": by_tag,
    })


def span_scores(pms: list[Postmortem], ctx: Context) -> dict:
    cats = rule_category()
    total: dict = {}
    for pm in pms:
        review = ctx.review(pm.text, str(pm.path))
        gold = [scorers.LabeledSpan(q.start, q.end, q.category) for q in pm.blame if not q.ambiguous]
        unsure = [Span(q.start, q.end) for q in pm.blame if q.ambiguous]
        pred = [scorers.LabeledSpan(f.span.start, f.span.end, cats.get(f.rule)) for f in blame_findings(review)
                if not any(f.span.overlaps(u) for u in unsure)]
        scorers.add_span_counts(total, scorers.span_counts(gold, pred))
    return rounded(scorers.span_prf(total))


def run_blame(ctx: Context) -> tuple[dict, dict[str, list[BlameUnit]]]:
    pm_units: list[BlameUnit] = []
    alignment: dict[str, list[str]] = {"unaligned": [], "split": []}
    for pm in ctx.dataset.postmortems:
        units, align = postmortem_blame_units(pm, ctx.review(pm.text, str(pm.path)))
        pm_units.extend(units)
        for key in alignment:
            alignment[key].extend(f"{pm.id}: {q}" for q in align[key])
    all_s_units = sentence_units(ctx)
    # ambiguous labels: careful labellers could disagree, so they are neither hits nor misses
    unsure = [u for u in pm_units + all_s_units if u.ambiguous]
    pm_units = [u for u in pm_units if not u.ambiguous]
    s_units = [u for u in all_s_units if not u.ambiguous]
    both = pm_units + s_units
    result: dict[str, Any] = {
        "postmortems": score_blame(pm_units, ctx.resamples, ctx.seed, ("tone", "style")),
        "sentences": score_blame(s_units, ctx.resamples, ctx.seed, ("section",)),
        "all": score_blame(both, ctx.resamples, ctx.seed),
        "spans": span_scores(ctx.dataset.postmortems, ctx),
        "alignment": alignment,
        "ambiguous": rounded({"n": len(unsure), "labelled_blame": sum(u.gold for u in unsure),
                              "flagged": sum(u.pred for u in unsure),
                              "flag_rate": scorers.ratio(sum(u.pred for u in unsure), len(unsure))}),
        "documents": _per_kwords(ctx, pm_units),
    }
    families = grouped(both, lambda u: u.family)
    if families:
        result["families"] = {f: score_blame(g, ctx.resamples, ctx.seed) for f, g in families.items()}
        result["organisations"] = per_organisation(both, _compact)
    return result, {"postmortems": pm_units, "sentences": s_units, "ambiguous": unsure}


def _compact(units: list[BlameUnit]) -> dict:
    tp, fp, fn, _ = scorers.binary_counts([u.gold for u in units], [u.pred for u in units])
    return rounded({"units": len(units), "gold_blame": tp + fn, **scorers.prf(tp, fp, fn)})


def _per_kwords(ctx: Context, pm_units: list[BlameUnit]) -> dict:
    """Whole documents: words, findings per rule and per 1,000 words, and neutral segments flagged
    as blame per 1,000 words (the part of "wrong findings per 1,000 words" that labels decide;
    the other findings are judged by hand, with this count per rule as the starting point)."""
    words = sum(len(pm.text.split()) for pm in ctx.dataset.postmortems)
    by_rule: Counter[str] = Counter()
    for pm in ctx.dataset.postmortems:
        by_rule.update(f.rule for f in ctx.review(pm.text, str(pm.path)).findings if not f.dismissed)
    wrong = sum(u.pred and not u.gold for u in pm_units)
    return rounded({"words": words, "findings": sum(by_rule.values()),
                    "findings_per_kwords": scorers.ratio(1000 * sum(by_rule.values()), words),
                    "findings_by_rule": dict(sorted(by_rule.items())),
                    "blame_fp_units": wrong, "blame_fp_per_kwords": scorers.ratio(1000 * wrong, words)})
