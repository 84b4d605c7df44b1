"""Audit charts (matplotlib, Agg, embedded as base64 PNG). None when matplotlib is missing."""

from __future__ import annotations

import base64
import io


def _pyplot():
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return None
    return plt


def _png(plt, fig) -> str:
    buf = io.BytesIO()
    fig.tight_layout()
    fig.savefig(buf, format="png", dpi=110)
    plt.close(fig)
    return base64.b64encode(buf.getvalue()).decode("ascii")


def charts(summary: dict) -> dict[str, str] | None:
    """{name: base64 PNG} for the HTML report."""
    plt = _pyplot()
    if plt is None:
        return None
    out: dict[str, str] = {}
    groups = summary["findings_by_group"]
    if groups:
        fig, ax = plt.subplots(figsize=(6, 2.8))
        ax.bar(list(groups), list(groups.values()), color="#1565c0")
        ax.set_title("Findings by rule group")
        out["groups"] = _png(plt, fig)
    months = summary["trend_by_month"]
    if len(months) >= 2:
        fig, ax = plt.subplots(figsize=(8, 3.2))
        labels = [m["month"] for m in months]
        ax.plot(labels, [m["blame_per_1000_words"] or 0 for m in months], marker="o", label="blame per 1,000 words")
        ax2 = ax.twinx()
        ax2.plot(labels, [(m["reminder_share"] or 0) * 100 for m in months], marker="s", color="#ef6c00",
                 label="reminder-style items (%)")
        ax.set_ylabel("blame / 1,000 words")
        ax2.set_ylabel("reminder-style %")
        ax.tick_params(axis="x", rotation=60, labelsize=7)
        ax.set_title("Trend by month")
        fig.legend(loc="upper left", fontsize=7)
        out["trend"] = _png(plt, fig)
    missing = summary["structure"]["missing_by_section"]
    if missing:
        fig, ax = plt.subplots(figsize=(6, 2.8))
        ax.barh(list(missing), list(missing.values()), color="#c62828")
        ax.set_title("Documents missing each required section")
        out["structure"] = _png(plt, fig)
    return out
