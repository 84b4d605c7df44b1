"""The eval suites: run a `Reviewer` over the labelled data and score it.

Units and matching (documented here because every number depends on them):

- Postmortem blame: the unit is a parser segment (sentence, list item, table row). A segment
  is gold-blame when a labelled blame quote overlaps its span, and predicted-blame when a
  non-dismissed BL*/HR* finding overlaps it. A quote that overlaps no segment (the parser
  dropped or skipped its text) counts as a false negative and is listed under `alignment`.
- Flat sentences: the sentence text alone is reviewed as a one-paragraph document;
  predicted-blame when any BL*/HR* finding fires.
- Action items: gold quotes are matched to action-item segments (list items / table rows in an
  action-items section). A gold item that matches no such segment is predicted
  `not_action_item` (an extraction error); an action-item segment with no gold quote is gold
  `not_action_item`. The rules predict coarsely: `reminder-like` when AC001 fires, else
  `not-reminder`; an LLM reviewer that labels segments gives the fine label instead.
- Flat action items are wrapped as `## Action items` + one list item or table row.
"""

from __future__ import annotations

from reviewer.evals.suites.actions import ActionUnit, run_actions, score_actions, wrap_action_item
from reviewer.evals.suites.blame import BlameUnit, run_blame, score_blame
from reviewer.evals.suites.checks import run_regression, run_rule_examples, run_structure
from reviewer.evals.suites.context import RESAMPLES, SEED, Context, blame_findings, rule_category
from reviewer.evals.suites.rewrites import atoms, run_rewrites, score_rewrites

__all__ = [
    "RESAMPLES", "SEED", "ActionUnit", "BlameUnit", "Context", "atoms", "blame_findings", "rule_category",
    "run_actions", "run_blame", "run_regression", "run_rewrites", "run_rule_examples", "run_structure",
    "score_actions", "score_blame", "score_rewrites", "wrap_action_item",
]
