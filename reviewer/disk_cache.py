"""Derived data kept between runs, as __pycache__ keeps compiled modules.

Every `pmreview` process used to rebuild the same things from the same sources before it could
review a line: regex programs (reviewer.regex_cache) and parsed word lists (rules.lexicon).
A `DiskCache` keeps one kind of them in one marshal file per interpreter version under the
user cache directory: read on first use, new entries written once at exit (merged with what
other runs wrote meanwhile, atomically). An unreadable, damaged or unwritable cache is no
cache: the caller computes as if the file did not exist. Callers key entries by everything
the value is derived from, so a stale entry is never used.

A forked pool worker leaves by os._exit, past atexit: it calls `save_all()` after its last
chunk, so what it built (word lists and patterns the parent's warm-up never needed) is there
for the next run. Two writers of one file both merge what is there: the last rename wins, and
an entry lost to the race is built and written again by a later run.

Where: $PMREVIEW_CACHE_DIR/<kind>, else $XDG_CACHE_HOME/pmreview/<kind> (~/.cache/pmreview/<kind>).
"""

from __future__ import annotations

import atexit
import marshal
import os
import sys
from pathlib import Path
from typing import Any

from reviewer.atomic_file import write_atomically


class DiskCache:
    def __init__(self, kind: str, version: str = "", max_bytes: int = 4_000_000) -> None:
        _ALL.append(self)
        self.kind = kind
        self.version = version  # what else the entries depend on (e.g. the regex engine's MAGIC)
        # Grown past this (entries of older rule versions, or patterns a rule builds differently in
        # every process), the file restarts with what this run used: loading stays a few ms.
        self.max_bytes = max_bytes
        self._entries: dict[Any, Any] | None = None
        self._new: dict[Any, Any] = {}
        self._used: set[Any] = set()

    def path(self) -> Path:
        env = os.environ.get("PMREVIEW_CACHE_DIR")
        base = Path(env) if env else Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "pmreview"
        python = "-".join(map(str, (sys.implementation.name, *sys.version_info[:3])))
        return base / self.kind / f"{python}{'-' + self.version if self.version else ''}.marshal"

    @staticmethod
    def _read(path: Path) -> dict[Any, Any]:
        try:
            data = marshal.loads(path.read_bytes())
        except (OSError, ValueError, EOFError, TypeError):
            return {}
        return data if isinstance(data, dict) else {}

    def entries(self) -> dict[Any, Any]:
        if self._entries is None:
            self._entries = self._read(self.path())
            atexit.register(self.save)
        return self._entries

    def get(self, key: Any) -> Any:
        """The value, or None. Values are stored marshalled one by one: loading the file only
        copies bytes, and a run decodes just the entries it asks for."""
        stored = self.entries().get(key)
        if not isinstance(stored, bytes):
            return None
        self._used.add(key)
        try:
            return marshal.loads(stored)
        except (ValueError, EOFError, TypeError):
            return None

    def put(self, key: Any, value: Any) -> None:
        try:
            stored = marshal.dumps(value)
        except ValueError:  # not plain data (e.g. a date YAML read): not kept
            return
        self._new[key] = self.entries()[key] = stored

    def save(self) -> None:
        """Write this run's new entries, merged with the file as it is now."""
        if not self._new:
            return
        path = self.path()
        merged = {**self._read(path), **self._new}
        if sum(len(value) for value in merged.values() if isinstance(value, bytes)) > self.max_bytes:
            merged = {key: value for key, value in merged.items() if key in self._used or key in self._new}
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(path, marshal.dumps(merged))
        except (OSError, ValueError):  # a cache that cannot be written is no cache
            return
        self._new.clear()

    def forget(self) -> None:
        """As in a new process: nothing read, nothing new (tests)."""
        self._entries = None
        self._new.clear()
        self._used.clear()


_ALL: list[DiskCache] = []  # every cache of the process, for save_all


def save_all() -> None:
    """Write every cache's new entries now (the atexit handlers do it at a normal exit)."""
    for cache in _ALL:
        cache.save()
