"""`pmreview eval`: measure the reviewer on labelled data and gate against a baseline.

The harness ships with the package as `reviewer.evals` (source: the top-level evals/ folder).
`--data DIR` scores any labelled directory (a team's own past postmortems); without it, our
fixtures in a source checkout. Exit codes: 0 ok; 1 a metric dropped beyond tolerance vs
--baseline, or a must-pass case or rule example failed; 2 harness error (bad option, bad data,
missing LLM recording, crash).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

_CHECKOUT = Path(__file__).resolve().parent.parent.parent  # the source checkout, if this is one


def _fail(message: str) -> typer.Exit:
    print(f"pmreview: error: {message}", file=sys.stderr)
    return typer.Exit(2)


def default_report_dir() -> Path:
    """evals/reports/latest in a source checkout (git-ignored), else ./pmreview-eval-report."""
    if (_CHECKOUT / "evals" / "harness.py").is_file() and (_CHECKOUT / "pyproject.toml").is_file():
        return _CHECKOUT / "evals" / "reports" / "latest"
    return Path("pmreview-eval-report")


def default_cassettes() -> Path:
    """The committed recordings in a source checkout; elsewhere a folder of the user's own."""
    if (_CHECKOUT / "evals" / "harness.py").is_file() and (_CHECKOUT / "pyproject.toml").is_file():
        return _CHECKOUT / "evals" / "cassettes"
    return Path("pmreview-eval-cassettes")


def register(app: typer.Typer) -> None:
    @app.command("eval")
    def eval_command(
        data: Annotated[Path | None, typer.Option(
            "--data", help="A directory of labelled data: sentences*.jsonl, action_items*.jsonl and/or "
                           "NAME.md with NAME.labels.yaml, in any subfolder (formats: fixtures/README.md). "
                           "Default: our fixtures (source checkout only).")] = None,
        part: Annotated[str, typer.Option(
            help="With --data: all, dev (development organisations) or held (held-back organisations).")] = "all",
        suite: Annotated[list[str] | None, typer.Option(
            "--suite", help="Suites to run (repeat or comma-separate): blame, action-items, structure, "
                            "regression, rule-examples, rewrites. Default: all (with --data: all but "
                            "rule-examples).")] = None,
        llm: Annotated[str | None, typer.Option(help="Evaluate the LLM chain with this pinned model "
                                                     "(default: rules only).")] = None,
        split: Annotated[str | None, typer.Option(
            help="Fixture split: dev (tuning) or test (reporting, the default). Not with --data.")] = None,
        cache_mode: Annotated[str | None, typer.Option(
            "--cache-mode", help="LLM recordings: replay (miss = error), record, auto or off. Default: replay "
                                 "in CI or without OPENAI_API_KEY, else auto.")] = None,
        cassettes: Annotated[Path | None, typer.Option(
            "--cassettes", help="Directory of recorded LLM answers (default: evals/cassettes in a source "
                                "checkout, else ./pmreview-eval-cassettes).")] = None,
        report: Annotated[Path | None, typer.Option(
            "--report", help="Directory for results.json, summary.md and report.html (default: "
                             "evals/reports/latest in a source checkout, else ./pmreview-eval-report).")] = None,
        omit_text: Annotated[bool, typer.Option(
            "--omit-text", help="Keep the labelled text out of results.json and the HTML (numbers and ids "
                                "only), e.g. for data you may not redistribute.")] = False,
        baseline: Annotated[Path | None, typer.Option(help="Baseline JSON to gate against.")] = None,
        write_baseline: Annotated[Path | None, typer.Option(
            "--write-baseline", help="Write this run's baseline to FILE (commit it deliberately).")] = None,
        tolerance: Annotated[float, typer.Option(help="Allowed drop per gated metric.")] = 0.02,
        resamples: Annotated[int, typer.Option(help="Bootstrap resamples (seeded).")] = 1000,
        llm_batch: Annotated[bool, typer.Option("--llm-batch", help="With --llm: get the answers through the "
                                                "provider's Batch API (half price), recorded as cassettes.")] = False,
        llm_batch_state: Annotated[Path, typer.Option(help="Batch run state file (resume).")] = Path(".pmreview-batch.json"),
        llm_batch_poll: Annotated[float, typer.Option(min=0.0, help="Seconds between batch status checks.")] = 30.0,
    ) -> None:
        """Measure the reviewer on labelled data (ours, or yours with --data) and gate against a baseline."""
        import logging

        from rich.console import Console

        # A failed review stage is already a note, a miss or a one-line harness error here: no
        # logged tracebacks on stderr (Python prints unhandled log records when nothing is set up).
        logging.getLogger("reviewer").setLevel(logging.CRITICAL + 1)
        console = Console(highlight=False, stderr=False)
        try:
            from reviewer.evals import harness
            from reviewer.evals.errors import HarnessError
            from reviewer.evals.outcome import DATA_SUITES, SUITES, EvalOptions
            from reviewer.evals.partition import PARTS
            from reviewer.evals.report.terminal import print_summary, progress_bar
            from reviewer.evals.reviewers import CACHE_MODES, default_cache_mode
        except ModuleNotFoundError as exc:
            if (exc.name or "").startswith("reviewer.evals") and (_CHECKOUT / "evals" / "harness.py").is_file():
                raise _fail("this editable install predates the packaged harness (reviewer.evals); "
                            "run `pip install --no-deps -e .` once") from None
            raise _fail(f"eval harness unavailable ({exc.__class__.__name__}: {exc})") from None
        except Exception as exc:  # noqa: BLE001 - a broken harness is exit 2, one line
            raise _fail(f"eval harness unavailable ({exc.__class__.__name__}: {exc})") from None
        if data is not None and split is not None:
            raise _fail("--split chooses one of our fixture splits; with --data use --part (all, dev, held)")
        if part not in PARTS:
            raise _fail(f"--part {part}: use one of {', '.join(PARTS)}")
        if data is None and part != "all":
            raise _fail("--part needs --data (our fixtures have --split dev|test)")
        if resamples < 1 or not 0 <= tolerance < 1:
            raise _fail("--resamples must be at least 1 and --tolerance between 0 and 1")
        chosen = tuple(s for value in (suite or []) for s in value.split(",") if s)
        chosen = chosen or (DATA_SUITES if data is not None else SUITES)
        if llm_batch and not llm:
            raise _fail("--llm-batch needs --llm MODEL")
        mode = cache_mode or ("auto" if llm_batch else default_cache_mode())
        if llm_batch and mode not in ("auto", "record"):
            raise _fail("--llm-batch records answers: use --cache-mode auto (the default with it) or record")
        if llm_batch:
            mode = "auto"  # each round must read back what the previous batch recorded
        if mode not in CACHE_MODES:
            raise _fail(f"--cache-mode {mode}: use one of {', '.join(CACHE_MODES)}")
        opts = EvalOptions(
            suites=chosen, split=split or "test", data=data, part=part, llm=llm, cache_mode=mode,
            cassettes=cassettes or default_cassettes(),
            report_dir=report or default_report_dir(), baseline=baseline, write_baseline=write_baseline,
            tolerance=tolerance, resamples=resamples, omit_text=omit_text,
            llm_batch=llm_batch, batch_state=llm_batch_state, batch_poll=llm_batch_poll,
        )
        try:
            with progress_bar(console) as factory:
                outcome = harness.run_eval(opts, factory)
        except HarnessError as exc:
            raise _fail(str(exc)) from None
        except Exception as exc:  # noqa: BLE001 - harness bug: exit 2, never 1
            print(f"pmreview: eval harness error: {exc.__class__.__name__}: {exc}", file=sys.stderr)
            raise typer.Exit(2) from None
        print_summary(outcome, console)
        raise typer.Exit(outcome.exit_code)
