"""Pure metric code: no fixtures, no reviewer, no I/O. Every function is unit-tested by hand.

Conventions: a ratio whose denominator is 0 is `None` (undefined), never 0 or 1; JSON
writes it as null and the gate skips it. Plain Python (no numpy): the numbers and the gate
work in a base install; only the HTML charts need the `eval` extra (matplotlib).
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass

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


def _percentile(ordered: list[float], q: float) -> float:
    """Linear interpolation between closest ranks (numpy's default method)."""
    pos = q / 100 * (len(ordered) - 1)
    low = math.floor(pos)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


def _interval(values: Sequence[float | None], alpha: float) -> list[float] | None:
    finite = sorted(v for v in values if v is not None)
    if not finite:
        return None
    lo, hi = _percentile(finite, 100 * alpha / 2), _percentile(finite, 100 * (1 - alpha / 2))
    return [round(lo, 4), round(hi, 4)]


def _resamples(n: int, resamples: int, seed: int) -> list[list[int]]:
    """`resamples` draws of n cluster indices with replacement, seeded (reproducible)."""
    rng = random.Random(seed)
    return [[rng.randrange(n) for _ in range(n)] for _ in range(resamples)]


def bootstrap_prf(counts: Sequence[Sequence[int]], resamples: int = 1000, seed: int = 0,
                  alpha: float = 0.05) -> dict[str, list[float] | None]:
    """Percentile CIs for micro P/R/F1, resampling clusters (documents) with replacement.

    `counts` holds one (tp, fp, fn) row per document: sentences in one postmortem are
    correlated, so the document is the resampling unit. Seeded, hence reproducible.
    """
    table = [tuple(row) for row in counts]
    if not table:
        return {"precision": None, "recall": None, "f1": None}
    ps: list[float | None] = []
    rs: list[float | None] = []
    fs: list[float | None] = []
    for draw in _resamples(len(table), resamples, seed):
        tp = sum(table[i][0] for i in draw)
        fp = sum(table[i][1] for i in draw)
        fn = sum(table[i][2] for i in draw)
        p, r = ratio(tp, tp + fp), ratio(tp, tp + fn)
        ps.append(p)
        rs.append(r)
        fs.append(f1_of(p, r))
    return {"precision": _interval(ps, alpha), "recall": _interval(rs, alpha), "f1": _interval(fs, alpha)}


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
    """Percentile CI for macro-F1, resampling clusters of (gold, pred) items. A class counts in a
    resample's macro average when it has gold or predicted items in that resample."""
    index = {c: i for i, c in enumerate(labels)}
    k = len(labels)
    # per cluster and class: (tp, fp, fn)
    per_cluster = []
    for gold, pred in clusters:
        row = [[0, 0, 0] for _ in range(k)]
        for g, p in zip(gold, pred, strict=True):
            gi, pi = index[g], index[p]
            if gi == pi:
                row[gi][0] += 1
            else:
                row[pi][1] += 1
                row[gi][2] += 1
        per_cluster.append(row)
    if not per_cluster:
        return None
    macros: list[float | None] = []
    for draw in _resamples(len(per_cluster), resamples, seed):
        f1s = []
        for c in range(k):
            tp = sum(per_cluster[i][c][0] for i in draw)
            fp = sum(per_cluster[i][c][1] for i in draw)
            fn = sum(per_cluster[i][c][2] for i in draw)
            if tp + fp + fn:
                f1s.append(2 * tp / (2 * tp + fp + fn))
        macros.append(sum(f1s) / len(f1s) if f1s else None)
    return _interval(macros, alpha)


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
