"""scripts/reminder_shapes.py: a reminder-like miss or false positive is counted under the shape of its item."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
from reminder_shapes import errors, main, shape  # noqa: E402


@pytest.mark.parametrize(("text", "expected"), [
    ("Ensure all engineers know the failover order", "goal"),
    ("Teams will be reminded to check the calendar", "passive"),
    ("Awareness session for the on-call rota", "nominal"),
    ("Share the learnings with the team", "people/knowledge"),
    ("We will be more deliberate with maintenance", "commitment"),
    ("Check the alerts more often", "guardrail word"),
    ("Rotate the signing key", "other"),
])
def test_each_shape(text: str, expected: str) -> None:
    assert shape(text) == expected


def test_only_errors_are_counted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = {"flat": [{"gold": "training", "pred": "not-reminder", "text": "Share the learnings with the team"},
                     {"gold": "guardrail", "pred": "reminder-like", "text": "Rotate the signing key"},
                     {"gold": "reminder", "pred": "reminder-like", "text": "Remind the rota"}],
            "ambiguous": [{"gold": "guardrail", "pred": "reminder-like", "text": "Review the dashboards"}]}
    (tmp_path / "results.json").write_text(json.dumps({"items": {"action-items": rows}}), encoding="utf-8")
    assert errors(tmp_path, ambiguous=False) == [("fn", "Share the learnings with the team"),
                                                 ("fp", "Rotate the signing key")]
    assert main([str(tmp_path)]) == 0
    assert "people/knowledge: fn 1 fp 0  other: fn 0 fp 1" in capsys.readouterr().out
