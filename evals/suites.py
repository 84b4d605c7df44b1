"""The eval suites: run a `Reviewer` over the fixtures and score it.

Units and matching (documented here because every number depends on them):

- Postmortem blame: the unit is a parser segment (sentence, list item, table row). A segment
  is gold-blame when a labelled blame quote overlaps its span, and predicted-blame when a
  non-dismissed BL*/HR* finding overlaps it. A quote that overlaps no segment (the parser
  dropped or skipped its text) counts as a false negative and is listed under `alignment`.
- Flat sentences: the sentence text alone is reviewed as a one-paragraph document;
  predicted-blame when any BL*/HR* finding fires.
- Action items: gold quotes are matched to action-item segments (list items / table rows in an
  action-items section). A gold item that matches no such segment is predicted
  `not_action_item` (an extraction error); an action-item segment with no gold quote is gold
  `not_action_item`. The rules predict coarsely: `reminder-like` when AC001 fires, else
  `not-reminder`; an LLM reviewer that labels segments gives the fine label instead.
- Flat action items are wrapped as `## Action items` + one list item or table row.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from evals import scorers
from evals.data import (
    ACTION_LABELS,
    BLAME_CATEGORIES,
    NOT_ACTION_ITEM,
    WEAK_LABELS,
    ActionItemCase,
    Dataset,
    Postmortem,
    coarse,
)
from evals.reviewers import Review, Reviewer, RulesReviewer
from reviewer.document import Span
from reviewer.findings import Finding
from reviewer.rules.action_items.item import is_action_item
from reviewer.rules.base import replace_in_segment
from reviewer.rules.registry import all_rules

BLAME_GROUPS = ("BL", "HR")
COARSE_LABELS = ("reminder-like", "not-reminder")
RESAMPLES = 1000
SEED = 0


def rule_category() -> dict[str, str]:
    """Blame rule id -> the blame category it detects (from its tags)."""
    out = {}
    for rule in all_rules():
        if rule.group == "HR":
            out[rule.id] = "hr"
        elif rule.group == "BL":
            out[rule.id] = next((t for t in rule.tags if t in BLAME_CATEGORIES), "person-as-cause")
    return out


def blame_findings(review: Review) -> list[Finding]:
    return [f for f in review.findings if f.rule[:2] in BLAME_GROUPS and not f.dismissed]


@dataclass
class Context:
    """Shared by the suites of one run: the reviewer and a memo of reviews by text."""

    reviewer: Reviewer
    dataset: Dataset
    resamples: int = RESAMPLES
    seed: int = SEED
    progress: Callable[[str], None] = lambda label: None
    _reviews: dict[tuple[str, str], Review] = field(default_factory=dict)
    usage_docs: int = 0

    def review(self, text: str, path: str) -> Review:
        key = (path, text)
        if key not in self._reviews:
            self._reviews[key] = self.reviewer.review(text, path)
            self.usage_docs += 1
            self.progress(path)
        return self._reviews[key]

    def reviews(self) -> list[Review]:
        return list(self._reviews.values())


def _round(value):
    if isinstance(value, float):
        return round(value, 4)
    if isinstance(value, dict):
        return {k: _round(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_round(v) for v in value]
    return value


# -- blame ---------------------------------------------------------------------------------

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
    for seg in doc.segments:
        quotes = [(i, q) for i, q in enumerate(pm.blame) if seg.span.overlaps(Span(q.start, q.end))]
        for i, _ in quotes:
            quote_hits[i] += 1
        mine = [f for f in found if f.span.overlaps(seg.span) or (f.span.start == f.span.end
                                                                   and seg.span.start <= f.span.start < seg.span.end)]
        gold_quote = quotes[0][1] if quotes else None
        units.append(BlameUnit(
            doc=pm.id, unit=seg.id, text=seg.text, section=str(seg.section), gold=bool(quotes),
            category=gold_quote.category if gold_quote else None, pred=bool(mine),
            rules=sorted({f.rule for f in mine}),
            hard_negative=any(seg.span.overlaps(h) for h in hard) and not quotes,
            tags={"tone": pm.tone, "style": pm.style, "kind": pm.kind},
            must_keep=tuple(k for _, q in quotes for k in q.must_keep),
            suggestion=_combined_suggestion(seg, mine) if mine else None, advice=_advice(mine),
            messages=[f"{f.rule}: {f.message}" for f in mine],
            rewrite=review.rewrites.get((seg.span.start, seg.span.end)),
            triggers=_triggers(mine, seg.span.start, len(seg.text)),
        ))
    unaligned = [q for i, q in enumerate(pm.blame) if quote_hits[i] == 0]
    for q in unaligned:  # invisible to the engine: a miss
        units.append(BlameUnit(doc=pm.id, unit=f"q@{q.start}", text=q.text, section="(not a segment)", gold=True,
                               category=q.category, pred=False, rules=[],
                               tags={"tone": pm.tone, "style": pm.style, "kind": pm.kind}, must_keep=q.must_keep))
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
        ))
    return units


def score_blame(units: list[BlameUnit], resamples: int, seed: int, tag_keys: tuple[str, ...] = ()) -> dict:
    by_doc: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for u in units:
        row = by_doc[u.doc]
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
    for cat in BLAME_CATEGORIES:
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
    return _round({
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
        gold = [scorers.LabeledSpan(q.start, q.end, q.category) for q in pm.blame]
        pred = [scorers.LabeledSpan(f.span.start, f.span.end, cats.get(f.rule)) for f in blame_findings(review)]
        scorers.add_span_counts(total, scorers.span_counts(gold, pred))
    return _round(scorers.span_prf(total))


def run_blame(ctx: Context) -> tuple[dict, dict[str, list[BlameUnit]]]:
    pm_units: list[BlameUnit] = []
    alignment: dict[str, list[str]] = {"unaligned": [], "split": []}
    for pm in ctx.dataset.postmortems:
        units, align = postmortem_blame_units(pm, ctx.review(pm.text, str(pm.path)))
        pm_units.extend(units)
        for key in alignment:
            alignment[key].extend(f"{pm.id}: {q}" for q in align[key])
    s_units = sentence_units(ctx)
    result = {
        "postmortems": score_blame(pm_units, ctx.resamples, ctx.seed, ("tone", "style")),
        "sentences": score_blame(s_units, ctx.resamples, ctx.seed, ("section",)),
        "all": score_blame(pm_units + s_units, ctx.resamples, ctx.seed),
        "spans": span_scores(ctx.dataset.postmortems, ctx),
        "alignment": alignment,
    }
    return result, {"postmortems": pm_units, "sentences": s_units}


# -- action items -----------------------------------------------------------------------------

@dataclass
class ActionUnit:
    doc: str
    unit: str
    text: str
    gold: str  # fine label or not_action_item
    pred: str  # coarse or fine label, or not_action_item
    owner_gold: bool | None = None
    owner_problem: bool | None = None
    suggestion: str | None = None
    message: str | None = None


def _predict(review: Review, seg, fine: bool) -> tuple[str, Finding | None]:
    ac = next((f for f in review.findings if f.rule == "AC001" and not f.dismissed and f.span.overlaps(seg.span)),
              None)
    if fine:
        label = review.action_labels.get((seg.span.start, seg.span.end))
        if label is not None:
            return label, ac
    return ("reminder-like" if ac else "not-reminder"), ac


def _owner_problem(review: Review, seg) -> bool:
    return any(f.rule in ("AC002", "AC003", "AC004") and f.span.overlaps(seg.span) for f in review.findings)


def wrap_action_item(case: ActionItemCase) -> str:
    if case.form == "table":
        cell = case.text.replace("|", "\\|")
        return f"## Action items\n\n| Action | Owner |\n|---|---|\n| {cell} | {case.owner or ''} |\n"
    owner = f" ({case.owner})" if case.owner and case.owner not in case.text else ""
    return f"## Action items\n\n- {case.text}{owner}\n"


def flat_action_units(ctx: Context, fine: bool) -> list[ActionUnit]:
    units = []
    for case in ctx.dataset.action_items:
        review = ctx.review(wrap_action_item(case), f"action_items/{case.id}")
        segs = [s for s in review.document.segments if is_action_item(s)]
        if not segs:
            units.append(ActionUnit(case.id, case.id, case.text, case.label, NOT_ACTION_ITEM))
            continue
        pred, ac = _predict(review, segs[0], fine)
        units.append(ActionUnit(case.id, case.id, case.text, case.label, pred,
                                suggestion=ac.suggestion if ac else None, message=ac.message if ac else None))
    return units


def postmortem_action_units(pm: Postmortem, review: Review, fine: bool) -> list[ActionUnit]:
    segs = [s for s in review.document.segments if is_action_item(s)]
    units: list[ActionUnit] = []
    used: set[int] = set()
    for q in pm.action_items:
        match = [s for s in segs if s.span.overlaps(Span(q.start, q.end))]
        if not match:
            units.append(ActionUnit(pm.id, f"q@{q.start}", q.text, q.label or "", NOT_ACTION_ITEM, q.owner))
            continue
        seg = match[0]
        used.update(s.index for s in match)
        pred, ac = _predict(review, seg, fine)
        units.append(ActionUnit(pm.id, seg.id, q.text, q.label or "", pred, q.owner, _owner_problem(review, seg),
                                ac.suggestion if ac else None, ac.message if ac else None))
    for seg in segs:
        if seg.index not in used:
            pred, ac = _predict(review, seg, fine)
            units.append(ActionUnit(pm.id, seg.id, seg.text, NOT_ACTION_ITEM, pred,
                                    suggestion=ac.suggestion if ac else None, message=ac.message if ac else None))
    return units


def score_actions(units: list[ActionUnit], fine: bool, resamples: int, seed: int) -> dict:
    gold_rows = [*ACTION_LABELS, NOT_ACTION_ITEM]
    pred_cols = [*ACTION_LABELS, NOT_ACTION_ITEM] if fine else [*COARSE_LABELS, NOT_ACTION_ITEM]
    extra = sorted({u.pred for u in units} - set(pred_cols))
    pred_cols += extra  # an LLM label outside the schema stays visible
    matrix = scorers.confusion([u.gold for u in units], [u.pred for u in units], gold_rows, pred_cols)

    def to_coarse(label: str) -> str:
        if label in COARSE_LABELS:
            return label
        return coarse(label)  # not_action_item and strong labels -> not-reminder

    c_gold = [to_coarse(u.gold) for u in units]
    c_pred = [to_coarse(u.pred) for u in units]
    coarse_report = scorers.multiclass(c_gold, c_pred, list(COARSE_LABELS))
    by_doc: dict[str, list[ActionUnit]] = defaultdict(list)
    for u in units:
        by_doc[u.doc].append(u)
    macro_ci = scorers.bootstrap_macro_f1(
        [([to_coarse(u.gold) for u in g], [to_coarse(u.pred) for u in g]) for g in by_doc.values()],
        list(COARSE_LABELS), resamples, seed)
    weak_counts = []
    for g in by_doc.values():
        tp, fp, fn, _ = scorers.binary_counts([to_coarse(u.gold) == "reminder-like" for u in g],
                                              [to_coarse(u.pred) == "reminder-like" for u in g])
        weak_counts.append((tp, fp, fn))
    weak_ci = scorers.bootstrap_prf(weak_counts, resamples, seed)
    reminders = [u for u in units if u.gold == "reminder"]
    flagged = (lambda u: u.pred == "reminder") if fine else (lambda u: to_coarse(u.pred) == "reminder-like")
    called_guardrail = (lambda u: u.pred == "guardrail") if fine else (lambda u: to_coarse(u.pred) == "not-reminder")
    weak = [u for u in units if u.gold in WEAK_LABELS]
    per_gold_class = {}
    for label in gold_rows:
        items = [u for u in units if u.gold == label]
        per_gold_class[label] = {
            "n": len(items),
            "flagged_reminder_like": scorers.ratio(sum(to_coarse(u.pred) == "reminder-like" for u in items),
                                                   len(items)),
            "coarse_correct": scorers.ratio(sum(to_coarse(u.pred) == to_coarse(u.gold) for u in items), len(items)),
        }
    owners = [u for u in units if u.owner_gold is not None and u.owner_problem is not None]
    o_tp, o_fp, o_fn, o_tn = scorers.binary_counts([not u.owner_gold for u in owners],
                                                   [bool(u.owner_problem) for u in owners])
    out = {
        "n": len(units), "docs": len(by_doc), "label_space": "fine" if fine else "coarse",
        "macro_f1": coarse_report["macro_f1"], "macro_f1_ci95": macro_ci,
        "accuracy": coarse_report["accuracy"], "kappa": coarse_report["kappa"],
        "reminder_like": {**{k: coarse_report["per_class"]["reminder-like"][k]
                             for k in ("precision", "recall", "f1", "tp", "fp", "fn", "support")}, "ci95": weak_ci},
        "reminder_recall": scorers.ratio(sum(flagged(u) for u in reminders), len(reminders)),
        "reminder_called_guardrail_rate": scorers.ratio(sum(called_guardrail(u) for u in reminders), len(reminders)),
        "weak_called_strong_rate": scorers.ratio(sum(u.pred in ("guardrail", "constraint", "decision-policy",
                                                                "detection") or (not fine and to_coarse(u.pred)
                                                                                 == "not-reminder") for u in weak),
                                                 len(weak)),
        "per_gold_class": per_gold_class,
        "coarse": coarse_report,
        "confusion": {"rows": gold_rows, "cols": pred_cols, "matrix": matrix},
        "extraction_misses": sum(1 for u in units if u.pred == NOT_ACTION_ITEM and u.gold != NOT_ACTION_ITEM),
        "owner": {"n": len(owners), "accuracy": scorers.ratio(o_tp + o_tn, len(owners)),
                  **{f"problem_{k}": v for k, v in scorers.prf(o_tp, o_fp, o_fn).items()}},
    }
    if fine:
        out["fine"] = scorers.multiclass([u.gold for u in units], [u.pred for u in units], gold_rows)
        out["macro_f1"] = out["fine"]["macro_f1"]
        out["kappa"] = out["fine"]["kappa"]
        out["accuracy"] = out["fine"]["accuracy"]
        out["macro_f1_ci95"] = scorers.bootstrap_macro_f1(
            [([u.gold for u in g], [u.pred if u.pred in pred_cols[:len(gold_rows)] else NOT_ACTION_ITEM for u in g])
             for g in by_doc.values()], gold_rows, resamples, seed)
    return _round(out)


def run_actions(ctx: Context) -> tuple[dict, dict[str, list[ActionUnit]]]:
    fine = ctx.reviewer.label_space == "fine"
    flat = flat_action_units(ctx, fine)
    pm_units = [u for pm in ctx.dataset.postmortems
                for u in postmortem_action_units(pm, ctx.review(pm.text, str(pm.path)), fine)]
    return ({"flat": score_actions(flat, fine, ctx.resamples, ctx.seed),
             "postmortems": score_actions(pm_units, fine, ctx.resamples, ctx.seed),
             "all": score_actions(flat + pm_units, fine, ctx.resamples, ctx.seed)},
            {"flat": flat, "postmortems": pm_units})


# -- structure -------------------------------------------------------------------------------

_MISSING = re.compile(r"Missing section: ([a-z-]+)")
REQUIRED_KINDS = ("summary", "impact", "timeline", "root-cause", "resolution", "detection", "action-items",
                  "lessons")


def run_structure(ctx: Context) -> tuple[dict, list[dict]]:
    checks: dict[str, list[tuple[bool, bool]]] = defaultdict(list)
    items = []
    for pm in ctx.dataset.postmortems:
        review = ctx.review(pm.text, str(pm.path))
        rules = Counter(f.rule for f in review.findings)
        predicted_missing = {m.group(1) for f in review.findings if f.rule == "ST001"
                             for m in [_MISSING.search(f.message)] if m}
        gold_missing = set(pm.structure.get("missing_sections") or [])
        row: dict[str, Any] = {"doc": pm.id, "gold_missing": sorted(gold_missing), "pred_missing": sorted(predicted_missing)}
        for kind in REQUIRED_KINDS:
            checks["missing_section"].append((kind in gold_missing, kind in predicted_missing))
        for name, gold_key, pred in (
            ("impact_not_quantified", "impact_quantified", rules["ST002"] > 0),
            ("timeline_timestamps_bad", "timeline_timestamps", rules["TL001"] + rules["TL002"] > 0),
            ("timeline_out_of_order", "timeline_in_order", rules["TL003"] > 0),
        ):
            if gold_key in pm.structure:
                gold = not bool(pm.structure[gold_key])
                checks[name].append((gold, pred))
                row[name] = {"gold": gold, "pred": pred}
        items.append(row)
    out = {}
    correct = total = 0
    for name, pairs in checks.items():
        tp, fp, fn, tn = scorers.binary_counts([g for g, _ in pairs], [p for _, p in pairs])
        out[name] = {**scorers.prf(tp, fp, fn), "tn": tn, "n": len(pairs),
                     "accuracy": scorers.ratio(tp + tn, len(pairs))}
        correct += tp + tn
        total += len(pairs)
    return _round({"checks": out, "accuracy": scorers.ratio(correct, total), "docs": len(items)}), items


# -- regression (must-pass) ---------------------------------------------------------------------

def run_regression(ctx: Context) -> tuple[dict, list[dict]]:
    fine = ctx.reviewer.label_space == "fine"
    items = []
    for case in ctx.dataset.regression:
        if case.kind == "sentence":
            review = ctx.review(case.text, f"regression/{case.id}")
            found = blame_findings(review)
            got = "blame" if found else "neutral"
            passed = got == case.expect
            detail = ", ".join(sorted({f.rule for f in found}))
        else:
            review = ctx.review(wrap_action_item(ActionItemCase(case.id, case.text, case.expect, None, "list")),
                                f"regression/{case.id}")
            segs = [s for s in review.document.segments if is_action_item(s)]
            got = _predict(review, segs[0], fine)[0] if segs else NOT_ACTION_ITEM
            passed = got == case.expect if fine else (got == coarse(case.expect))
            detail = ""
        items.append({"id": case.id, "kind": case.kind, "text": case.text, "expect": case.expect, "got": got,
                      "pass": passed, "reason": case.reason, "detail": detail})
    failed = [i["id"] for i in items if not i["pass"]]
    return _round({"n": len(items), "passed": len(items) - len(failed), "failed": failed,
                   "pass_rate": scorers.ratio(len(items) - len(failed), len(items))}), items


# -- rule examples ---------------------------------------------------------------------------

def run_rule_examples(ctx: Context) -> tuple[dict, list[dict]]:
    items: list[dict[str, Any]] = []
    for rule in all_rules():
        def fires(text: str, rule_id: str = rule.id) -> bool:
            review = ctx.review(text, f"examples/{rule_id}.md")
            return any(f.rule == rule_id and not f.dismissed for f in review.findings)

        for i, ex in enumerate(rule.flagged):
            items.append({"rule": rule.id, "example": f"flagged-{i}", "text": ex.text, "pass": fires(ex.text)})
            if ex.fixed:
                items.append({"rule": rule.id, "example": f"fixed-{i}", "text": ex.fixed, "pass": not fires(ex.fixed)})
        for i, ex in enumerate(rule.passing):
            items.append({"rule": rule.id, "example": f"passing-{i}", "text": ex.text, "pass": not fires(ex.text)})
    per_rule: dict[str, dict[str, int]] = {}
    for item in items:
        slot = per_rule.setdefault(item["rule"], {"n": 0, "passed": 0})
        slot["n"] += 1
        slot["passed"] += item["pass"]
    failed = [f"{i['rule']}/{i['example']}" for i in items if not i["pass"]]
    return _round({"n": len(items), "passed": len(items) - len(failed), "failed": failed,
                   "pass_rate": scorers.ratio(len(items) - len(failed), len(items)), "per_rule": per_rule}), items


# -- rewrites --------------------------------------------------------------------------------

_ATOMS = re.compile(
    r"\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}:\d{2}(?::\d{2})?\b|\b(?:UTC|GMT)\b|\bv?\d+(?:\.\d+){1,3}\b|"
    r"\b[A-Z][A-Z0-9]{1,9}-\d+\b|#\d+\b|\b\d[\d,]*(?:\.\d+)?\s?(?:%|ms|s|m|h|min|mins|minutes|hours|seconds|GB|MB|"
    r"TB|rps|qps|x)?(?![\w.])")


def atoms(text: str) -> set[str]:
    """Deterministic fact atoms: dates, times, zones, versions, ticket ids, numbers with units."""
    return {" ".join(m.group().lower().split()) for m in _ATOMS.finditer(text)}


def score_rewrites(units: list[BlameUnit], source: str) -> tuple[dict, list[dict]]:
    """Facts kept, facts invented and residual blame for each gold-blame unit's rewrite.

    `source` = "llm" scores the reviewer's rewrites; "rule-suggestion" scores the rules'
    mechanical edits (the only rewrites a rules-only run has)."""
    checker = RulesReviewer()
    rows = []
    for u in units:
        if not u.gold:
            continue
        text = u.rewrite if source == "llm" else u.suggestion
        if not text:
            continue
        kept = [k for k in u.must_keep if k in text]
        invented = sorted(atoms(text) - atoms(u.text))
        residual = sorted({f.rule for f in blame_findings(checker.review(text, "rewrite.md"))})
        rows.append({"doc": u.doc, "unit": u.unit, "source_text": u.text, "rewrite": text,
                     "must_keep": list(u.must_keep), "kept": kept, "invented": invented, "residual": residual})
    facts = sum(len(r["must_keep"]) for r in rows)
    return _round({
        "source": source,
        "gold_blame_units": sum(u.gold for u in units),
        "rewrites": len(rows),
        "coverage": scorers.ratio(len(rows), sum(u.gold for u in units)),
        "facts_kept_rate": scorers.ratio(sum(len(r["kept"]) for r in rows), facts),
        "all_facts_kept_rate": scorers.ratio(sum(len(r["kept"]) == len(r["must_keep"]) for r in rows), len(rows)),
        "invented_rate": scorers.ratio(sum(bool(r["invented"]) for r in rows), len(rows)),
        "residual_blame_rate": scorers.ratio(sum(bool(r["residual"]) for r in rows), len(rows)),
    }), rows


def run_rewrites(ctx: Context, blame_units: dict[str, list[BlameUnit]]) -> tuple[dict, list[dict]]:
    units = blame_units["postmortems"] + blame_units["sentences"]
    llm = ctx.reviewer.model is not None
    result, rows = score_rewrites(units, "llm" if llm else "rule-suggestion")
    reviews = ctx.reviews()
    result["rejection_rate"] = scorers.ratio(sum(r.rejected for r in reviews), len(reviews)) if llm else None
    result["reask_rate"] = scorers.ratio(sum(r.reasks for r in reviews), len(reviews)) if llm else None
    result["grounding_rate"] = result["facts_kept_rate"] if llm else None
    return result, rows
