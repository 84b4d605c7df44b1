"""Split an eval report's reminder-like misses and false positives by the shape of the item.

    python scripts/reminder_shapes.py /tmp/eval-report [/tmp/other-report ...] [--show]

Reads results.json written by `pmreview eval --suite action-items --report DIR` (without --omit-text:
the shape is read from the item's text) and counts, per report, the missed reminder-like items (fn)
and the items wrongly flagged (fp) by shape, so a change can be judged by which shapes it moves:

- goal: told as a wanted state ("ensure all engineers know ...", "the aim is for ...");
- passive: the act in the passive ("teams will be reminded ...", "the runbook was updated");
- nominal: no verb at its head ("awareness session for on-call");
- people/knowledge: the act's object is people, a quality of people or a text ("share the learnings");
- commitment: the writers' own plan ("we will ...", "our team is ...");
- guardrail word: any other item with a mechanism word in it ("check the alerts more often");
- other.

The first shape that fits wins, in this order. Scored rows only (the ambiguous ones apart, with --ambiguous).
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

from reviewer.rules import lexicon
from reviewer.rules.action_items.clause import main_clause
from reviewer.rules.action_items.phrases import _head_kind, noun_phrase
from reviewer.rules.action_items.reading import opens_with_verb

REMINDER_LIKE = frozenset({"reminder", "training", "documentation", "vigilance"})
SHAPES = ("goal", "passive", "nominal", "people/knowledge", "commitment", "guardrail word", "other")
_GOAL = re.compile(r"^\W*(?:ensure|make (?:sure|certain)|assure|(?:the |our )?(?:aim|goal|objective)\b)|"
                   r"\b(?:know|understand|be (?:familiar|aware|comfortable))\b", re.I)
_PASSIVE = re.compile(r"\b(?:will be|would be|to be|has been|have been|had been|is being|are being|is|are|was|were)\s+"
                      r"(?:\w+ly\s+)?(?:\w+ed|\w+en|told|taught|held|sent|made|kept|built|given|run|done)\b", re.I)
_COMMITMENT = re.compile(r"^\W*(?:we|our|i|the team)\b", re.I)


def shape(text: str) -> str:
    """The first shape of SHAPES that fits the item."""
    if _GOAL.search(text):
        return "goal"
    clause = main_clause(text)
    if clause.passive or (not opens_with_verb(text) and _PASSIVE.search(text)):
        return "passive"
    if not opens_with_verb(text) and not clause.subject and not _COMMITMENT.match(text):
        return "nominal"
    if _head_kind(noun_phrase(clause.rest)) in ("audience", "quality", "document"):
        return "people/knowledge"
    if _COMMITMENT.match(text):
        return "commitment"
    if any(True for _ in lexicon.load("guardrail_signals").finditer(text)):
        return "guardrail word"
    return "other"


def errors(report: Path, ambiguous: bool) -> list[tuple[str, str]]:
    """(fn|fp, text) for every scored reminder-like error in the report."""
    rows = json.loads((report / "results.json").read_text(encoding="utf-8"))["items"]["action-items"]
    out = []
    for part, items in rows.items():
        if (part == "ambiguous") != ambiguous or part == "all":
            continue
        for row in items:
            gold, flagged = row["gold"] in REMINDER_LIKE, row["pred"] == "reminder-like"
            if gold != flagged:
                out.append(("fn" if gold else "fp", row.get("text") or ""))
    return out


def main(argv: list[str]) -> int:
    show, ambiguous = "--show" in argv, "--ambiguous" in argv
    reports = [Path(a) for a in argv if not a.startswith("--")]
    if not reports:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    for report in reports:
        rows = [(kind, shape(text), text) for kind, text in errors(report, ambiguous)]
        counts = Counter((kind, s) for kind, s, _ in rows)
        split = "  ".join(f"{s}: fn {counts['fn', s]} fp {counts['fp', s]}" for s in SHAPES
                          if counts["fn", s] or counts["fp", s])
        print(f"{report}: {split or 'no errors'}")
        for kind, s, text in sorted(rows) if show else ():
            print(f"  {kind} {s:16} {text[:110]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
