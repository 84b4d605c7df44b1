"""The baseline gate: which metrics are gated, what a baseline keeps, and the verdict.

A gated metric fails when it is worse than the baseline by more than the tolerance; a
must-pass regression case or a rule example fails the gate whatever the baseline says.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reviewer.evals import SCHEMA_VERSION
from reviewer.evals.errors import HarnessError
from reviewer.evals.outcome import DEFAULT_TOLERANCE
from reviewer.jsonfile import read_json

# Gated metrics: dotted path in results["suites"] -> direction ("higher" is better, or "lower").
GATED: dict[str, str] = {
    "blame.postmortems.precision": "higher",
    "blame.postmortems.recall": "higher",
    "blame.postmortems.f1": "higher",
    "blame.sentences.precision": "higher",
    "blame.sentences.recall": "higher",
    "blame.sentences.f1": "higher",
    "blame.all.precision": "higher",
    "blame.all.recall": "higher",
    "blame.all.f1": "higher",
    "blame.all.hard_negatives.fp_rate": "lower",
    "action-items.all.macro_f1": "higher",
    "action-items.all.kappa": "higher",
    "action-items.all.reminder_like.recall": "higher",
    "action-items.all.reminder_like.precision": "higher",
    "action-items.all.reminder_recall": "higher",
    "action-items.all.reminder_called_guardrail_rate": "lower",
    "action-items.postmortems.owner.accuracy": "higher",
    "structure.accuracy": "higher",
    "regression.pass_rate": "higher",
    "rule-examples.pass_rate": "higher",
    "rewrites.facts_kept_rate": "higher",
    "rewrites.invented_rate": "lower",
    "rewrites.residual_blame_rate": "lower",
}
# Also gated for every source family in the data (one family must not hide behind the pool).
FAMILY_GATED: dict[str, str] = {
    "blame.families.{}.precision": "higher",
    "blame.families.{}.recall": "higher",
    "action-items.families.{}.reminder_like.precision": "higher",
    "action-items.families.{}.reminder_like.recall": "higher",
}

# The issues' targets for the rules engine (reported, not gated): our fixtures' test split, and
# real postmortem text (issue 9: sentences and flat action items of held-back organisations).
TARGETS = (
    ("blame precision", "blame.all.precision", 0.90),
    ("blame recall", "blame.all.recall", 0.75),
    ("reminder recall", "action-items.all.reminder_like.recall", 0.90),
    ("reminder precision", "action-items.all.reminder_like.precision", 0.85),
)
DATA_TARGETS = (
    ("sentence blame precision", "blame.sentences.precision", 0.90),
    ("sentence blame recall", "blame.sentences.recall", 0.80),
    ("reminder-like recall", "action-items.flat.reminder_like.recall", 0.90),
    ("reminder-like precision", "action-items.flat.reminder_like.precision", 0.90),
)


def get_path(tree: dict, dotted: str) -> Any:
    node: Any = tree
    for part in dotted.split("."):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


def gated_metrics(suites: dict[str, Any]) -> dict[str, str]:
    """GATED plus the per-family paths for the families this run has."""
    out = dict(GATED)
    families = set(get_path(suites, "blame.families") or {}) | set(get_path(suites, "action-items.families") or {})
    for family in sorted(families):
        out.update({path.format(family): direction for path, direction in FAMILY_GATED.items()})
    return out


def targets(results: dict, on_data: bool = False) -> list[dict]:
    out = []
    for name, path, floor in DATA_TARGETS if on_data else TARGETS:
        value = get_path(results, path)
        if value is None and get_path(results, path.split(".")[0]) is None:
            continue
        out.append({"name": name, "metric": path, "target": floor, "value": value,
                    "met": value is not None and value >= floor})
    return out


def baseline_of(results: dict[str, Any]) -> dict[str, Any]:
    """What a baseline keeps: the manifest, the gated metrics and the per-item pass/fail.
    Numbers and ids only: never the labelled text (a baseline of third-party data is committed)."""
    suites_ = results["suites"]
    return {
        "schema_version": SCHEMA_VERSION,
        "manifest": results["manifest"],
        "tolerance": DEFAULT_TOLERANCE,
        "metrics": {path: get_path(suites_, path) for path in gated_metrics(suites_)
                    if get_path(suites_, path) is not None
                    # rules-only "rewrites" are the rules' mechanical edits: reported, not gated
                    and not (path.startswith("rewrites.") and get_path(suites_, "rewrites.source") != "llm")},
        "regression": {i["id"]: i["pass"] for i in results.get("items", {}).get("regression", [])},
        "rule_examples": {f"{i['rule']}/{i['example']}": i["pass"]
                          for i in results.get("items", {}).get("rule-examples", [])},
    }


def load_baseline(path: Path) -> dict[str, Any]:
    baseline = read_json(path, f"--baseline {path}", HarnessError)
    if not isinstance(baseline, dict) or "metrics" not in baseline:
        raise HarnessError(f"--baseline {path}: not a pmreview eval baseline (no 'metrics')")
    return baseline


def _check_comparable(b_manifest: dict, r_manifest: dict, warnings: list[str]) -> None:
    b_data, r_data = b_manifest.get("data") is not None, r_manifest.get("data") is not None
    if b_data != r_data:
        raise HarnessError("baseline is for " + ("a --data directory" if b_data else "our fixtures") + ", this run "
                           "is on " + ("a --data directory" if r_data else "our fixtures"))
    if b_manifest.get("split") and b_manifest.get("split") != r_manifest["split"]:
        what = "part" if r_data else "split"
        raise HarnessError(f"baseline is for {what} {b_manifest.get('split')!r}, this run is {r_manifest['split']!r}")
    if b_manifest.get("dataset_version") != r_manifest["dataset_version"]:
        warnings.append(f"labelled data changed since the baseline (dataset {b_manifest.get('dataset_version')} -> "
                        f"{r_manifest['dataset_version']}); re-baseline deliberately")
    if b_manifest.get("reviewer") != r_manifest["reviewer"]:
        warnings.append(f"baseline reviewer {b_manifest.get('reviewer')!r} differs from {r_manifest['reviewer']!r}")


def gate(results: dict[str, Any], baseline: dict[str, Any] | None, tolerance: float) -> dict[str, Any]:
    """Compare with the baseline. Fails on: a gated metric worse by more than `tolerance`; a
    must-pass regression case failing (always, baseline or not); a rule example failing."""
    failures: list[str] = []
    warnings: list[str] = []
    rows: list[dict[str, Any]] = []
    suites_ = results["suites"]
    for item in results.get("items", {}).get("regression", []):
        if not item["pass"]:
            failures.append(f"must-pass {item['id']} failed: expected {item['expect']}, got {item['got']} "
                            f"({item['reason']})")
    for name in get_path(suites_, "rule-examples.failed") or []:
        failures.append(f"rule example {name} failed")
    if baseline is not None:
        _check_comparable(baseline.get("manifest", {}), results["manifest"], warnings)
        directions = gated_metrics(suites_)
        for path, old in baseline.get("metrics", {}).items():
            new = get_path(suites_, path)
            direction = directions.get(path, GATED.get(path, "higher"))
            if new is None or old is None:
                if old is not None and path.split(".")[0] in suites_:
                    failures.append(f"{path}: was {old}, now undefined")
                continue
            delta = new - old
            worse = -delta if direction == "higher" else delta
            status = "fail" if worse > tolerance + 1e-9 else ("better" if worse < -1e-9 else "ok")
            rows.append({"metric": path, "baseline": old, "current": new, "delta": round(delta, 4),
                         "direction": direction, "status": status})
            if status == "fail":
                failures.append(f"{path}: {old} -> {new} ({delta:+.4f}, tolerance {tolerance})")
        current = {i["id"] for i in results.get("items", {}).get("regression", [])}
        for case_id in baseline.get("regression", {}):
            if case_id not in current and "regression" in suites_:
                warnings.append(f"must-pass case {case_id} is in the baseline but not in the fixtures")
    return {"baseline": baseline is not None, "tolerance": tolerance, "passed": not failures,
            "failures": failures, "warnings": warnings, "metrics": rows}
