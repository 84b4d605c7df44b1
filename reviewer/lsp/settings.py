"""Which Config applies to a document: the project's file config plus the editor's overrides.

File config is the same `.pmreview.toml` / `[tool.pmreview]` the CLI reads, found by walking
up from the document (or from the workspace root for unsaved buffers). Editor settings come
from `workspace/configuration` (section "pmReview") or `initializationOptions`, and may
override select/ignore/severity and rule options; they are validated like the file config.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reviewer import config as config_mod
from reviewer.errors import ConfigError

SECTION = "pmReview"
RUN_MODES = ("onType", "onSave")
_OVERRIDES = ("select", "ignore", "severity", "options")  # config keys the editor may override


@dataclass(frozen=True)
class ClientSettings:
    """The editor-side settings, already checked."""

    enable: bool = True
    run: str = "onType"  # onType: review on change (debounced); onSave: only on open and save
    # 0: a review (about 20 ms on 1,000 lines with the caches warm) is cheaper than a
    # wait, and the scheduler already folds a burst of edits into one follow-up review.
    debounce_ms: int = 0
    config_path: str | None = None
    overrides: dict[str, Any] = field(default_factory=dict)  # select / ignore / severity / options
    problems: tuple[str, ...] = ()  # settings we could not use, to show the user once

    @classmethod
    def parse(cls, raw: Any) -> ClientSettings:
        if not isinstance(raw, dict):
            return cls()
        if SECTION in raw and isinstance(raw[SECTION], dict):  # initializationOptions = {pmReview: {...}}
            raw = raw[SECTION]
        problems: list[str] = []
        enable = raw.get("enable", True)
        if not isinstance(enable, bool):
            problems.append("enable must be true or false")
            enable = True
        run = raw.get("run", "onType")
        if run not in RUN_MODES:
            problems.append(f"run must be one of {', '.join(RUN_MODES)}")
            run = "onType"
        debounce = raw.get("debounceMs", 0)
        if not isinstance(debounce, int) or isinstance(debounce, bool) or not 0 <= debounce <= 10_000:
            problems.append("debounceMs must be an integer from 0 to 10000")
            debounce = 50
        config_path = raw.get("configPath")
        if config_path is not None and not isinstance(config_path, str):
            problems.append("configPath must be a string")
            config_path = None
        overrides = {k: raw[k] for k in _OVERRIDES if raw.get(k) is not None}
        unknown = sorted(set(raw) - {"enable", "run", "debounceMs", "configPath", *_OVERRIDES})
        if unknown:
            problems.append(f"unknown setting(s): {', '.join(unknown)}")
        return cls(enable, run, debounce, config_path or None, overrides, tuple(problems))


class ConfigResolver:
    """Finds and caches file configs; a config file is re-read when its mtime or size changes."""

    def __init__(self) -> None:
        self._loaded: dict[Path, tuple[tuple[int, int], config_mod.LoadedConfig]] = {}

    def _load(self, path: Path | None) -> config_mod.LoadedConfig:
        if path is None:
            return config_mod.LoadedConfig(config=config_mod.Config())
        try:
            stat = path.stat()
        except OSError as exc:
            raise ConfigError(f"{path}: cannot read config ({exc.__class__.__name__})") from None
        key = (stat.st_mtime_ns, stat.st_size)
        cached = self._loaded.get(path)
        if cached and cached[0] == key:
            return cached[1]
        loaded = config_mod.load(path)
        self._loaded[path] = (key, loaded)
        return loaded

    def clear(self) -> None:
        self._loaded.clear()

    def config_for(self, doc_path: str | None, root: str | None, settings: ClientSettings) -> config_mod.Config:
        """The effective Config for a document; raises ConfigError naming the file and key."""
        if settings.config_path:
            explicit = Path(os.path.expanduser(settings.config_path))
            if not explicit.is_absolute() and root:
                explicit = Path(root) / explicit
            loaded = self._load(explicit)
        else:
            start = Path(doc_path).parent if doc_path else (Path(root) if root else None)
            loaded = self._load(config_mod.discover(start) if start is not None and start.exists() else None)
        return config_mod.with_overrides(loaded.for_path(doc_path or "<buffer>"), settings.overrides,
                                         f"editor settings {SECTION}.")
