"""The plug-in point for LLM rewrites in the editor ("Rewrite neutrally (LLM)").

Nothing here calls a model: the LLM chain does not exist yet. It fixes the shape so one
can be plugged in without touching the handlers:

* `codeAction` offers the rewrite *without* an edit, carrying `RewriteRequest` as `data`,
  and only when a `Rewriter` is installed and the client can resolve edits lazily
  (`codeAction.resolveSupport.properties` contains "edit").
* `codeAction/resolve` (an async handler, so `$/cancelRequest` cancels it at the next await)
  checks that the document version is unchanged, shows work-done progress, and awaits
  `RewriteCache.get(...)`, which calls `Rewriter.rewrite` at most once per (model, rule,
  normalised text of the finding's segment): an edit elsewhere in the document does not re-ask.
* The rewrite replaces only the finding's segment (`Finding.segment_span`: its sentence, list
  item or table row), which is also what the model is given.

A Rewriter must be awaitable end to end (async HTTP), never block the event loop, and
return None when it has no safe answer (validation failed, model unavailable).
"""

from __future__ import annotations

import asyncio
import hashlib
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass
from typing import Any, Protocol

from reviewer.findings import Finding

ACTION_TITLE = "Rewrite neutrally (LLM)"
DATA_KIND = "pmreview.rewrite"


class Rewriter(Protocol):
    """What an LLM backend provides to the language server."""

    @property
    def model_id(self) -> str:
        """Identifies the model and prompt version; part of the cache key."""
        ...

    def applies_to(self, finding: Finding) -> bool:
        """Whether a neutral rewrite makes sense for this finding (e.g. blame-language rules)."""
        ...

    async def rewrite(self, paragraph: str, finding: Finding) -> str | None:
        """The paragraph rewritten, or None. Must be cancellable (raise CancelledError at an await)."""
        ...


@dataclass(frozen=True)
class RewriteRequest:
    """`CodeAction.data` for a lazy rewrite: enough to find the finding again on resolve."""

    uri: str
    version: int | None
    rule: str
    start: int  # finding span, code points
    end: int
    fingerprint: str
    kind: str = DATA_KIND

    def to_data(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_data(cls, data: Any) -> RewriteRequest | None:
        if not isinstance(data, dict) or data.get("kind") != DATA_KIND:
            return None
        try:
            return cls(uri=str(data["uri"]), version=data.get("version"), rule=str(data["rule"]),
                       start=int(data["start"]), end=int(data["end"]), fingerprint=str(data["fingerprint"]))
        except (KeyError, TypeError, ValueError):
            return None


def cache_key(model_id: str, rule: str, paragraph: str) -> str:
    normal = " ".join(paragraph.split())
    return hashlib.sha256(f"{model_id}\x00{rule}\x00{normal}".encode()).hexdigest()


class RewriteCache:
    """Per-paragraph results, and one in-flight call per key (concurrent resolves share it).

    Cancelling a resolve cancels the model call once no other resolve waits for it.
    Failures and cancellations are not cached: the next resolve asks again.
    """

    def __init__(self, max_entries: int = 512) -> None:
        self._done: OrderedDict[str, str | None] = OrderedDict()
        self._pending: dict[str, asyncio.Future[str | None]] = {}
        self._waiters: dict[str, int] = {}
        self._max = max_entries

    def __len__(self) -> int:
        return len(self._done)

    async def get(self, key: str, compute: Callable[[], Awaitable[str | None]]) -> str | None:
        if key in self._done:
            self._done.move_to_end(key)
            return self._done[key]
        pending = self._pending.get(key)
        if pending is None:
            pending = asyncio.ensure_future(compute())
            self._pending[key] = pending
            pending.add_done_callback(lambda fut: self._settle(key, fut))
        self._waiters[key] = self._waiters.get(key, 0) + 1
        try:
            return await asyncio.shield(pending)
        except asyncio.CancelledError:
            if self._waiters.get(key, 0) <= 1 and not pending.done():
                pending.cancel()
            raise
        finally:
            self._waiters[key] -= 1
            if not self._waiters[key]:
                del self._waiters[key]

    def _settle(self, key: str, fut: asyncio.Future[str | None]) -> None:
        self._pending.pop(key, None)
        if fut.cancelled() or fut.exception() is not None:
            return
        self._done[key] = fut.result()
        while len(self._done) > self._max:
            self._done.popitem(last=False)

    def cancel_all(self) -> None:
        for fut in list(self._pending.values()):
            fut.cancel()
