"""When to review a document: debounced, one review in flight per document, latest version wins.

A change while a review runs does not start a second one (they would fight for the GIL);
it marks the document dirty and the running loop reviews again, after the debounce delay,
once the current review is done. The review callback itself drops stale results.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

log = logging.getLogger(__name__)


@dataclass
class _State:
    task: asyncio.Task[None] | None = None
    reviewing: bool = False
    dirty: bool = False
    delay: float = 0.0


class Scheduler:
    def __init__(self, review: Callable[[str], Awaitable[None]]) -> None:
        self._review = review
        self._states: dict[str, _State] = {}

    def schedule(self, uri: str, delay: float = 0.0) -> None:
        state = self._states.setdefault(uri, _State())
        state.delay = delay
        if state.reviewing:
            state.dirty = True
            return
        if state.task is not None and not state.task.done():
            state.task.cancel()  # still in its debounce sleep: restart the wait
        state.task = asyncio.ensure_future(self._run(uri, state))

    async def _run(self, uri: str, state: _State) -> None:
        while True:
            if state.delay > 0:
                await asyncio.sleep(state.delay)
            state.reviewing = True
            try:
                await self._review(uri)
            except asyncio.CancelledError:
                raise
            except Exception:  # logged, never fatal: the next change tries again
                log.exception("review of %s failed", uri)
            finally:
                state.reviewing = False
            if not state.dirty:
                return
            state.dirty = False

    def busy(self, uri: str) -> bool:
        state = self._states.get(uri)
        return bool(state and state.task and not state.task.done())

    def cancel(self, uri: str) -> None:
        state = self._states.pop(uri, None)
        if state and state.task and not state.task.done():
            state.task.cancel()

    def cancel_all(self) -> None:
        for uri in list(self._states):
            self.cancel(uri)
