"""Pass/fail suites: structure rules against the labels, the must-pass regression set, rule examples."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Any

from reviewer.evals import scorers
from reviewer.evals.data import NOT_ACTION_ITEM, ActionItemCase, coarse
from reviewer.evals.suites.actions import predict, wrap_action_item
from reviewer.evals.suites.context import Context, blame_findings, rounded
from reviewer.rules.action_items.item import is_action_item
from reviewer.rules.registry import all_rules
from reviewer.rules.structure.sections import DEFAULT_REQUIRED

# -- structure -------------------------------------------------------------------------------

_MISSING = re.compile(r"Missing section: ([a-z-]+)")
REQUIRED_KINDS = DEFAULT_REQUIRED  # the section kinds ST001 requires by default


def run_structure(ctx: Context) -> tuple[dict, list[dict]]:
    pairs_by_doc: dict[str, dict[str, list[tuple[bool, bool]]]] = {}
    items = []
    for pm in ctx.dataset.postmortems:
        review = ctx.review(pm.text, str(pm.path))
        rules = Counter(f.rule for f in review.findings)
        predicted_missing = {m.group(1) for f in review.findings if f.rule == "ST001"
                             for m in [_MISSING.search(f.message)] if m}
        gold_missing = set(pm.structure.get("missing_sections") or [])
        row: dict[str, Any] = {"doc": pm.id, "gold_missing": sorted(gold_missing), "pred_missing": sorted(predicted_missing)}
        checks: dict[str, list[tuple[bool, bool]]] = defaultdict(list)
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
        pairs_by_doc[pm.id] = checks
        items.append(row)
    out = _score_structure(list(pairs_by_doc.values()))
    families = {pm.family for pm in ctx.dataset.postmortems if pm.family}
    if families:
        out["families"] = {f: _score_structure([pairs_by_doc[pm.id] for pm in ctx.dataset.postmortems
                                                if pm.family == f]) for f in sorted(families)}
    return out, items


def _score_structure(docs: list[dict[str, list[tuple[bool, bool]]]]) -> dict:
    pooled: dict[str, list[tuple[bool, bool]]] = defaultdict(list)
    for checks in docs:
        for name, pairs in checks.items():
            pooled[name].extend(pairs)
    out = {}
    correct = total = 0
    for name, pairs in pooled.items():
        tp, fp, fn, tn = scorers.binary_counts([g for g, _ in pairs], [p for _, p in pairs])
        out[name] = {**scorers.prf(tp, fp, fn), "tn": tn, "n": len(pairs),
                     "accuracy": scorers.ratio(tp + tn, len(pairs))}
        correct += tp + tn
        total += len(pairs)
    return rounded({"checks": out, "accuracy": scorers.ratio(correct, total), "docs": len(docs)})


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
            got = predict(review, segs[0], fine)[0] if segs else NOT_ACTION_ITEM
            passed = got == case.expect if fine else (got == coarse(case.expect))
            detail = ""
        items.append({"id": case.id, "kind": case.kind, "text": case.text, "expect": case.expect, "got": got,
                      "pass": passed, "reason": case.reason, "detail": detail})
    failed = [i["id"] for i in items if not i["pass"]]
    return rounded({"n": len(items), "passed": len(items) - len(failed), "failed": failed,
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
    return rounded({"n": len(items), "passed": len(items) - len(failed), "failed": failed,
                   "pass_rate": scorers.ratio(len(items) - len(failed), len(items)), "per_rule": per_rule}), items

