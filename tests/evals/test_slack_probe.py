"""scripts/slack_probe.py: the slack rewrite drops hedging/time adverbs but keeps judgement adverbs,
negations and agent quantifiers, and the probe counts a miss the rewrite would recover."""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
from slack_probe import main, slack  # noqa: E402


def test_hedges_and_time_adverbs_are_skipped() -> None:
    assert slack("We actually never checked the backups.") == "We never checked the backups."
    assert slack("They should probably have paged someone.") == "They should have paged someone."
    assert slack("She had hastily merged the branch.") == "She had merged the branch."


def test_evidence_words_are_kept() -> None:
    for text in ("The operator mistakenly ran the script.", "Nobody reviewed the change.",
                 "We did not rotate every key.", "He carelessly pushed to the release branch."):
        assert slack(text) == text


def test_counts_a_recovered_miss(tmp_path: Path, capsys) -> None:
    rows = [
        {"id": "a", "text": "We actually never checked the backups.", "label": "blame"},
        {"id": "b", "text": "The cache was then rebuilt in ten minutes.", "label": "neutral"},
    ]
    (tmp_path / "sentences.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    assert main(["--group", f"g={tmp_path}"]) == 0
    out = capsys.readouterr().out
    assert "misses 1, with_skippable 1, recovered 1, neutral_with_skippable 1, new_fp 0" in out
