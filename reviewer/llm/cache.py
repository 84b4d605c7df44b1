"""On-disk cache of validated LLM answers.

Keyed by model identity (model + base URL), prompt-bundle fingerprint, output schema and the
exact messages sent, so an unchanged document costs zero requests and any change to a
template, a schema or the model misses. Plain JSON files, never pickles or langchain dumps.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from reviewer.atomic_file import write_atomically


def default_dir() -> Path:
    """$PMREVIEW_CACHE_DIR/llm, else $XDG_CACHE_HOME/pmreview/llm, else ~/.cache/pmreview/llm."""
    if os.environ.get("PMREVIEW_CACHE_DIR"):
        return Path(os.environ["PMREVIEW_CACHE_DIR"]) / "llm"
    root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return root / "pmreview" / "llm"


class AnswerCache:
    def __init__(self, root: Path) -> None:
        self.root = root

    @staticmethod
    def key(identity: str, fingerprint: str, schema: str, messages: list[tuple[str, str]]) -> str:
        payload = json.dumps([identity, fingerprint, schema, messages], ensure_ascii=False)
        return hashlib.sha256(payload.encode()).hexdigest()

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.json"

    def get(self, key: str) -> dict | None:
        try:
            data = json.loads(self._path(key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return data if isinstance(data, dict) else None

    def put(self, key: str, answer: dict) -> None:
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(path, json.dumps(answer, ensure_ascii=False, sort_keys=True).encode("utf-8"))
        except OSError:
            pass  # a read-only or full cache costs requests, never the review
