"""The rewrites suite: facts kept, facts invented and residual blame in each gold-blame rewrite."""

from __future__ import annotations

import re

from reviewer.evals import scorers
from reviewer.evals.reviewers import RulesReviewer
from reviewer.evals.suites.blame import BlameUnit
from reviewer.evals.suites.context import Context, blame_findings, rounded

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
    return rounded({
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
