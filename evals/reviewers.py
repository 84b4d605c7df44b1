"""What the harness evaluates: a `Reviewer`, rules-only or with the LLM chain (llm_reviewer.py).

A reviewer turns one Markdown document into a `Review`: the engine's findings (spans into
the parsed document), and, when it can, a fine-grained label per action-item segment and a
rewrite per segment. The rules reviewer gives no action labels (the scorers then use the
coarse AC001 prediction) and no rewrites (the report shows the rule suggestion instead).

With `--llm MODEL`, `llm_reviewer.make_eval_reviewer(model, cache)` wraps the LLM chain; every
model answer goes through the `CassetteStore`, so `--cache-mode` works without harness changes:

- `replay`: answers come from `evals/cassettes/<task>/<key>.json`; a miss is a harness error
  (exit 2) listing the missing keys; network stays off. The CI mode.
- `record`: always call the model and (over)write the recording.
- `auto`:   replay when recorded, otherwise call and record (local development).
- `off`:    call the model, read and write nothing.

The default is `replay` when `CI` is set or `OPENAI_API_KEY` is unset, else `auto`;
`LLM_CACHE_MODE` overrides the default and `--cache-mode` overrides both.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal, Protocol, runtime_checkable

from reviewer.config import Config
from reviewer.document import Document
from reviewer.evals.errors import CassetteMiss, HarnessError
from reviewer.findings import Finding
from reviewer.review import review

CacheMode = Literal["replay", "record", "auto", "off"]
CACHE_MODES: tuple[str, ...] = ("replay", "record", "auto", "off")
CASSETTES = Path(__file__).resolve().parent / "cassettes"


@dataclass
class ReviewCost:
    """Cost of one review. Cache hits are counted separately and never as spend."""

    requests: int = 0  # model calls actually made (cache misses that went to the model)
    cache_hits: int = 0
    input_tokens: int = 0
    output_tokens: int = 0
    cached_tokens: int = 0
    cost_usd: float = 0.0
    latency_s: float = 0.0  # wall time of the whole review

    def add(self, other: ReviewCost) -> None:
        for name in ("requests", "cache_hits", "input_tokens", "output_tokens", "cached_tokens", "cost_usd",
                     "latency_s"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def as_dict(self) -> dict[str, Any]:
        return {k: round(v, 6) if isinstance(v, float) else v for k, v in self.__dict__.items()}


@dataclass
class Review:
    """One reviewed document. Spans (offsets into `document.source`) key the optional maps."""

    document: Document
    findings: tuple[Finding, ...]
    action_labels: dict[tuple[int, int], str] = field(default_factory=dict)  # segment span -> fine label
    rewrites: dict[tuple[int, int], str] = field(default_factory=dict)  # segment span -> rewritten segment
    usage: ReviewCost = field(default_factory=ReviewCost)
    notes: tuple[str, ...] = ()
    rejected: int = 0  # LLM answers that failed verification (RV002)
    reasks: int = 0  # LLM answers that needed a repair round


@runtime_checkable
class Reviewer(Protocol):
    name: str  # "rules", "rules+llm:gpt-…"
    model: str | None  # pinned model snapshot, None for rules-only
    prompt_fingerprint: str | None  # sha256 of the prompt bundle, None for rules-only
    label_space: Literal["coarse", "fine"]  # does it classify action items into the fine labels?

    def review(self, text: str, path: str) -> Review: ...


class RulesReviewer:
    """The deterministic engine, exactly as `pmreview check` runs it (default config)."""

    name = "rules"
    model: str | None = None
    prompt_fingerprint: str | None = None
    label_space: Literal["coarse", "fine"] = "coarse"

    def __init__(self, config: Config | None = None) -> None:
        self.config = config or Config()

    def review(self, text: str, path: str) -> Review:
        began = time.perf_counter()
        report = review(text, path, config=self.config)  # the one review every front end calls
        if report.errors or report.document is None:
            reason = report.errors[0].message if report.errors else "no document"
            raise HarnessError(f"{path}: cannot be reviewed ({reason})")
        usage = ReviewCost(latency_s=time.perf_counter() - began)
        return Review(document=report.document, findings=report.findings, usage=usage, notes=report.notes)


# -- cassettes -------------------------------------------------------------------------

def default_cache_mode(env: dict[str, str] | None = None) -> str:
    env = dict(os.environ) if env is None else env
    if env.get("LLM_CACHE_MODE") in CACHE_MODES:
        return env["LLM_CACHE_MODE"]
    if env.get("CI") or not env.get("OPENAI_API_KEY"):
        return "replay"
    return "auto"


def request_key(request: dict[str, Any]) -> str:
    """sha256 of the canonical JSON of a request (provider, model snapshot, messages, params,
    output JSON schema, prompt fingerprint, repeat index …: whatever the caller puts in)."""
    blob = json.dumps(request, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode()).hexdigest()


class CassetteStore:
    """Recorded model answers, one pretty-printed JSON file per request key."""

    def __init__(self, root: Path, task: str, mode: str) -> None:
        if mode not in CACHE_MODES:
            raise HarnessError(f"unknown cache mode {mode!r} (use {', '.join(CACHE_MODES)})")
        self.root = root
        self.task = task
        self.mode = mode
        self.hits = 0
        self.misses = 0
        self.missing: list[str] = []

    def path_for(self, key: str) -> Path:
        return self.root / self.task / f"{key}.json"

    def fetch(self, request: dict[str, Any], call: Callable[[], dict[str, Any]]) -> tuple[dict[str, Any], bool]:
        """(response, was_cache_hit). In replay mode a miss raises `CassetteMiss`."""
        key = request_key(request)
        path = self.path_for(key)
        if self.mode in ("replay", "auto") and path.is_file():
            self.hits += 1
            return json.loads(path.read_text(encoding="utf-8"))["response"], True
        if self.mode == "replay":
            self.missing.append(key)
            raise CassetteMiss([key], self.task)
        self.misses += 1
        response = call()
        if self.mode in ("record", "auto"):
            path.parent.mkdir(parents=True, exist_ok=True)
            record = {"key": key, "request": request, "response": response,
                      "recorded_at": datetime.now(UTC).isoformat(timespec="seconds")}
            path.write_text(json.dumps(record, indent=2, sort_keys=True, ensure_ascii=False) + "\n",
                            encoding="utf-8")
        return response, False
