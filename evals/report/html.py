"""report.html: one self-contained file (inline CSS, charts embedded as base64 PNGs)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from reviewer.evals.outcome import EvalOutcome
from reviewer.evals.report.markdown import (
    FAMILY_HEADER,
    ORG_HEADER,
    ambiguous_line,
    ci,
    documents_line,
    family_rows,
    fmt,
    headline_rows,
    organisation_rows,
)

TEMPLATE = "template.html.j2"


def highlight(text: str, spans: list[tuple[int, int]] | None) -> Markup:
    """Escape `text` and wrap the (merged) trigger spans in <mark>."""
    merged: list[list[int]] = []
    for start, end in sorted(spans or []):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    out, pos = [], 0
    for start, end in merged:
        out.append(escape(text[pos:start]))
        out.append(Markup("<mark>") + escape(text[start:end]) + Markup("</mark>"))
        pos = end
    out.append(escape(text[pos:]))
    return Markup("").join(out)


def _outcome(unit: Any) -> str:
    if unit.gold and unit.pred:
        return "tp"
    if unit.pred:
        return "fp"
    if unit.gold:
        return "fn"
    return "tn"


def _blame_views(details: dict) -> dict[str, list[dict]]:
    views: dict[str, list[dict]] = {"fn": [], "fp": [], "tp": []}
    for source in ("postmortems", "sentences"):
        for u in details.get("blame", {}).get(source, []):
            kind = _outcome(u)
            if kind == "tn":
                continue
            views[kind].append({
                "where": f"{u.doc} · {u.unit}" if source == "postmortems" else u.doc,
                "section": u.section, "category": u.category or ("hard negative" if u.hard_negative else "neutral"),
                "source": highlight(u.text, u.triggers), "rules": ", ".join(u.rules),
                "suggestion": u.suggestion, "advice": u.advice, "messages": u.messages, "rewrite": u.rewrite,
                "must_keep": list(u.must_keep),
            })
    return views


def _action_views(details: dict, label_space: str) -> list[dict]:
    from reviewer.evals.data import coarse

    rows = []
    for source in ("postmortems", "flat"):
        for u in details.get("action-items", {}).get(source, []):
            gold_c = "not-reminder" if u.gold == "not_action_item" else coarse(u.gold)
            pred_c = u.pred if u.pred in ("reminder-like", "not-reminder") else (
                "not-reminder" if u.pred == "not_action_item" else coarse(u.pred))
            wrong = (u.gold != u.pred) if label_space == "fine" else (gold_c != pred_c or u.pred == "not_action_item")
            if wrong:
                rows.append({"where": u.doc if source == "flat" else f"{u.doc} · {u.unit}", "text": u.text,
                             "gold": u.gold, "pred": u.pred, "message": u.message, "suggestion": u.suggestion})
    return rows


CHARTS_MISSING = "charts left out of report.html: they need matplotlib (pip install 'pmreview[eval]')"


def _images(s: dict[str, Any]) -> list[dict[str, str]]:
    from reviewer.evals.report import charts  # matplotlib: the `eval` extra

    images: list[dict[str, str]] = []
    if "blame" in s:
        images.append({"title": "Blame detection", "png": charts.blame_prf(s["blame"])})
        images.append({"title": "Per-rule bars",
                       "png": charts.per_rule(s["blame"]["all"]["per_rule"],
                                              s.get("rule-examples", {}).get("per_rule"))})
        images.append({"title": "Blame recall per category", "png": charts.category_recall(s["blame"]["all"]["per_category"])})
    if "action-items" in s and s["action-items"]["all"]["n"]:  # a corpus with no action items has no charts
        a = s["action-items"]["all"]
        images.append({"title": "Action items: confusion matrix (gold fine label × prediction)",
                       "png": charts.confusion(a["confusion"], f"Action items ({a['label_space']} prediction), "
                                                               f"n={a['n']}")})
        images.append({"title": "Action items: AC001 per gold class", "png": charts.gold_class_rates(a["per_gold_class"])})
    if "structure" in s:
        images.append({"title": "Structure rules", "png": charts.structure_checks(s["structure"]["checks"])})
    return images


def render_html(outcome: EvalOutcome) -> str:
    results = outcome.results
    s = results["suites"]
    try:
        images = _images(s)
    except ImportError:
        images = []
        outcome.notes.append(CHARTS_MISSING)
    env = Environment(loader=FileSystemLoader(Path(__file__).parent), autoescape=select_autoescape(["html", "j2"]),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["fmt"] = fmt
    env.filters["ci"] = ci
    label_space = results["manifest"].get("label_space", "coarse")
    return env.get_template(TEMPLATE).render(
        m=results["manifest"], s=s, gate=results.get("gate", {}), targets=results.get("targets", []),
        headline=headline_rows(results), images=images, charts_missing=None if images else CHARTS_MISSING,
        families={"header": FAMILY_HEADER, "rows": family_rows(results)},
        organisations={"header": ORG_HEADER, "rows": organisation_rows(results)},
        ambiguous=ambiguous_line(results), documents=documents_line(results), blame=_blame_views(outcome.details),
        actions=_action_views(outcome.details, label_space),
        regression=outcome.details.get("regression", []),
        rewrites_source=s.get("rewrites", {}).get("source", "rule-suggestion"),
    )
