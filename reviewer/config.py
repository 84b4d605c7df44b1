"""Settings: `[tool.pmreview]` in pyproject.toml or a `.pmreview.toml`, found by walking up.

Keys are kebab-case in TOML. Unknown keys and unknown rule ids are errors that name the
file and the key: a typo must never silently switch a rule off. The `[options]` table holds
the settings rules declare (`Rule.options`); it is validated against those declarations.

The pydantic models that validate a config live in `reviewer.config_schema` and are imported
only when there is something to validate (a config file, command-line or editor overrides):
a run with neither uses `DefaultConfig`, the same values as `Config()` as plain attributes,
and never pays for importing pydantic and building the models (a third of a rules-only
`pmreview check`'s start-up). `Config`, `LLMSettings` and `PathOverride` are still imported
from here (loaded on first access).
"""

from __future__ import annotations

import fnmatch
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any, Literal, cast

from reviewer.errors import ConfigError, UsageError

if TYPE_CHECKING:
    # Re-exported (loaded on first access at run time, see __getattr__).
    from reviewer.config_schema import Config as Config
    from reviewer.config_schema import LLMSettings as LLMSettings
    from reviewer.config_schema import PathOverride as PathOverride
    from reviewer.config_schema import describe as describe
    from reviewer.rules.base import RuleOption

SeverityName = Literal["error", "warning", "info"]
FailOn = Literal["error", "warning", "info", "never"]
DEFAULT_MAX_FILE_BYTES = 5_000_000
_SCHEMA = ("Config", "LLMSettings", "PathOverride", "describe")


def __getattr__(name: str) -> Any:
    """`Config`, `LLMSettings`, `PathOverride` and `describe`: imported (with pydantic) on first use."""
    if name in _SCHEMA:
        from reviewer import config_schema

        return getattr(config_schema, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@dataclass(frozen=True)
class DefaultConfig:
    """`Config()` without pydantic: the settings of a run with no config file and no overrides.

    The fields rules and the engine read are plain attributes with `Config()`'s values;
    anything else (`llm`, `model_dump`, `model_copy`...) is answered by a real `Config()`,
    built on first use. tests/cli/test_config.py holds the two to the same values."""

    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, SeverityName] = field(default_factory=dict)
    fail_on: FailOn = "warning"
    options: dict[str, Any] = field(default_factory=dict)
    per_path: list[PathOverride] = field(default_factory=list)
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES

    def option(self, item: RuleOption) -> Any:
        return item.value(self.options)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):  # pickle and copy probe dunders: never build a Config for them
            raise AttributeError(name)
        return getattr(_real_default(), name)


@cache
def _real_default() -> Config:
    from reviewer.config_schema import Config

    return Config()


def default_config() -> Config:
    """The config of a run without a config file or overrides (typed as the Config it stands for)."""
    return cast("Config", DefaultConfig())


def with_overrides(base: Config, overrides: Mapping[str, Any], where: str = "") -> Config:
    """`base` with overrides applied, the one merge for per-path, command-line and editor settings:
    `select` replaces, `ignore` adds to the base list, `severity` and `options` replace per key.
    Validated like a config file; an error names `where` and the key."""
    if not overrides:
        return base
    from reviewer.config_schema import merged

    return merged(base.model_dump(), overrides, where)


@dataclass(frozen=True)
class LoadedConfig:
    """A config plus where it came from (paths in per-path globs are relative to it)."""

    config: Config
    source: Path | None = None

    def for_path(self, path: str) -> Config:
        """Apply per-path overrides that match `path`."""
        cfg = self.config
        if not cfg.per_path:
            return cfg
        rel = _relative(path, self.source.parent if self.source else None)
        for override in cfg.per_path:
            if any(fnmatch.fnmatch(rel, glob) or PurePosixPath(rel).match(glob) for glob in override.paths):
                given = override.model_dump(exclude={"paths"}, exclude_defaults=True)
                cfg = with_overrides(cfg, given, f"{self.source}: per-path: ")
        return cfg


def known_rule_selector(item: str) -> bool:
    from reviewer.rules.registry import GROUPS, TOOL_RULES, lookup

    item = item.strip()
    return bool(lookup(item)) or item.upper() in TOOL_RULES or item.upper() in GROUPS


def _relative(path: str, base: Path | None) -> str:
    p = Path(path)
    if base is not None:
        try:
            return p.resolve().relative_to(base.resolve()).as_posix()
        except (ValueError, OSError):
            pass
    return p.as_posix()


def _is_file(path: Path) -> bool:
    """A folder we may not look into holds no config we could read: treated as absent."""
    try:
        return path.is_file()
    except OSError:
        return False


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:
        return False


def discover(start: Path) -> Path | None:
    """The nearest `.pmreview.toml`, or `pyproject.toml` with a [tool.pmreview] table."""
    here = start if _is_dir(start) else start.parent
    for folder in [here.resolve(), *here.resolve().parents]:
        candidate = folder / ".pmreview.toml"
        if _is_file(candidate):
            return candidate
        pyproject = folder / "pyproject.toml"
        if _is_file(pyproject) and _pmreview_table(pyproject) is not None:
            return pyproject
    return None


def _pmreview_table(pyproject: Path) -> dict | None:
    """[tool.pmreview] of a pyproject.toml, None when it has none; a `tool` that is no table is an error."""
    tool = _read_toml(pyproject).get("tool", {})
    if not isinstance(tool, dict):
        raise ConfigError(f"{pyproject}: tool: must be a table ([tool.pmreview])")
    table = tool.get("pmreview")
    if table is not None and not isinstance(table, dict):
        raise ConfigError(f"{pyproject}: tool.pmreview: must be a table")
    return table


def load(path: Path | None) -> LoadedConfig:
    if path is None:
        return LoadedConfig(config=default_config())
    from reviewer.config_schema import from_table

    pyproject = path.name == "pyproject.toml"
    table = (_pmreview_table(path) or {}) if pyproject else _read_toml(path)
    return LoadedConfig(config=from_table(table, path, pyproject), source=path)


def load_config(explicit: Path | None, first_path: str) -> LoadedConfig:
    """The config a run uses: `explicit` (--config), else the nearest one to the first input."""
    if explicit is not None:
        if not _is_file(explicit):
            raise UsageError(f"--config {explicit}: no such file")
        return load(explicit)
    start = Path.cwd() if first_path == "-" else Path(first_path)
    try:
        start.stat()
    except OSError:  # missing or unreadable: the input's own error is reported when it is read
        start = Path.cwd()
    return load(discover(start))


def _read_toml(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read config ({exc.__class__.__name__})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
