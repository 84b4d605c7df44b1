"""summary.md: the headline numbers, targets, gate and per-class tables, for a PR comment."""

from __future__ import annotations

from typing import Any


def fmt(value: Any, digits: int = 3) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def ci(interval: list[float] | None) -> str:
    return "–" if not interval else f"[{interval[0]:.3f}, {interval[1]:.3f}]"


def headline_rows(results: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(metric, value, 95% CI) rows shared by the Markdown, terminal and HTML summaries."""
    s = results["suites"]
    rows: list[tuple[str, str, str]] = []
    for name in ("postmortems", "sentences", "all"):
        b = s.get("blame", {}).get(name)
        if b:
            for m in ("precision", "recall", "f1"):
                rows.append((f"blame {name} {m}", fmt(b[m]), ci(b["ci95"][m])))
    a = s.get("action-items", {}).get("all")
    if a:
        rows.append(("action items macro-F1 (" + a["label_space"] + ")", fmt(a["macro_f1"]), ci(a["macro_f1_ci95"])))
        rows.append(("reminder-like recall", fmt(a["reminder_like"]["recall"]), ci(a["reminder_like"]["ci95"]["recall"])))
        rows.append(("reminder-like precision", fmt(a["reminder_like"]["precision"]),
                     ci(a["reminder_like"]["ci95"]["precision"])))
        rows.append(("reminder (strict class) recall", fmt(a["reminder_recall"]), "–"))
        rows.append(("reminder called guardrail", fmt(a["reminder_called_guardrail_rate"]), "–"))
        rows.append(("Cohen's kappa", fmt(a["kappa"]), "–"))
    if "structure" in s:
        rows.append(("structure accuracy", fmt(s["structure"]["accuracy"]), "–"))
    if "regression" in s:
        r = s["regression"]
        rows.append(("must-pass regression", f"{r['passed']}/{r['n']}", "–"))
    if "rule-examples" in s:
        r = s["rule-examples"]
        rows.append(("rule examples", f"{r['passed']}/{r['n']}", "–"))
    return rows


def _table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines) + "\n"


def render_markdown(results: dict[str, Any]) -> str:
    m = results["manifest"]
    s = results["suites"]
    gate = results.get("gate", {})
    out = [f"# pmreview eval: {m['reviewer']} on {m['split']}\n",
           f"git `{m['git_sha'] or 'unknown'}` · dataset `{m['dataset_version']}` · model `{m['model'] or '–'}` · "
           f"prompt `{m['prompt_fingerprint'] or '–'}` · cache `{m['cache_mode']}` · {m['timestamp']}\n"]
    verdict = "PASS" if gate.get("passed") else "FAIL"
    out.append(f"**Gate: {verdict}**" + (" (vs baseline, tolerance " + fmt(gate.get("tolerance"), 2) + ")"
                                         if gate.get("baseline") else " (no baseline)") + "\n")
    for f in gate.get("failures", []):
        out.append(f"- ❌ {f}")
    for w in gate.get("warnings", []):
        out.append(f"- ⚠️ {w}")
    out.append("\n## Headline\n")
    out.append(_table(["metric", "value", "95% CI"], [list(r) for r in headline_rows(results)]))
    if results.get("targets"):
        out.append("\n## Targets (rules engine, test split)\n")
        out.append(_table(["target", "metric", "value", "met"],
                          [[f"{t['name']} ≥ {t['target']}", f"`{t['metric']}`", fmt(t["value"]),
                            "yes" if t["met"] else "**no**"] for t in results["targets"]]))
    if "blame" in s:
        b = s["blame"]
        out.append("\n## Blame per category (all units)\n")
        out.append(_table(["category", "n", "recall (any rule)", "typed P", "typed R"],
                          [[c, str(v["support"]), fmt(v["recall_any_rule"]), fmt(v["typed_precision"]),
                            fmt(v["typed_recall"])] for c, v in b["all"]["per_category"].items()]))
        out.append("\n## Blame per rule (all units)\n")
        out.append(_table(["rule", "fired", "on gold blame", "on neutral", "precision"],
                          [[r, str(v["fired"]), str(v["tp"]), str(v["fp"]), fmt(v["precision"])]
                           for r, v in sorted(b["all"]["per_rule"].items())]))
        hn = b["all"]["hard_negatives"]
        out.append(f"\nHard negatives flagged: {hn['flagged']}/{hn['n']} ({fmt(hn['fp_rate'])}).  ")
        macro = b["postmortems"]["macro_over_docs"]
        out.append(f"Macro F1 over postmortems: {fmt(macro['mean_f1'])} ± {fmt(macro['std_f1'])} "
                   f"({macro['docs']} docs).\n")
        out.append("\nSpan overlap (secondary, postmortems): " + ", ".join(
            f"{k} F1 {fmt(v['f1'])}" for k, v in b["spans"].items()) + "\n")
    if "action-items" in s:
        a = s["action-items"]["all"]
        out.append("\n## Action items per gold class (all items)\n")
        out.append(_table(["gold class", "n", "flagged reminder-like", "coarse correct"],
                          [[k, str(v["n"]), fmt(v["flagged_reminder_like"]), fmt(v["coarse_correct"])]
                           for k, v in a["per_gold_class"].items() if v["n"]]))
        o = s["action-items"]["postmortems"]["owner"]
        out.append(f"\nOwner rules (AC002–AC004) vs `owner:` labels: accuracy {fmt(o['accuracy'])} on {o['n']} items "
                   f"(problem P {fmt(o['problem_precision'])}, R {fmt(o['problem_recall'])}).\n")
    if "structure" in s:
        out.append("\n## Structure\n")
        out.append(_table(["check", "n", "tp", "fp", "fn", "accuracy"],
                          [[k, str(v["n"]), str(v["tp"]), str(v["fp"]), str(v["fn"]), fmt(v["accuracy"])]
                           for k, v in s["structure"]["checks"].items()]))
    if "rewrites" in s:
        w = s["rewrites"]
        out.append(f"\n## Rewrites ({w['source']})\n")
        out.append(_table(["metric", "value"], [[k, fmt(v)] for k, v in w.items() if k != "source"]))
    c = s.get("cost", {})
    out.append(f"\n## Cost\n\nrequests {c.get('requests')}, cache hits {c.get('cache_hits')}, tokens in/out "
               f"{c.get('input_tokens')}/{c.get('output_tokens')}, cost ${fmt(c.get('cost_usd'), 4)}, "
               f"{c.get('documents_reviewed')} documents in {c.get('wall_s')} s "
               f"(mean {fmt(c.get('latency_mean_s'), 4)} s, p95 {fmt(c.get('latency_p95_s'), 4)} s)\n")
    return "\n".join(out)
