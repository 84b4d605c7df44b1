"""`pmreview eval`: run the eval harness (evals/) over the labelled fixtures.

Exit codes: 0 ok; 1 a metric dropped beyond tolerance vs --baseline, or a must-pass case or
rule example failed; 2 harness error (bad option, fixtures, missing LLM recording, crash).
The harness lives in `evals/` at the project root (a source checkout), not in the wheel.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

_ROOT = Path(__file__).resolve().parent.parent.parent


def _harness():
    try:
        from evals import harness
    except ModuleNotFoundError as exc:
        if exc.name != "evals" or not (_ROOT / "evals" / "__init__.py").is_file():
            raise
        sys.path.insert(0, str(_ROOT))
        from evals import harness
    return harness


def register(app: typer.Typer) -> None:
    @app.command("eval")
    def eval_command(
        suite: Annotated[list[str] | None, typer.Option(
            "--suite", help="Suites to run (repeat or comma-separate): blame, action-items, structure, "
                            "regression, rule-examples, rewrites. Default: all.")] = None,
        llm: Annotated[str | None, typer.Option(help="Evaluate the LLM chain with this pinned model "
                                                     "(default: rules only).")] = None,
        split: Annotated[str, typer.Option(help="Fixture split: dev (tuning) or test (reporting).")] = "test",
        cache_mode: Annotated[str | None, typer.Option(
            "--cache-mode", help="LLM recordings: replay (miss = error), record, auto or off. Default: replay "
                                 "in CI or without OPENAI_API_KEY, else auto.")] = None,
        report: Annotated[Path | None, typer.Option(
            "--report", help="Directory for results.json, summary.md and report.html "
                             "(default: evals/reports/latest).")] = None,
        baseline: Annotated[Path | None, typer.Option(help="Baseline JSON to gate against.")] = None,
        write_baseline: Annotated[Path | None, typer.Option(
            "--write-baseline", help="Write this run's baseline to FILE (commit it deliberately).")] = None,
        tolerance: Annotated[float, typer.Option(help="Allowed drop per gated metric.")] = 0.02,
        resamples: Annotated[int, typer.Option(help="Bootstrap resamples (seeded).")] = 1000,
    ) -> None:
        """Measure the reviewer against the labelled fixtures and gate against a baseline."""
        from rich.console import Console

        console = Console(highlight=False, stderr=False)
        try:
            harness = _harness()
            from evals.errors import HarnessError
            from evals.report.terminal import print_summary, progress_bar
            from evals.reviewers import CACHE_MODES, default_cache_mode
        except Exception as exc:  # noqa: BLE001 - a broken harness is exit 2, one line
            print(f"pmreview: error: eval harness unavailable ({exc.__class__.__name__}: {exc})", file=sys.stderr)
            raise typer.Exit(2) from None
        chosen = tuple(s for value in (suite or []) for s in value.split(",") if s) or harness.SUITES
        mode = cache_mode or default_cache_mode()
        if mode not in CACHE_MODES:
            print(f"pmreview: error: --cache-mode {mode}: use one of {', '.join(CACHE_MODES)}", file=sys.stderr)
            raise typer.Exit(2)
        opts = harness.Options(
            suites=chosen, split=split, llm=llm, cache_mode=mode,
            report_dir=report or (_ROOT / "evals" / "reports" / "latest"), baseline=baseline,
            write_baseline=write_baseline, tolerance=tolerance, resamples=resamples,
        )
        try:
            with progress_bar(console) as factory:
                outcome = harness.run_eval(opts, factory)
        except HarnessError as exc:
            print(f"pmreview: error: {exc}", file=sys.stderr)
            raise typer.Exit(2) from None
        except Exception as exc:  # noqa: BLE001 - harness bug: exit 2, never 1
            print(f"pmreview: eval harness error: {exc.__class__.__name__}: {exc}", file=sys.stderr)
            raise typer.Exit(2) from None
        print_summary(outcome, console)
        raise typer.Exit(outcome.exit_code)
