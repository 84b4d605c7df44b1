"""The pmreview eval harness: measure how good the reviewer is on labelled data.

Ships as `reviewer.evals` (source folder: evals/). `tests/` proves the code is correct;
this measures quality. Entry point: `pmreview eval` (reviewer/cli/eval_command.py) ->
`reviewer.evals.harness.run_eval`.

Layout:
- `data`          load our fixtures or a `--data` directory (documents + labels, flat sets, regression)
- `partition`     the fixed development / held-back split by organisation
- `reviewers`     the `Reviewer` protocol, the rules-only reviewer, the cassette store
- `llm_reviewer`  the LLM chain as a `Reviewer` (imported only with --llm)
- `scorers`       pure metric code (P/R/F1, bootstrap CIs, confusion/kappa, span schemes)
- `suites`        one module per suite: run a reviewer over the data, score, collect items
- `gate`          gated metrics, baselines, the verdict
- `outcome`       what a run is asked (`EvalOptions`) and what it produced (`EvalOutcome`)
- `harness`       orchestration, manifest, exit codes
- `report`        terminal (rich), results.json, Markdown and self-contained HTML writers
"""

SCHEMA_VERSION = 1
