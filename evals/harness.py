"""Run the suites, build results.json, compare with a baseline, choose the exit code.

Exit codes: 0 ok; 1 a gated metric dropped beyond tolerance vs the baseline, a must-pass
regression case or a rule example failed; 2 harness error (bad fixtures, bad options,
missing LLM recording, crash). Quality failures and harness errors never share a code.
"""

from __future__ import annotations

import json
import platform
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from evals import SCHEMA_VERSION, data
from evals import suites as suite_runs
from evals.errors import HarnessError
from evals.reviewers import Reviewer, Usage, make_reviewer

SUITES = ("blame", "action-items", "structure", "regression", "rule-examples", "rewrites")
DEFAULT_TOLERANCE = 0.02
EXIT_OK, EXIT_GATE, EXIT_HARNESS = 0, 1, 2
ROOT = Path(__file__).resolve().parent.parent

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

# The targets for the rules engine on the test split (reported, not gated).
TARGETS = (
    ("blame precision", "blame.all.precision", 0.90),
    ("blame recall", "blame.all.recall", 0.75),
    ("reminder recall", "action-items.all.reminder_like.recall", 0.90),
    ("reminder precision", "action-items.all.reminder_like.precision", 0.85),
)


@dataclass
class Options:
    suites: tuple[str, ...] = SUITES
    split: str = "test"
    llm: str | None = None
    cache_mode: str = "replay"
    report_dir: Path | None = None
    baseline: Path | None = None
    write_baseline: Path | None = None
    tolerance: float = DEFAULT_TOLERANCE
    resamples: int = suite_runs.RESAMPLES
    seed: int = suite_runs.SEED
    fixtures: Path = data.FIXTURES
    formats: tuple[str, ...] = ("json", "md", "html")


@dataclass
class Outcome:
    results: dict[str, Any]
    details: dict[str, Any]  # per-item records for the report writers
    exit_code: int
    gate: dict[str, Any] = field(default_factory=dict)
    written: dict[str, Path] = field(default_factory=dict)


# -- manifest ---------------------------------------------------------------------------------

def git_sha(root: Path = ROOT) -> str | None:
    """The checked-out commit, read from .git without running git (None outside a repo)."""
    git = root / ".git"
    try:
        if git.is_file():  # a worktree: "gitdir: …"
            git = (root / git.read_text().split(":", 1)[1].strip()).resolve()
        head = (git / "HEAD").read_text().strip()
        if not head.startswith("ref:"):
            return head
        ref = head.split(":", 1)[1].strip()
        bases = [git]
        if (git / "commondir").is_file():
            bases.append((git / (git / "commondir").read_text().strip()).resolve())
        for base in bases:
            if (base / ref).is_file():
                return (base / ref).read_text().strip()
            packed = base / "packed-refs"
            if packed.is_file():
                for line in packed.read_text().splitlines():
                    if line.endswith(" " + ref):
                        return line.split()[0]
    except OSError:
        return None
    return None


def manifest(reviewer: Reviewer, opts: Options) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "timestamp": datetime.now(UTC).isoformat(timespec="seconds"),
        "git_sha": git_sha(),
        "reviewer": reviewer.name,
        "model": reviewer.model,
        "judge_model": None,
        "prompt_fingerprint": reviewer.prompt_fingerprint,  # None until the LLM chain lands
        "label_space": reviewer.label_space,
        "dataset_version": data.dataset_version(opts.fixtures),
        "split": opts.split,
        "suites": list(opts.suites),
        "cache_mode": opts.cache_mode,
        "bootstrap": {"resamples": opts.resamples, "seed": opts.seed, "unit": "document"},
        "python": platform.python_version(),
    }


# -- running ----------------------------------------------------------------------------------

def get_path(tree: dict, dotted: str) -> Any:
    node: Any = tree
    for part in dotted.split("."):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


def expected_reviews(dataset: data.Dataset, chosen: tuple[str, ...]) -> int:
    n = 0
    if {"blame", "action-items", "structure", "rewrites"} & set(chosen):
        n += len(dataset.postmortems)
    if "blame" in chosen or "rewrites" in chosen:
        n += len(dataset.sentences)
    if "action-items" in chosen:
        n += len(dataset.action_items)
    if "regression" in chosen:
        n += len(dataset.regression)
    return n


def run_suites(reviewer: Reviewer, dataset: data.Dataset, opts: Options,
               progress: Callable[[str], None] | None = None) -> tuple[dict, dict]:
    ctx = suite_runs.Context(reviewer, dataset, opts.resamples, opts.seed, progress or (lambda label: None))
    results: dict[str, Any] = {}
    details: dict[str, Any] = {}
    began = time.perf_counter()
    blame_units = None
    if "blame" in opts.suites or "rewrites" in opts.suites:
        blame, blame_units = suite_runs.run_blame(ctx)
        if "blame" in opts.suites:
            results["blame"], details["blame"] = blame, blame_units
    if "action-items" in opts.suites:
        results["action-items"], details["action-items"] = suite_runs.run_actions(ctx)
    if "structure" in opts.suites:
        results["structure"], details["structure"] = suite_runs.run_structure(ctx)
    if "regression" in opts.suites:
        results["regression"], details["regression"] = suite_runs.run_regression(ctx)
    if "rule-examples" in opts.suites:
        results["rule-examples"], details["rule-examples"] = suite_runs.run_rule_examples(ctx)
    if "rewrites" in opts.suites and blame_units is not None:
        results["rewrites"], details["rewrites"] = suite_runs.run_rewrites(ctx, blame_units)
    usage = Usage()
    latencies = []
    for review in ctx.reviews():
        usage.add(review.usage)
        latencies.append(review.usage.latency_s)
    latencies.sort()
    results["cost"] = {
        **usage.as_dict(),
        "documents_reviewed": len(latencies),
        "latency_mean_s": round(sum(latencies) / len(latencies), 6) if latencies else None,
        "latency_p95_s": round(latencies[int(0.95 * (len(latencies) - 1))], 6) if latencies else None,
        "wall_s": round(time.perf_counter() - began, 3),
    }
    return results, details


def targets(results: dict) -> list[dict]:
    out = []
    for name, path, floor in TARGETS:
        value = get_path(results, path)
        if value is None and get_path(results, path.split(".")[0]) is None:
            continue
        out.append({"name": name, "metric": path, "target": floor, "value": value,
                    "met": value is not None and value >= floor})
    return out


# -- baseline gate --------------------------------------------------------------------------------

def baseline_of(results: dict[str, Any]) -> dict[str, Any]:
    """What a baseline keeps: the manifest, the gated metrics and the per-item pass/fail."""
    suites_ = results["suites"]
    return {
        "schema_version": SCHEMA_VERSION,
        "manifest": results["manifest"],
        "tolerance": DEFAULT_TOLERANCE,
        "metrics": {path: get_path(suites_, path) for path in GATED if get_path(suites_, path) is not None
                    # rules-only "rewrites" are the rules' mechanical edits: reported, not gated
                    and not (path.startswith("rewrites.") and get_path(suites_, "rewrites.source") != "llm")},
        "regression": {i["id"]: i["pass"] for i in results.get("items", {}).get("regression", [])},
        "rule_examples": {f"{i['rule']}/{i['example']}": i["pass"]
                          for i in results.get("items", {}).get("rule-examples", [])},
    }


def load_baseline(path: Path) -> dict[str, Any]:
    try:
        baseline = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise HarnessError(f"--baseline {path}: no such file") from None
    except json.JSONDecodeError as exc:
        raise HarnessError(f"--baseline {path}: invalid JSON ({exc.msg})") from None
    if not isinstance(baseline, dict) or "metrics" not in baseline:
        raise HarnessError(f"--baseline {path}: not a pmreview eval baseline (no 'metrics')")
    return baseline


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
        b_manifest = baseline.get("manifest", {})
        r_manifest = results["manifest"]
        if b_manifest.get("split") and b_manifest.get("split") != r_manifest["split"]:
            raise HarnessError(f"baseline is for split {b_manifest.get('split')!r}, this run is "
                               f"{r_manifest['split']!r}")
        if b_manifest.get("dataset_version") != r_manifest["dataset_version"]:
            warnings.append(f"fixtures changed since the baseline (dataset {b_manifest.get('dataset_version')} -> "
                            f"{r_manifest['dataset_version']}); re-baseline deliberately")
        if b_manifest.get("reviewer") != r_manifest["reviewer"]:
            warnings.append(f"baseline reviewer {b_manifest.get('reviewer')!r} differs from {r_manifest['reviewer']!r}")
        for path, old in baseline.get("metrics", {}).items():
            new = get_path(suites_, path)
            direction = GATED.get(path, "higher")
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


# -- entry point ----------------------------------------------------------------------------------

def run_eval(opts: Options, progress_factory: Callable[[int], Callable[[str], None]] | None = None) -> Outcome:
    """Everything `pmreview eval` does, minus printing. Raises HarnessError for exit-2 problems."""
    unknown = [s for s in opts.suites if s not in SUITES]
    if unknown:
        raise HarnessError(f"unknown suite(s) {', '.join(unknown)} (use {', '.join(SUITES)})")
    reviewer = make_reviewer(opts.llm, opts.cache_mode)
    dataset = data.load(opts.split, opts.fixtures)
    baseline = load_baseline(opts.baseline) if opts.baseline else None
    progress = progress_factory(expected_reviews(dataset, opts.suites)) if progress_factory else None
    suite_results, details = run_suites(reviewer, dataset, opts, progress)
    results: dict[str, Any] = {
        "manifest": manifest(reviewer, opts),
        "suites": suite_results,
    }
    results["targets"] = targets(suite_results)
    results["items"] = {
        "regression": details.get("regression", []),
        "rule-examples": details.get("rule-examples", []),
    }
    verdict = gate(results, baseline, opts.tolerance)
    results["gate"] = verdict
    outcome = Outcome(results, details, EXIT_OK if verdict["passed"] else EXIT_GATE, verdict)
    if opts.report_dir is not None:
        from evals.report import write_reports

        outcome.written = write_reports(outcome, opts.report_dir, opts.formats)
    if opts.write_baseline is not None:
        opts.write_baseline.parent.mkdir(parents=True, exist_ok=True)
        opts.write_baseline.write_text(json.dumps(baseline_of(results), indent=2, sort_keys=True) + "\n",
                                       encoding="utf-8")
        outcome.written["baseline"] = opts.write_baseline
    return outcome
