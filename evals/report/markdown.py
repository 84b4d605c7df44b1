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


FAMILY_HEADER = ["family", "blame units", "blame P", "blame R", "blame F1", "reminder-like n", "reminder-like P",
                 "reminder-like R", "structure acc."]


def family_rows(results: dict[str, Any]) -> list[list[str]]:
    """One row per source family, then the pool: the same metrics side by side."""
    s = results["suites"]
    blame, actions = s.get("blame", {}), s.get("action-items", {})
    structure = s.get("structure", {})
    names = sorted(set(blame.get("families", {})) | set(actions.get("families", {})))
    if not names:
        return []
    rows = []
    for name, b, a, st in [(n, blame.get("families", {}).get(n), actions.get("families", {}).get(n),
                            structure.get("families", {}).get(n)) for n in names] + [
            ("pooled", blame.get("all"), actions.get("all"), structure or None)]:
        rl = (a or {}).get("reminder_like") or {}
        rows.append([name, fmt((b or {}).get("units")), fmt((b or {}).get("precision")), fmt((b or {}).get("recall")),
                     fmt((b or {}).get("f1")), fmt(rl.get("support")), fmt(rl.get("precision")),
                     fmt(rl.get("recall")), fmt((st or {}).get("accuracy"))])
    return rows


ORG_HEADER = ["family · organisation", "blame units", "gold blame", "blame P", "blame R", "reminder-like n",
              "reminder-like P", "reminder-like R"]


def organisation_rows(results: dict[str, Any]) -> list[list[str]]:
    s = results["suites"]
    b_orgs = s.get("blame", {}).get("organisations", {})
    a_orgs = s.get("action-items", {}).get("organisations", {})
    rows = []
    for family in sorted(set(b_orgs) | set(a_orgs)):
        for org in sorted(set(b_orgs.get(family, {})) | set(a_orgs.get(family, {}))):
            b = b_orgs.get(family, {}).get(org) or {}
            rl = (a_orgs.get(family, {}).get(org) or {}).get("reminder_like") or {}
            rows.append([f"{family} · {org}", fmt(b.get("units")), fmt(b.get("gold_blame")), fmt(b.get("precision")),
                         fmt(b.get("recall")), fmt(rl.get("support")), fmt(rl.get("precision")),
                         fmt(rl.get("recall"))])
    return rows


def documents_line(results: dict[str, Any]) -> str | None:
    d = results["suites"].get("blame", {}).get("documents")
    if not d or not d.get("words"):
        return None
    return (f"Whole documents: {d['words']} words, {d['findings']} findings ({fmt(d['findings_per_kwords'], 2)} per "
            f"1,000 words); blame on neutral segments: {d['blame_fp_units']} "
            f"({fmt(d['blame_fp_per_kwords'], 2)} per 1,000 words).")


def ambiguous_line(results: dict[str, Any]) -> str | None:
    s = results["suites"]
    b, a = s.get("blame", {}).get("ambiguous"), s.get("action-items", {}).get("ambiguous")
    if not (b and b.get("n")) and not (a and a.get("n")):
        return None
    parts = []
    if b and b.get("n"):
        parts.append(f"{b['n']} blame units ({b['labelled_blame']} labelled blame), {b['flagged']} flagged")
    if a and a.get("n"):
        rl = a["reminder_like"]
        parts.append(f"{a['n']} action items ({rl['support']} reminder-like), {rl['tp'] + rl['fp']} flagged "
                     f"reminder-like")
    return "Ambiguous labels, not scored: " + "; ".join(parts) + "."


def _table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines) + "\n"


def render_markdown(results: dict[str, Any]) -> str:
    m = results["manifest"]
    s = results["suites"]
    gate = results.get("gate", {})
    on = f"{m['data']} (part {m['split']})" if m.get("data") else m["split"]
    out = [f"# pmreview eval: {m['reviewer']} on {on}\n",
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
    if rows := family_rows(results):
        out.append("\n## Per source family\n")
        out.append(_table(FAMILY_HEADER, rows))
    if rows := organisation_rows(results):
        out.append("\n## Per organisation (families with at most 30)\n")
        out.append(_table(ORG_HEADER, rows))
    for line in (ambiguous_line(results), documents_line(results)):
        if line:
            out.append("\n" + line + "\n")
    if results.get("targets"):
        out.append("\n## Targets\n")
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
