"""Harness errors: anything that stops the eval from producing trustworthy numbers (exit 2)."""

from __future__ import annotations


class HarnessError(Exception):
    """The eval could not run (bad fixtures, missing recording, unknown option, crash)."""


class CassetteMiss(HarnessError):
    """Replay mode and no recorded answer for a request."""

    def __init__(self, keys: list[str], task: str) -> None:
        self.keys = keys
        shown = ", ".join(keys[:5]) + (" …" if len(keys) > 5 else "")
        super().__init__(
            f"{len(keys)} LLM answer(s) not recorded for task {task!r} ({shown}); re-record with a real model: "
            f"`pmreview eval --llm MODEL --cache-mode record`"
        )
