"""The LLM chain as an eval `Reviewer` (see reviewers.py). The harness uses the LLM package; the
LLM package never imports the harness.

Every model answer goes through the harness's cassette store, so `pmreview eval --llm MODEL
--cache-mode replay` runs offline from recorded answers, and `record` calls the model.
Cassettes are keyed by the model name (not the server address), the prompt-bundle
fingerprint, the schema and the exact messages.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Literal

from reviewer.config import Config, LLMSettings
from reviewer.evals.errors import CassetteMiss, HarnessError
from reviewer.evals.reviewers import CassetteStore, Review, ReviewCost
from reviewer.llm.cache import AnswerCache
from reviewer.llm.client import Target
from reviewer.llm.prompts import bundle_fingerprint
from reviewer.llm.review import LLMSession
from reviewer.review import review


class CassetteAnswerCache(AnswerCache):
    """AnswerCache on top of the harness's CassetteStore (replay / record / auto / off)."""

    def __init__(self, store: CassetteStore) -> None:
        super().__init__(Path(store.root))
        self.store = store

    def get(self, key: str) -> dict | None:
        path = self.store.path_for(key)
        if self.store.mode in ("replay", "auto") and path.is_file():
            import json

            self.store.hits += 1
            return json.loads(path.read_text(encoding="utf-8"))["response"]
        if self.store.mode == "replay":
            self.store.missing.append(key)
            miss = CassetteMiss([key], self.store.task)
            miss.fatal = True  # type: ignore[attr-defined]  # not a contained batch failure: a harness error
            raise miss
        self.store.misses += 1
        return None

    def put(self, key: str, answer: dict) -> None:
        if self.store.mode in ("record", "auto"):
            self._write(key, answer)

    def _write(self, key: str, answer: dict) -> None:
        import json
        from datetime import UTC, datetime

        path = self.store.path_for(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        record = {"key": key, "response": answer, "recorded_at": datetime.now(UTC).isoformat(timespec="seconds")}
        path.write_text(json.dumps(record, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")


class LLMEvalReviewer:
    label_space: Literal["coarse", "fine"] = "fine"

    def __init__(self, model: str, store: CassetteStore, base_url: str | None = None) -> None:
        self.model = model
        self.name = f"rules+llm:{model}"
        self.prompt_fingerprint = bundle_fingerprint()
        settings = LLMSettings(model=model, base_url=base_url, max_concurrency=2)
        # Replay never calls the model, so no key is needed then. Cassettes are keyed by the model
        # name, not the server address.
        target = Target(model, base_url or os.environ.get("OPENAI_BASE_URL") or None,
                        os.environ.get("OPENAI_API_KEY") or "replay-only")
        self.store = store
        self.session = LLMSession(settings, target=target, identity=model, cache=CassetteAnswerCache(store))

    def review(self, text: str, path: str):
        began = time.perf_counter()
        usage = self.session.usage
        before = (usage.requests, usage.cache_hits, usage.tokens_in, usage.tokens_out, usage.rejected_rewrites,
                  usage.reasks)
        missing = len(self.store.missing)
        report = review(text, path=path, config=Config(), stage=self.session)
        if len(self.store.missing) > missing:  # the reviewer contains stage failures; a miss is a harness error
            raise CassetteMiss(self.store.missing[missing:], self.store.task)
        if report.errors or report.document is None:
            reason = report.errors[0].message if report.errors else "no document"
            raise HarnessError(f"{path}: cannot be reviewed ({reason})")
        spend = ReviewCost(requests=usage.requests - before[0], cache_hits=usage.cache_hits - before[1],
                          input_tokens=usage.tokens_in - before[2], output_tokens=usage.tokens_out - before[3],
                          latency_s=time.perf_counter() - began)
        return Review(document=report.document, findings=report.findings,
                      action_labels={(a.span.start, a.span.end): a.label for a in report.action_labels},
                      rewrites={(r.span.start, r.span.end): r.text for r in report.rewrites if r.accepted},
                      usage=spend, notes=tuple(report.notes), rejected=usage.rejected_rewrites - before[4],
                      reasks=usage.reasks - before[5])


def make_eval_reviewer(model: str, cache: CassetteStore) -> LLMEvalReviewer:
    return LLMEvalReviewer(model, cache)
