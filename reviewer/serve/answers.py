"""LLM answers kept in memory for the life of the server.

The CLI caches answers on disk; the server must not write files because of a request, so the
page's "Rewrite neutrally" keeps them here instead: asking again for the same sentence costs
no request until the server stops. Same keys as the disk cache; bounded, oldest dropped first.
"""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path

from reviewer.llm.cache import AnswerCache


class MemoryAnswerCache(AnswerCache):
    def __init__(self, max_entries: int = 5_000) -> None:
        super().__init__(Path("/nonexistent/pmreview-memory-cache"))  # never used: get/put stay in memory
        self.max_entries = max_entries
        self._data: OrderedDict[str, dict] = OrderedDict()

    def get(self, key: str) -> dict | None:
        answer = self._data.get(key)
        if answer is not None:
            self._data.move_to_end(key)
        return answer

    def put(self, key: str, answer: dict) -> None:
        self._data[key] = answer
        if len(self._data) > self.max_entries:
            self._data.popitem(last=False)
