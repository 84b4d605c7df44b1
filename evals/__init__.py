"""The pmreview eval harness: measure how good the reviewer is on the labelled fixtures.

`tests/` proves the code is correct; `evals/` measures quality. Entry point:
`pmreview eval` (reviewer/cli/eval_command.py) -> `evals.harness.run_eval`.

Layout:
- `data`       load fixtures (postmortems + labels, flat sets, regression) and hash them
- `reviewers`  the `Reviewer` protocol, the rules-only reviewer, the cassette cache
- `scorers`    pure metric code (P/R/F1, bootstrap CIs, confusion/kappa, span schemes)
- `suites`     one function per suite: run a reviewer over fixtures, score, collect items
- `harness`    orchestration, manifest, regression gate, exit codes
- `report`     terminal (rich), results.json, Markdown and self-contained HTML writers
"""

SCHEMA_VERSION = 1
