"""The config file's schema: pydantic models that validate `[tool.pmreview]` / `.pmreview.toml`
tables, overrides from the command line and an editor's settings.

Imported only when there is something to validate: a run without a config file or overrides
uses `reviewer.config.DefaultConfig` and never imports pydantic (a tenth of a second of
start-up). `reviewer.config` re-exports `Config`, `LLMSettings` and `PathOverride` from here.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, create_model, field_validator, model_validator

from reviewer.config import DEFAULT_MAX_FILE_BYTES, FailOn, SeverityName, known_rule_selector
from reviewer.errors import ConfigError

if TYPE_CHECKING:
    from reviewer.rules.base import RuleOption


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
    max_file_bytes: int = Field(default=DEFAULT_MAX_FILE_BYTES, gt=0)

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


def merged(data: dict[str, Any], overrides: Mapping[str, Any], where: str) -> Config:
    """`data` (a config's model_dump) with `overrides` applied, validated: see config.with_overrides."""
    try:
        overrides = _fold_legacy(overrides)
    except ValueError as exc:
        raise ConfigError(f"{where}{exc}") from None
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


def from_table(table: Mapping[str, Any], path: Path, pyproject: bool) -> Config:
    """A config file's table validated; an error names the file and the key as written."""
    try:
        return Config.model_validate(table)
    except ValidationError as exc:
        raise ConfigError(f"{path}: {describe(exc, 'tool.pmreview.' if pyproject else '')}") from None


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
