"""Charts for the HTML report, drawn with matplotlib (Agg) and returned as base64 PNGs."""

from __future__ import annotations

import base64
import io
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from reviewer.rules.registry import is_blame_rule  # noqa: E402

PALETTE = {"tp": "#2e7d32", "fp": "#c62828", "fn": "#ef6c00", "bar": "#1565c0", "muted": "#90a4ae"}


def _png(fig) -> str:
    buf = io.BytesIO()
    fig.tight_layout()
    fig.savefig(buf, format="png", dpi=110)
    plt.close(fig)
    return base64.b64encode(buf.getvalue()).decode("ascii")


def _v(x: Any) -> float:
    return float(x) if isinstance(x, int | float) else 0.0


def blame_prf(blame: dict) -> str:
    """P/R/F1 per blame set with 95% bootstrap CIs as error bars."""
    sets = [k for k in ("postmortems", "sentences", "all") if k in blame]
    metrics = ("precision", "recall", "f1")
    fig, ax = plt.subplots(figsize=(7.5, 3.6))
    width = 0.26
    colors = ("#1565c0", "#6a1b9a", "#00838f")
    for j, metric in enumerate(metrics):
        xs, ys, lo, hi = [], [], [], []
        for i, name in enumerate(sets):
            value = _v(blame[name][metric])
            ci = (blame[name].get("ci95") or {}).get(metric) or [value, value]
            xs.append(i + (j - 1) * width)
            ys.append(value)
            lo.append(max(0.0, value - ci[0]))
            hi.append(max(0.0, ci[1] - value))
        ax.bar(xs, ys, width, yerr=[lo, hi], capsize=3, label=metric, color=colors[j])
        for x, y in zip(xs, ys, strict=True):
            ax.text(x, 0.03, f"{y:.2f}", ha="center", va="bottom", fontsize=7, color="white", rotation=90)
    ax.axhline(0.90, color=PALETTE["fp"], lw=0.8, ls="--")
    ax.axhline(0.75, color=PALETTE["fn"], lw=0.8, ls=":")
    ax.set_xticks(range(len(sets)), [f"{s}\n(n={blame[s]['units']})" for s in sets])
    ax.set_ylim(0, 1.12)
    ax.set_title("Blame detection (95% bootstrap CI over documents; targets P≥0.90 dashed, R≥0.75 dotted)",
                 fontsize=9)
    ax.legend(loc="lower right", fontsize=8)
    return _png(fig)


def per_rule(per_rule_counts: dict[str, dict], examples: dict[str, dict] | None) -> str:
    """Per blame rule: true vs false positive segments on the fixtures; rule-example pass rate."""
    rules = sorted(set(per_rule_counts) | set(examples or {}))
    fig, axes = plt.subplots(1, 2 if examples else 1, figsize=(10, 5.2), squeeze=False,
                             gridspec_kw={"width_ratios": [3, 2]} if examples else None)
    ax = axes[0][0]
    blame_rules = [r for r in rules if is_blame_rule(r)]
    tps = [per_rule_counts.get(r, {}).get("tp", 0) for r in blame_rules]
    fps = [per_rule_counts.get(r, {}).get("fp", 0) for r in blame_rules]
    ax.barh(blame_rules, tps, color=PALETTE["tp"], label="on a gold-blame unit")
    ax.barh(blame_rules, fps, left=tps, color=PALETTE["fp"], label="on a neutral unit")
    for i, (t, f) in enumerate(zip(tps, fps, strict=True)):
        if t + f:
            ax.text(t + f + 0.5, i, f"{t / (t + f):.0%}", va="center", fontsize=7)
    ax.invert_yaxis()
    ax.set_title("Units flagged per blame rule (label: precision)", fontsize=9)
    ax.legend(fontsize=7, loc="lower right")
    if examples:
        ax2 = axes[0][1]
        rates = [examples[r]["passed"] / examples[r]["n"] if examples[r]["n"] else 0 for r in rules if r in examples]
        names = [r for r in rules if r in examples]
        ax2.barh(names, rates, color=[PALETTE["tp"] if x == 1 else PALETTE["fp"] for x in rates])
        ax2.set_xlim(0, 1.05)
        ax2.invert_yaxis()
        ax2.set_title("Rule examples passing (registry suite)", fontsize=9)
        ax2.tick_params(axis="y", labelsize=7)
    return _png(fig)


def category_recall(per_category: dict[str, dict]) -> str:
    cats = [c for c, v in per_category.items() if v.get("support")]
    any_rule = [_v(per_category[c]["recall_any_rule"]) for c in cats]
    typed = [_v(per_category[c]["typed_recall"]) for c in cats]
    fig, ax = plt.subplots(figsize=(7.5, 3.4))
    xs = range(len(cats))
    ax.bar([x - 0.2 for x in xs], any_rule, 0.4, color=PALETTE["bar"], label="flagged by any rule")
    ax.bar([x + 0.2 for x in xs], typed, 0.4, color=PALETTE["muted"], label="flagged by its category's rule")
    ax.set_xticks(list(xs), [f"{c}\n(n={per_category[c]['support']})" for c in cats], fontsize=7, rotation=20)
    ax.set_ylim(0, 1.05)
    ax.set_title("Blame recall per category (all test units)", fontsize=9)
    ax.legend(fontsize=7, loc="lower right")
    return _png(fig)


def confusion(conf: dict, title: str) -> str:
    rows, cols, matrix = conf["rows"], conf["cols"], conf["matrix"]
    keep = [i for i, row in enumerate(matrix) if sum(row)]
    keep_c = [j for j in range(len(cols)) if any(matrix[i][j] for i in range(len(rows)))] or list(range(len(cols)))
    rows_k = [rows[i] for i in keep]
    cols_k = [cols[j] for j in keep_c]
    data = [[matrix[i][j] for j in keep_c] for i in keep]
    fig, ax = plt.subplots(figsize=(2.2 + 0.9 * len(cols_k), 1.2 + 0.42 * len(rows_k)))
    totals = [max(1, sum(r)) for r in data]
    shade = [[v / t for v in r] for r, t in zip(data, totals, strict=True)]
    ax.imshow(shade, cmap="Blues", vmin=0, vmax=1, aspect="auto")
    for i, row in enumerate(data):
        for j, v in enumerate(row):
            ax.text(j, i, str(v), ha="center", va="center", fontsize=8,
                    color="white" if shade[i][j] > 0.6 else "black")
    ax.set_xticks(range(len(cols_k)), cols_k, fontsize=8, rotation=20)
    ax.set_yticks(range(len(rows_k)), rows_k, fontsize=8)
    ax.set_xlabel("predicted", fontsize=8)
    ax.set_ylabel("gold", fontsize=8)
    ax.set_title(title, fontsize=9)
    return _png(fig)


def gold_class_rates(per_gold_class: dict[str, dict]) -> str:
    labels = [k for k, v in per_gold_class.items() if v["n"]]
    rates = [_v(per_gold_class[k]["flagged_reminder_like"]) for k in labels]
    weak = {"reminder", "training", "documentation", "vigilance"}
    fig, ax = plt.subplots(figsize=(7.5, 3.2))
    ax.bar(labels, rates, color=[PALETTE["tp"] if k in weak else PALETTE["fp"] for k in labels])
    for i, k in enumerate(labels):
        ax.text(i, rates[i] + 0.02, f"{rates[i]:.0%}\nn={per_gold_class[k]['n']}", ha="center", fontsize=7)
    ax.set_ylim(0, 1.2)
    ax.tick_params(axis="x", labelsize=7, rotation=20)
    ax.set_title("Share flagged by AC001 per gold class (green: should be flagged; red: should not)",
                 fontsize=9)
    return _png(fig)


def structure_checks(checks: dict[str, dict]) -> str:
    names = list(checks)
    acc = [_v(checks[n]["accuracy"]) for n in names]
    fig, ax = plt.subplots(figsize=(7.5, 2.6))
    ax.barh(names, acc, color=PALETTE["bar"])
    for i, n in enumerate(names):
        c = checks[n]
        ax.text(0.02, i, f"accuracy {acc[i]:.2f} · tp {c['tp']} fp {c['fp']} fn {c['fn']} (n={c['n']})",
                va="center", fontsize=7, color="white" if acc[i] > 0.5 else "black")
    ax.set_xlim(0, 1.05)
    ax.invert_yaxis()
    ax.set_title("Structure rules vs labelled documents", fontsize=9)
    return _png(fig)
