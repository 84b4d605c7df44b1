"""Settings: `[tool.pmreview]` in pyproject.toml or a `.pmreview.toml`, found by walking up.

Keys are kebab-case in TOML. Unknown keys and unknown rule ids are errors that name the
file and the key: a typo must never silently switch a rule off. The `[options]` table holds
the settings rules declare (`Rule.options`); it is validated against those declarations.
"""

from __future__ import annotations

import fnmatch
import tomllib
from collections.abc import Mapping
from functools import cache
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, create_model, field_validator, model_validator

from reviewer.errors import ConfigError, UsageError

if TYPE_CHECKING:
    from reviewer.rules.base import RuleOption

SeverityName = Literal["error", "warning", "info"]
FailOn = Literal["error", "warning", "info", "never"]


def _kebab(name: str) -> str:
    return name.replace("_", "-")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", alias_generator=_kebab, populate_by_name=True, frozen=True)


@cache
def _options_model() -> type[BaseModel]:
    """A model of `[options]` built from the rules' declarations (Rule.options)."""
    from reviewer.rules.registry import declared_options

    fields: dict[str, Any] = {key.replace("-", "_"): (option.type, Field(default=option.default, alias=key))
                              for key, option in declared_options().items()}
    return create_model("Options", __config__=ConfigDict(extra="forbid", frozen=True), **fields)


def _check_options(value: dict[str, Any]) -> dict[str, Any]:
    """Each key is an option some rule declares, each value of its declared type (kept in config spelling)."""
    return _options_model().model_validate(value).model_dump(by_alias=True, exclude_unset=True)


# Older spellings of options, still read: top-level `required-sections`, the `[words]` table.
_LEGACY_TOP = ("required-sections",)
_LEGACY_WORDS = ("accepted-names", "extra-blame-words")


def _fold_legacy(data: Any, words: bool = True) -> Any:
    """`data` with older spellings moved under `options` (validated here, so an error names the key as written)."""
    if not isinstance(data, Mapping):
        return data
    data = dict(data)
    moved: dict[str, Any] = {}
    spelled: dict[str, str] = {}
    for key in _LEGACY_TOP:
        for name in (key, key.replace("-", "_")):
            if name in data:
                moved[key], spelled[key] = data.pop(name), key
    if words and "words" in data:
        table = data.pop("words")
        if isinstance(table, BaseModel):
            table = table.model_dump(by_alias=True)
        if not isinstance(table, Mapping):
            raise ValueError("words: must be a table (accepted-names, extra-blame-words)")
        for name, value in table.items():
            key = _kebab(str(name))
            if key not in _LEGACY_WORDS:
                raise ValueError(f"words.{name}: unknown key")
            moved[key], spelled[key] = value, f"words.{key}"
    if not moved:
        return data
    try:
        _check_options(moved)
    except ValidationError as exc:
        err = exc.errors()[0]
        raise ValueError(describe(exc, rename={str(err["loc"][0]): spelled[str(err["loc"][0])]})) from None
    options = data.get("options") or {}
    if isinstance(options, Mapping):
        twice = sorted(set(moved) & set(options))
        if twice:
            raise ValueError(f"{spelled[twice[0]]}: also set as options.{twice[0]}; keep only [options]")
        data["options"] = {**options, **moved}
    return data


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
    options: dict[str, Any] = Field(default_factory=dict)  # replace the base's per key

    _known_rules = field_validator("select", "ignore", mode="after")(_check_selectors)
    _known_severity_rules = field_validator("severity", mode="after")(_check_severity_keys)
    _known_options = field_validator("options", mode="after")(_check_options)

    @model_validator(mode="before")
    @classmethod
    def _legacy(cls, data: Any) -> Any:
        return _fold_legacy(data, words=False)


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
    options: dict[str, Any] = Field(default_factory=dict)  # the values set; a rule's default otherwise
    per_path: list[PathOverride] = Field(default_factory=list)
    llm: LLMSettings = Field(default_factory=LLMSettings)
    max_file_bytes: int = Field(default=5_000_000, gt=0)

    _known_rules = field_validator("select", "ignore", mode="after")(_check_selectors)
    _known_severity_rules = field_validator("severity", mode="after")(_check_severity_keys)
    _known_options = field_validator("options", mode="after")(_check_options)

    @model_validator(mode="before")
    @classmethod
    def _legacy(cls, data: Any) -> Any:
        return _fold_legacy(data)

    def option(self, item: RuleOption) -> Any:
        """The value rules read for `item` under this config: the one place it is resolved."""
        return item.value(self.options)


def with_overrides(base: Config, overrides: Mapping[str, Any], where: str = "") -> Config:
    """`base` with overrides applied, the one merge for per-path, command-line and editor settings:
    `select` replaces, `ignore` adds to the base list, `severity` and `options` replace per key.
    Validated like a config file; an error names `where` and the key."""
    if not overrides:
        return base
    try:
        overrides = _fold_legacy(overrides)
    except ValueError as exc:
        raise ConfigError(f"{where}{exc}") from None
    data = base.model_dump()
    for key, value in overrides.items():
        if key == "ignore" and isinstance(value, list):
            value = [*data["ignore"], *value]
        elif key in ("severity", "options") and isinstance(value, dict):
            value = {**data[key], **value}
        data[key] = value
    try:
        return Config.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(f"{where}{describe(exc)}") from None


def describe(exc: ValidationError, prefix: str = "", rename: Mapping[str, str] | None = None) -> str:
    """`key: message` of a validation error's first problem, the key in config spelling
    (`rename` maps the first part of the key to how the user wrote it)."""
    err = exc.errors()[0]
    loc = [str(p) for p in err["loc"]]
    if rename and loc and loc[0] in rename:
        loc[0] = rename[loc[0]]
    key = prefix + ".".join(loc)
    message = "unknown key" if err["type"] == "extra_forbidden" else err["msg"].removeprefix("Value error, ")
    if err["type"] == "extra_forbidden" and len(loc) >= 2 and loc[-2] == "options":
        from reviewer.rules.registry import declared_options

        message = f"unknown option (rules declare: {', '.join(declared_options())})"
    return f"{key}: {message}" if loc else f"{prefix}{message}"  # a message of ours starts with its key


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
