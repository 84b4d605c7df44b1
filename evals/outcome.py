"""What one eval run is asked to do (`EvalOptions`) and what it produced (`EvalOutcome`).

Shared by the harness, which fills them, and the report writers, which read them; neither
imports the other through here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reviewer.evals.data import FIXTURES
from reviewer.evals.suites.context import RESAMPLES, SEED

SUITES = ("blame", "action-items", "structure", "regression", "rule-examples", "rewrites")
# A --data directory is scored on what it labels; the registry's rule examples are not its data.
DATA_SUITES = ("blame", "action-items", "structure", "regression", "rewrites")
DEFAULT_TOLERANCE = 0.02
EXIT_OK, EXIT_GATE, EXIT_HARNESS = 0, 1, 2


@dataclass
class EvalOptions:
    suites: tuple[str, ...] = SUITES
    split: str = "test"  # the fixtures' split; ignored with `data`
    data: Path | None = None  # a labelled directory instead of our fixtures
    part: str = "all"  # with `data`: all | dev | held (evals/partition.py)
    llm: str | None = None
    cache_mode: str = "replay"
    cassettes: Path | None = None  # recorded LLM answers; None: evals/cassettes next to the harness
    report_dir: Path | None = None
    baseline: Path | None = None
    write_baseline: Path | None = None
    tolerance: float = DEFAULT_TOLERANCE
    resamples: int = RESAMPLES
    seed: int = SEED
    fixtures: Path = FIXTURES
    formats: tuple[str, ...] = ("json", "md", "html")
    omit_text: bool = False  # results.json without the labelled text (for data you may not redistribute)
    llm_batch: bool = False  # the LLM answers come through the provider's Batch API (recorded as cassettes)
    batch_state: Path = Path(".pmreview-batch.json")
    batch_poll: float = 30.0


@dataclass
class EvalOutcome:
    results: dict[str, Any]
    details: dict[str, Any]  # per-item records for the report writers
    exit_code: int
    gate: dict[str, Any] = field(default_factory=dict)
    written: dict[str, Path] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # one-line remarks for the terminal (e.g. charts skipped)
