"""Settings: `[tool.pmreview]` in pyproject.toml or a `.pmreview.toml`, found by walking up.

Keys are kebab-case in TOML. Unknown keys and unknown rule ids are errors that name the
file and the key: a typo must never silently switch a rule off.
"""

from __future__ import annotations

import fnmatch
import tomllib
from collections.abc import Mapping
from pathlib import Path, PurePosixPath
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from reviewer.errors import ConfigError, UsageError

SeverityName = Literal["error", "warning", "info"]
FailOn = Literal["error", "warning", "info", "never"]
SectionName = Literal["summary", "impact", "timeline", "root-cause", "resolution", "detection",
                      "action-items", "lessons"]


def _kebab(name: str) -> str:
    return name.replace("_", "-")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", alias_generator=_kebab, populate_by_name=True, frozen=True)


class Words(_Model):
    accepted_names: list[str] = Field(default_factory=list)  # names/roles fine to mention (e.g. systems)
    extra_blame_words: list[str] = Field(default_factory=list)


def _check_selectors(value: list[str] | None) -> list[str] | None:
    for item in value or []:
        if not known_rule_selector(item):
            raise ValueError(f"unknown rule {item!r}")
    return value


def _check_severity_keys(value: dict[str, str]) -> dict[str, str]:
    _check_selectors(list(value))
    return value


class PathOverride(_Model):
    paths: list[str]
    select: list[str] | None = None
    ignore: list[str] = Field(default_factory=list)
    severity: dict[str, SeverityName] = Field(default_factory=dict)
    required_sections: list[SectionName] | None = None

    _known_rules = field_validator("select", "ignore", mode="after")(_check_selectors)
    _known_severity_rules = field_validator("severity", mode="after")(_check_severity_keys)


class LLMSettings(_Model):
    model: str | None = None
    base_url: str | None = None
    timeout: float = Field(default=30.0, gt=0)  # seconds for one answer, client retries included
    deadline: float | None = Field(default=600.0, gt=0)  # seconds for every request of the run together
    breaker_threshold: int = Field(default=3, ge=1)  # consecutive timeouts/connection failures before sending stops
    max_answer_bytes: int = Field(default=262_144, ge=1024)  # a larger HTTP answer is cut off and counts as failed
    may_dismiss: bool = False  # let the LLM's "not blame" verdicts lower the exit code
    max_retries: int = 2
    max_concurrency: int = 4
    token_budget: int = 3000
    max_output_tokens: int = 1500
    cache_dir: str | None = None
    redact: bool = True
    structured_method: Literal["json_schema", "function_calling", "json_mode"] = "json_schema"
    price_per_1k_input: float | None = None
    price_per_1k_output: float | None = None


class Config(_Model):
    select: list[str] | None = None  # None: every rule
    ignore: list[str] = Field(default_factory=list)
    severity: dict[str, SeverityName] = Field(default_factory=dict)
    fail_on: FailOn = "warning"
    required_sections: list[SectionName] | None = None
    words: Words = Field(default_factory=Words)
    per_path: list[PathOverride] = Field(default_factory=list)
    llm: LLMSettings = Field(default_factory=LLMSettings)
    max_file_bytes: int = Field(default=5_000_000, gt=0)

    _known_rules = field_validator("select", "ignore", mode="after")(_check_selectors)
    _known_severity_rules = field_validator("severity", mode="after")(_check_severity_keys)


def with_overrides(base: Config, overrides: Mapping[str, Any], where: str = "") -> Config:
    """`base` with overrides applied, the one merge for per-path, command-line and editor settings:
    `select` and `required_sections` replace, `ignore` adds to the base list, `severity` adds per key.
    Validated like a config file; an error names `where` and the key."""
    if not overrides:
        return base
    data = base.model_dump()
    for key, value in overrides.items():
        if key == "ignore" and isinstance(value, list):
            value = [*data["ignore"], *value]
        elif key == "severity" and isinstance(value, dict):
            value = {**data["severity"], **value}
        data[key] = value
    try:
        return Config.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(f"{where}{describe(exc)}") from None


def describe(exc: ValidationError, prefix: str = "") -> str:
    """`key: message` of a validation error's first problem, the key in config spelling."""
    err = exc.errors()[0]
    key = prefix + ".".join(str(p) for p in err["loc"])
    message = "unknown key" if err["type"] == "extra_forbidden" else err["msg"].removeprefix("Value error, ")
    return f"{key}: {message}"


class LoadedConfig(BaseModel):
    """A config plus where it came from (paths in per-path globs are relative to it)."""

    model_config = ConfigDict(frozen=True)
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
        return LoadedConfig(config=Config())
    pyproject = path.name == "pyproject.toml"
    table = (_pmreview_table(path) or {}) if pyproject else _read_toml(path)
    try:
        return LoadedConfig(config=Config.model_validate(table), source=path)
    except ValidationError as exc:
        raise ConfigError(f"{path}: {describe(exc, 'tool.pmreview.' if pyproject else '')}") from None


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
