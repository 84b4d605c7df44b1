"""scripts/tag_probe.py: its tag-based readings fire on the shapes they name and not on their neutral
neighbours, and the probe counts a recovered miss and a new false positive. Run with the model-free
`suffix` tagger, so no tagger package is needed."""

from __future__ import annotations

import ast
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
from tag_probe import READINGS, main, probe, suffix, tokens_of  # noqa: E402

TAG = suffix()


def fired(text: str) -> set[str]:
    tokens = tokens_of(text)
    tags = TAG(tokens)
    return {name for name, reading in READINGS.items() if reading(tokens, tags)}


def test_negation_is_split_off_its_auxiliary() -> None:
    assert tokens_of("We didn't check it.") == ["We", "did", "n't", "check", "it", "."]


def test_each_reading_fires_on_its_shape() -> None:
    assert "judged-own-act" in fired("The real blunder was a patch we merged on Friday.")
    assert "decision-judged" in fired("For some reason we decided to skip the canary.")
    assert "neg-cognition" in fired("We never noticed the queue growing.")
    assert "destructive-act" in fired("We deleted the staging bucket.")


def test_neutral_neighbours_stay_silent() -> None:
    for text in ("The error rate rose after we merged the patch.",  # 'error' names what software did
                 "We decided to roll back at 14:05.",               # a decision with no judgement
                 "Did nobody notice the queue growing?",            # a question asserts nothing
                 "The deploy finished and the queue drained."):
        assert fired(text) == set(), text


def test_counts_a_recovered_miss_and_a_new_false_positive() -> None:
    rows = [  # (text, labelled blame, flagged by the rules)
        ("The real blunder was a patch we merged on Friday.", True, False),
        ("The on-call engineer removed the stale lock file.", False, False),
        ("We never noticed the queue growing.", True, True),  # the rules have it: not a miss
        ("The cache was rebuilt in ten minutes.", False, False),
    ]
    counts = probe(rows, TAG, show=False)
    assert (counts["misses"], counts["neutral_unflagged"]) == (1, 2)
    assert counts["recovered"] == {**dict.fromkeys(READINGS, 0), "judged-own-act": 1, "any": 1}
    assert counts["new_fp"] == {**dict.fromkeys(READINGS, 0), "destructive-act": 1, "any": 1}


def test_main_reviews_a_set_and_prints_its_counts(tmp_path: Path, capsys) -> None:
    rows = [{"id": "a", "text": "The cache was rebuilt in ten minutes.", "label": "neutral"}]
    (tmp_path / "sentences.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    assert main(["--tagger", "suffix", "--group", f"g={tmp_path}"]) == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if x.startswith("g: "))
    counts = ast.literal_eval(line[3:])
    assert (counts["misses"], counts["neutral_unflagged"], counts["new_fp"]["any"]) == (0, 1, 0)
