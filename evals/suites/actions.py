"""The action-items suite: flat items and action-item segments of postmortems, gold label vs AC001."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from reviewer.document import Span
from reviewer.evals import scorers
from reviewer.evals.data import ACTION_LABELS, NOT_ACTION_ITEM, WEAK_LABELS, ActionItemCase, Postmortem, coarse
from reviewer.evals.reviewers import Review
from reviewer.evals.suites.context import (
    COARSE_LABELS,
    Context,
    grouped,
    organisation_or_none,
    per_organisation,
    rounded,
    source_document,
)
from reviewer.findings import Finding
from reviewer.rules.action_items.item import is_action_item

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
    family: str | None = None
    org: str | None = None
    cluster: str = ""  # bootstrap resampling unit when it is not `doc`
    ambiguous: bool = False


def predict(review: Review, seg, fine: bool) -> tuple[str, Finding | None]:
    ac = next((f for f in review.findings if f.rule == "AC001" and not f.dismissed and f.span.overlaps(seg.span)),
              None)
    if fine:
        label = review.action_labels.get((seg.span.start, seg.span.end))
        if label is not None:
            return label, ac
    return ("reminder-like" if ac else "not-reminder"), ac


def _owner_problem(review: Review, seg) -> bool:
    # A finding on a whole list (AC002/AC004 judge a list once) names its items as related spans: it
    # counts for each item it names, not for the first item it is shown on.
    return any(f.rule in ("AC002", "AC003", "AC004") and any(s.overlaps(seg.span) for s in (f.related or (f.span,)))
               for f in review.findings)


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
        pred, ac = predict(review, segs[0], fine) if segs else (NOT_ACTION_ITEM, None)
        units.append(ActionUnit(case.id, case.id, case.text, case.label, pred,
                                suggestion=ac.suggestion if ac else None, message=ac.message if ac else None,
                                family=case.family, org=organisation_or_none(case.source),
                                cluster=source_document(case.source, case.id), ambiguous=case.ambiguous))
    return units


def postmortem_action_units(pm: Postmortem, review: Review, fine: bool) -> list[ActionUnit]:
    segs = [s for s in review.document.segments if is_action_item(s)]
    units: list[ActionUnit] = []
    used: set[int] = set()
    where = {"family": pm.family, "org": organisation_or_none(pm.source)}
    for q in pm.action_items:
        match = [s for s in segs if s.span.overlaps(Span(q.start, q.end))]
        if not match:
            units.append(ActionUnit(pm.id, f"q@{q.start}", q.text, q.label or "", NOT_ACTION_ITEM, q.owner,
                                    ambiguous=q.ambiguous, **where))
            continue
        seg = match[0]
        used.update(s.index for s in match)
        pred, ac = predict(review, seg, fine)
        units.append(ActionUnit(pm.id, seg.id, q.text, q.label or "", pred, q.owner, _owner_problem(review, seg),
                                ac.suggestion if ac else None, ac.message if ac else None, ambiguous=q.ambiguous,
                                **where))
    for seg in segs:
        if seg.index not in used:
            pred, ac = predict(review, seg, fine)
            units.append(ActionUnit(pm.id, seg.id, seg.text, NOT_ACTION_ITEM, pred,
                                    suggestion=ac.suggestion if ac else None, message=ac.message if ac else None,
                                    **where))
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
        by_doc[u.cluster or u.doc].append(u)
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
    return rounded(out)


def _compact(units: list[ActionUnit]) -> dict:
    tp, fp, fn, _ = scorers.binary_counts([coarse(u.gold) == "reminder-like" for u in units],
                                          [u.pred == "reminder-like" or coarse(u.pred) == "reminder-like"
                                           for u in units])
    return rounded({"n": len(units), "reminder_like": {"support": tp + fn, **scorers.prf(tp, fp, fn)}})


def run_actions(ctx: Context) -> tuple[dict, dict[str, list[ActionUnit]]]:
    fine = ctx.reviewer.label_space == "fine"
    all_flat = flat_action_units(ctx, fine)
    all_pm = [u for pm in ctx.dataset.postmortems
              for u in postmortem_action_units(pm, ctx.review(pm.text, str(pm.path)), fine)]
    # ambiguous labels: careful labellers could disagree, so they are scored apart
    unsure = [u for u in all_flat + all_pm if u.ambiguous]
    flat = [u for u in all_flat if not u.ambiguous]
    pm_units = [u for u in all_pm if not u.ambiguous]
    both = flat + pm_units
    result = {"flat": score_actions(flat, fine, ctx.resamples, ctx.seed),
              "postmortems": score_actions(pm_units, fine, ctx.resamples, ctx.seed),
              "all": score_actions(both, fine, ctx.resamples, ctx.seed),
              "ambiguous": _compact(unsure)}
    families = grouped(both, lambda u: u.family)
    if families:
        result["families"] = {f: score_actions(g, fine, ctx.resamples, ctx.seed) for f, g in families.items()}
        result["organisations"] = per_organisation(both, _compact)
    return result, {"flat": flat, "postmortems": pm_units, "ambiguous": unsure}

