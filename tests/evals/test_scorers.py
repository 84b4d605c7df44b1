"""Scorers against hand-computed expectations."""

from __future__ import annotations

import pytest

from reviewer.evals import scorers
from reviewer.evals.scorers import LabeledSpan


def test_prf_from_counts():
    r = scorers.prf(tp=8, fp=2, fn=4)
    assert r["precision"] == pytest.approx(0.8)
    assert r["recall"] == pytest.approx(8 / 12)
    assert r["f1"] == pytest.approx(2 * 0.8 * (8 / 12) / (0.8 + 8 / 12))  # 0.72727…
    assert r["f1"] == pytest.approx(16 / 22)


def test_prf_undefined_is_none_not_zero():
    r = scorers.prf(0, 0, 3)
    assert r["precision"] is None and r["recall"] == 0.0 and r["f1"] is None
    assert scorers.prf(0, 2, 0)["recall"] is None
    assert scorers.prf(0, 1, 1)["f1"] == 0.0


def test_binary_counts():
    gold = [True, True, False, False, True]
    pred = [True, False, True, False, True]
    assert scorers.binary_counts(gold, pred) == (2, 1, 1, 1)


def test_bootstrap_single_document_gives_degenerate_interval():
    ci = scorers.bootstrap_prf([(3, 1, 1)], resamples=50, seed=1)
    assert ci["precision"] == [0.75, 0.75]
    assert ci["recall"] == [0.75, 0.75]


def test_bootstrap_is_seeded_and_brackets_the_point_estimate():
    docs = [(5, 0, 1), (2, 2, 0), (0, 1, 3), (4, 0, 0), (1, 1, 1)]
    a = scorers.bootstrap_prf(docs, resamples=400, seed=7)
    b = scorers.bootstrap_prf(docs, resamples=400, seed=7)
    assert a == b
    point = scorers.prf(12, 4, 5)
    for metric in ("precision", "recall", "f1"):
        lo, hi = a[metric]
        assert 0.0 <= lo <= point[metric] <= hi <= 1.0


def test_confusion_with_different_row_and_column_labels():
    gold = ["reminder", "training", "guardrail", "reminder"]
    pred = ["reminder-like", "not-reminder", "not-reminder", "reminder-like"]
    m = scorers.confusion(gold, pred, ["reminder", "training", "guardrail"], ["reminder-like", "not-reminder"])
    assert m == [[2, 0], [0, 1], [0, 1]]


def test_cohen_kappa_hand_computed():
    # 10 items: gold a a a a a b b b b b; pred a a a a b b b b a a
    gold = list("aaaaabbbbb")
    pred = list("aaaabbbbaa")
    # p_o = (4 + 3) / 10 = 0.7; p_e = 0.5*0.6 + 0.5*0.4 = 0.5; kappa = 0.2 / 0.5 = 0.4
    assert scorers.cohen_kappa(gold, pred) == pytest.approx(0.4)
    assert scorers.cohen_kappa(list("ab"), list("ab")) == pytest.approx(1.0)


def test_multiclass_macro_f1_hand_computed():
    gold = ["r", "r", "r", "g", "g", "d"]
    pred = ["r", "r", "g", "g", "r", "d"]
    out = scorers.multiclass(gold, pred)
    # r: tp2 fp1 fn1 -> F1 2/3; g: tp1 fp1 fn1 -> 1/2; d: tp1 -> 1
    assert out["per_class"]["r"]["f1"] == pytest.approx(2 / 3)
    assert out["per_class"]["g"]["f1"] == pytest.approx(0.5)
    assert out["per_class"]["d"]["f1"] == pytest.approx(1.0)
    assert out["macro_f1"] == pytest.approx((2 / 3 + 0.5 + 1) / 3)
    assert out["accuracy"] == pytest.approx(4 / 6)


def test_multiclass_class_never_predicted_counts_zero_in_macro():
    out = scorers.multiclass(["a", "b"], ["a", "a"], ["a", "b"])
    # a: tp1 fp1 -> P .5 R 1 F1 2/3; b: tp0 fn1 -> P None, F1 None -> 0 in the macro
    assert out["per_class"]["b"]["precision"] is None
    assert out["macro_f1"] == pytest.approx((2 / 3 + 0) / 2)


def test_bootstrap_macro_f1_single_cluster_equals_point():
    gold = ["r", "r", "g", "g"]
    pred = ["r", "g", "g", "g"]
    point = scorers.multiclass(gold, pred, ["r", "g"])["macro_f1"]
    assert scorers.bootstrap_macro_f1([(gold, pred)], ["r", "g"], resamples=20) == [round(point, 4)] * 2


def test_span_schemes_hand_computed():
    gold = [LabeledSpan(0, 40, "counterfactual"), LabeledSpan(100, 130, "moral")]
    pred = [
        LabeledSpan(10, 21, "counterfactual"),  # inside gold 1, right type
        LabeledSpan(100, 130, "hindsight"),  # exact bounds on gold 2, wrong type
        LabeledSpan(200, 210, "moral"),  # spurious
    ]
    out = scorers.span_prf(scorers.span_counts(gold, pred))
    # strict: only exact+type: none -> 0
    assert out["strict"]["precision"] == 0.0 and out["strict"]["recall"] == 0.0
    # exact: pred 2 matches gold 2 -> P 1/3, R 1/2
    assert out["exact"]["precision"] == pytest.approx(1 / 3)
    assert out["exact"]["recall"] == pytest.approx(1 / 2)
    # partial: pred1 0.5, pred2 1, pred3 0 -> P 1.5/3; golds 0.5 + 1 -> R 1.5/2
    assert out["partial"]["precision"] == pytest.approx(0.5)
    assert out["partial"]["recall"] == pytest.approx(0.75)
    # type: overlap with same type: pred1 only -> P 1/3, R 1/2
    assert out["type"]["precision"] == pytest.approx(1 / 3)
    assert out["type"]["recall"] == pytest.approx(1 / 2)
    # overlap: pred1, pred2 -> P 2/3, R 2/2
    assert out["overlap"]["precision"] == pytest.approx(2 / 3)
    assert out["overlap"]["recall"] == pytest.approx(1.0)


def test_span_counts_add_up_over_documents():
    total: dict = {}
    scorers.add_span_counts(total, scorers.span_counts([LabeledSpan(0, 5)], [LabeledSpan(0, 5)]))
    scorers.add_span_counts(total, scorers.span_counts([LabeledSpan(0, 5)], []))
    out = scorers.span_prf(total)
    assert out["exact"]["precision"] == 1.0 and out["exact"]["recall"] == 0.5
