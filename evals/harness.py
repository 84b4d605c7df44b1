"""Run the suites, build results.json, gate against a baseline, choose the exit code.

Exit codes: 0 ok; 1 a gated metric dropped beyond tolerance vs the baseline, a must-pass
regression case or a rule example failed; 2 harness error (bad data, bad options, missing
LLM recording, crash). Quality failures and harness errors never share a code.
"""

from __future__ import annotations

import json
import platform
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from reviewer.config import Config
from reviewer.evals import SCHEMA_VERSION, data
from reviewer.evals import suites as suite_runs
from reviewer.evals.errors import HarnessError
from reviewer.evals.gate import baseline_of, gate, load_baseline, targets
from reviewer.evals.outcome import EXIT_GATE, EXIT_OK, SUITES, EvalOptions, EvalOutcome
from reviewer.evals.report import write_reports
from reviewer.evals.reviewers import CACHE_MODES, CASSETTES, CassetteStore, ReviewCost, Reviewer, RulesReviewer

ROOT = Path(__file__).resolve().parent.parent  # the source checkout, when there is one


def make_reviewer(llm: str | None, cache_mode: str, cassettes: Path = CASSETTES,
                  config: Config | None = None) -> Reviewer:
    """Rules-only when `llm` is None; otherwise the LLM chain's eval adapter."""
    if cache_mode not in CACHE_MODES:
        raise HarnessError(f"unknown cache mode {cache_mode!r} (use {', '.join(CACHE_MODES)})")
    if llm is None:
        return RulesReviewer(config)
    # imported here: a rules-only run never loads the LLM stack (start-up time, offline)
    from reviewer.evals.llm_reviewer import make_eval_reviewer

    return make_eval_reviewer(model=llm, cache=CassetteStore(cassettes, "review", cache_mode))


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


def manifest(reviewer: Reviewer, opts: EvalOptions) -> dict[str, Any]:
    root = opts.data if opts.data is not None else opts.fixtures
    return {
        "schema_version": SCHEMA_VERSION,
        "timestamp": datetime.now(UTC).isoformat(timespec="seconds"),
        "git_sha": git_sha(),
        "reviewer": reviewer.name,
        "model": reviewer.model,
        "judge_model": None,
        "prompt_fingerprint": reviewer.prompt_fingerprint,  # None for rules only
        "label_space": reviewer.label_space,
        "dataset_version": data.dataset_version(root),
        "data": None if opts.data is None else opts.data.name,  # None: our fixtures
        "split": opts.part if opts.data is not None else opts.split,
        "suites": list(opts.suites),
        "cache_mode": opts.cache_mode,
        "bootstrap": {"resamples": opts.resamples, "seed": opts.seed, "unit": "document"},
        "python": platform.python_version(),
    }


# -- running ----------------------------------------------------------------------------------

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


def run_suites(reviewer: Reviewer, dataset: data.Dataset, opts: EvalOptions,
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
    usage = ReviewCost()
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


# -- entry point ----------------------------------------------------------------------------------

def without_text(results: dict[str, Any]) -> dict[str, Any]:
    """The results with no labelled text in them: alignment quotes become counts, per-item records
    keep ids and verdicts only. For data whose text may not be copied (reports, baselines, CI logs)."""
    out = json.loads(json.dumps(results))
    alignment = (out["suites"].get("blame") or {}).get("alignment")
    if alignment:
        out["suites"]["blame"]["alignment"] = {k: len(v) for k, v in alignment.items()}
    out["items"] = {name: [{k: v for k, v in item.items() if k not in ("text", "reason")} for item in items]
                    for name, items in out.get("items", {}).items()}
    out["gate"]["failures"] = [f.split(" (")[0] if f.startswith("must-pass") else f for f in out["gate"]["failures"]]
    out["manifest"]["texts_omitted"] = True
    return out


def load_dataset(opts: EvalOptions) -> data.Dataset:
    if opts.data is not None:
        return data.load_data(opts.data, opts.part)
    if not opts.fixtures.is_dir():
        raise HarnessError("no labelled fixtures here (they come with a source checkout); "
                           "point the eval at your own labelled data with --data DIR")
    return data.load(opts.split, opts.fixtures)


def run_eval(opts: EvalOptions, progress_factory: Callable[[int], Callable[[str], None]] | None = None
             ) -> EvalOutcome:
    """Everything `pmreview eval` does, minus printing. Raises HarnessError for exit-2 problems."""
    unknown = [s for s in opts.suites if s not in SUITES]
    if unknown:
        raise HarnessError(f"unknown suite(s) {', '.join(unknown)} (use {', '.join(SUITES)})")
    reviewer = make_reviewer(opts.llm, opts.cache_mode, opts.cassettes or CASSETTES)
    dataset = load_dataset(opts)
    baseline = load_baseline(opts.baseline) if opts.baseline else None
    progress = progress_factory(expected_reviews(dataset, opts.suites)) if progress_factory else None
    if opts.llm_batch and opts.llm:
        # Rounds of the whole evaluation: each records the cassette misses, one batch answers them.
        from reviewer.llm.batch.driver import BatchRun

        runner = BatchRun(reviewer.session, state_path=opts.batch_state,  # type: ignore[attr-defined]
                          poll_seconds=opts.batch_poll)
        suite_results, details = runner.run(lambda: run_suites(reviewer, dataset, opts, progress))
        print(f"pmreview: {runner.usage.summary()}", file=sys.stderr)
    else:
        suite_results, details = run_suites(reviewer, dataset, opts, progress)
    results: dict[str, Any] = {
        "manifest": manifest(reviewer, opts),
        "suites": suite_results,
    }
    results["targets"] = targets(suite_results, on_data=opts.data is not None)
    results["items"] = {
        "regression": details.get("regression", []),
        "rule-examples": details.get("rule-examples", []),
    }
    verdict = gate(results, baseline, opts.tolerance)
    results["gate"] = verdict
    if opts.omit_text:
        results, details = without_text(results), {}
    outcome = EvalOutcome(results, details, EXIT_OK if verdict["passed"] else EXIT_GATE, verdict)
    if opts.report_dir is not None:
        outcome.written = write_reports(outcome, opts.report_dir, opts.formats)
    if opts.write_baseline is not None:
        opts.write_baseline.parent.mkdir(parents=True, exist_ok=True)
        opts.write_baseline.write_text(json.dumps(baseline_of(results), indent=2, sort_keys=True) + "\n",
                                       encoding="utf-8")
        outcome.written["baseline"] = opts.write_baseline
    return outcome
