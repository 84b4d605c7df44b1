"""Pure metric code: no fixtures, no reviewer, no I/O. Every function is unit-tested by hand.

Conventions: a ratio whose denominator is 0 is `None` (undefined), never 0 or 1; JSON
writes it as null and the gate skips it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

# -- binary ------------------------------------------------------------------------------


def ratio(num: float, den: float) -> float | None:
    return None if den == 0 else num / den


def f1_of(precision: float | None, recall: float | None) -> float | None:
    if precision is None or recall is None:
        return None
    return 0.0 if precision + recall == 0 else 2 * precision * recall / (precision + recall)


def prf(tp: int, fp: int, fn: int) -> dict[str, float | int | None]:
    """Precision, recall and F1 of the positive class from summed counts (micro)."""
    p, r = ratio(tp, tp + fp), ratio(tp, tp + fn)
    return {"precision": p, "recall": r, "f1": f1_of(p, r), "tp": tp, "fp": fp, "fn": fn}


def binary_counts(gold: Sequence[bool], pred: Sequence[bool]) -> tuple[int, int, int, int]:
    """(tp, fp, fn, tn)."""
    tp = sum(1 for g, p in zip(gold, pred, strict=True) if g and p)
    fp = sum(1 for g, p in zip(gold, pred, strict=True) if p and not g)
    fn = sum(1 for g, p in zip(gold, pred, strict=True) if g and not p)
    return tp, fp, fn, len(gold) - tp - fp - fn


# -- bootstrap over documents -------------------------------------------------------------


def _interval(values: np.ndarray, alpha: float) -> list[float] | None:
    finite = values[np.isfinite(values)]
    if finite.size == 0:
        return None
    lo, hi = np.percentile(finite, [100 * alpha / 2, 100 * (1 - alpha / 2)])
    return [round(float(lo), 4), round(float(hi), 4)]


def bootstrap_prf(counts: Sequence[Sequence[int]], resamples: int = 1000, seed: int = 0,
                  alpha: float = 0.05) -> dict[str, list[float] | None]:
    """Percentile CIs for micro P/R/F1, resampling clusters (documents) with replacement.

    `counts` holds one (tp, fp, fn) row per document: sentences in one postmortem are
    correlated, so the document is the resampling unit. Seeded, hence reproducible.
    """
    table = np.asarray(counts, dtype=float).reshape(-1, 3)
    if table.shape[0] == 0:
        return {"precision": None, "recall": None, "f1": None}
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, table.shape[0], size=(resamples, table.shape[0]))
    sums = table[idx].sum(axis=1)
    tp, fp, fn = sums[:, 0], sums[:, 1], sums[:, 2]
    with np.errstate(divide="ignore", invalid="ignore"):
        p = np.where(tp + fp > 0, tp / (tp + fp), np.nan)
        r = np.where(tp + fn > 0, tp / (tp + fn), np.nan)
        f = np.where(p + r > 0, 2 * p * r / (p + r), np.where(np.isnan(p) | np.isnan(r), np.nan, 0.0))
    return {"precision": _interval(p, alpha), "recall": _interval(r, alpha), "f1": _interval(f, alpha)}


# -- multi-class ----------------------------------------------------------------------------


def confusion(gold: Sequence[str], pred: Sequence[str], rows: Sequence[str], cols: Sequence[str]) -> list[list[int]]:
    """Counts[i][j] = items with gold rows[i] predicted cols[j]. Rows and columns may differ
    (fine gold labels against a coarse prediction)."""
    r_index = {label: i for i, label in enumerate(rows)}
    c_index = {label: j for j, label in enumerate(cols)}
    matrix = [[0] * len(cols) for _ in rows]
    for g, p in zip(gold, pred, strict=True):
        matrix[r_index[g]][c_index[p]] += 1
    return matrix


def cohen_kappa(gold: Sequence[str], pred: Sequence[str]) -> float | None:
    """Unweighted Cohen's kappa: (p_o - p_e) / (1 - p_e)."""
    n = len(gold)
    if n == 0:
        return None
    labels = sorted(set(gold) | set(pred))
    p_o = sum(1 for g, p in zip(gold, pred, strict=True) if g == p) / n
    p_e = sum((list(gold).count(c) / n) * (list(pred).count(c) / n) for c in labels)
    if p_e == 1:
        return None if p_o != 1 else 1.0
    return (p_o - p_e) / (1 - p_e)


def multiclass(gold: Sequence[str], pred: Sequence[str], labels: Sequence[str] | None = None) -> dict:
    """Per-class P/R/F1/support, macro-F1 over `labels` (default: labels seen in gold or
    predictions), accuracy and Cohen's kappa. A class never predicted has precision None and
    counts as F1 0 in the macro average when it has gold support."""
    labels = list(labels) if labels is not None else sorted(set(gold) | set(pred))
    per_class: dict[str, dict] = {}
    f1s: list[float] = []
    for c in labels:
        tp = sum(1 for g, p in zip(gold, pred, strict=True) if g == c and p == c)
        fp = sum(1 for g, p in zip(gold, pred, strict=True) if g != c and p == c)
        fn = sum(1 for g, p in zip(gold, pred, strict=True) if g == c and p != c)
        scores = prf(tp, fp, fn)
        scores["support"] = tp + fn
        per_class[c] = scores
        if tp + fn + fp > 0:
            f1s.append(scores["f1"] or 0.0)
    n = len(gold)
    return {
        "labels": labels,
        "per_class": per_class,
        "macro_f1": sum(f1s) / len(f1s) if f1s else None,
        "accuracy": ratio(sum(1 for g, p in zip(gold, pred, strict=True) if g == p), n),
        "kappa": cohen_kappa(gold, pred),
        "n": n,
    }


def bootstrap_macro_f1(clusters: Sequence[tuple[Sequence[str], Sequence[str]]], labels: Sequence[str],
                       resamples: int = 1000, seed: int = 0, alpha: float = 0.05) -> list[float] | None:
    """Percentile CI for macro-F1, resampling clusters of (gold, pred) items."""
    k = len(labels)
    index = {c: i for i, c in enumerate(labels)}
    mats = np.zeros((len(clusters), k, k))
    for n, (gold, pred) in enumerate(clusters):
        for g, p in zip(gold, pred, strict=True):
            mats[n, index[g], index[p]] += 1
    if mats.shape[0] == 0:
        return None
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, mats.shape[0], size=(resamples, mats.shape[0]))
    total = mats[idx].sum(axis=1)  # (B, k, k)
    tp = np.diagonal(total, axis1=1, axis2=2)
    fp = total.sum(axis=1) - tp
    fn = total.sum(axis=2) - tp
    with np.errstate(divide="ignore", invalid="ignore"):
        f1 = np.where(2 * tp + fp + fn > 0, 2 * tp / (2 * tp + fp + fn), np.nan)
    present = (tp + fp + fn) > 0
    macro = np.where(present.any(axis=1), np.nansum(np.where(present, f1, 0), axis=1) / present.sum(axis=1), np.nan)
    return _interval(macro, alpha)


# -- spans (secondary score) -----------------------------------------------------------------

SPAN_SCHEMES = ("strict", "exact", "partial", "type", "overlap")


@dataclass(frozen=True)
class LabeledSpan:
    start: int
    end: int
    type: str | None = None

    def overlaps(self, other: LabeledSpan) -> bool:
        return self.start < other.end and other.start < self.end

    def same_bounds(self, other: LabeledSpan) -> bool:
        return self.start == other.start and self.end == other.end


def _span_score(a: LabeledSpan, b: LabeledSpan, scheme: str) -> float:
    if not a.overlaps(b):
        return 0.0
    exact = a.same_bounds(b)
    if scheme == "strict":
        return 1.0 if exact and a.type == b.type else 0.0
    if scheme == "exact":
        return 1.0 if exact else 0.0
    if scheme == "partial":
        return 1.0 if exact else 0.5
    if scheme == "type":
        return 1.0 if a.type == b.type else 0.0
    return 1.0  # overlap


def span_counts(gold: Sequence[LabeledSpan], pred: Sequence[LabeledSpan]) -> dict[str, dict[str, float]]:
    """Per scheme: credit summed over predictions (best gold each), over golds (best prediction
    each), and the two totals. Sum these over documents, then call `span_prf`.

    The schemes follow SemEval-2013 Task 9.1 as implemented by nervaluate (MantisAI):
    strict = exact boundaries and type; exact = exact boundaries; partial = exact 1, overlap 0.5;
    type = any overlap with the same type. `overlap` (any overlap, any type) is added because our
    triggers are words inside sentence-long gold quotes. Unlike nervaluate, each prediction and
    each gold span is credited once (its best match), so several triggers inside one quote do
    not inflate the recall denominator.
    """
    out = {}
    for scheme in SPAN_SCHEMES:
        pred_credit = sum(max((_span_score(p, g, scheme) for g in gold), default=0.0) for p in pred)
        gold_credit = sum(max((_span_score(g, p, scheme) for p in pred), default=0.0) for g in gold)
        out[scheme] = {"pred_credit": pred_credit, "gold_credit": gold_credit, "n_pred": len(pred),
                       "n_gold": len(gold)}
    return out


def add_span_counts(total: dict, more: dict) -> dict:
    for scheme, values in more.items():
        slot = total.setdefault(scheme, {"pred_credit": 0.0, "gold_credit": 0.0, "n_pred": 0, "n_gold": 0})
        for key, value in values.items():
            slot[key] += value
    return total


def span_prf(counts: dict) -> dict[str, dict[str, float | None]]:
    out = {}
    for scheme, c in counts.items():
        p, r = ratio(c["pred_credit"], c["n_pred"]), ratio(c["gold_credit"], c["n_gold"])
        out[scheme] = {"precision": p, "recall": r, "f1": f1_of(p, r)}
    return out
