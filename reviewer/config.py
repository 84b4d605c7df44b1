"""Settings: `[tool.pmreview]` in pyproject.toml or a `.pmreview.toml`, found by walking up.

Keys are kebab-case in TOML. Unknown keys and unknown rule ids are errors that name the
file and the key: a typo must never silently switch a rule off.
"""

from __future__ import annotations

import fnmatch
import tomllib
from pathlib import Path, PurePosixPath
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from reviewer.errors import ConfigError

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


class PathOverride(_Model):
    paths: list[str]
    select: list[str] | None = None
    ignore: list[str] = Field(default_factory=list)
    severity: dict[str, SeverityName] = Field(default_factory=dict)
    required_sections: list[SectionName] | None = None


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
    max_file_bytes: int = 5_000_000

    @field_validator("select", "ignore", mode="after")
    @classmethod
    def _known_rules(cls, value: list[str] | None) -> list[str] | None:
        for item in value or []:
            if not known_rule_selector(item):
                raise ValueError(f"unknown rule {item!r}")
        return value

    @field_validator("severity", mode="after")
    @classmethod
    def _known_severity_rules(cls, value: dict[str, str]) -> dict[str, str]:
        for item in value:
            if not known_rule_selector(item):
                raise ValueError(f"unknown rule {item!r}")
        return value


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
                update: dict = {}
                if override.select is not None:
                    update["select"] = override.select
                if override.ignore:
                    update["ignore"] = [*cfg.ignore, *override.ignore]
                if override.severity:
                    update["severity"] = {**cfg.severity, **override.severity}
                if override.required_sections is not None:
                    update["required_sections"] = override.required_sections
                cfg = cfg.model_copy(update=update)
        return cfg


def known_rule_selector(item: str) -> bool:
    from reviewer.rules.registry import TOOL_RULES, lookup

    item = item.strip()
    groups = {"BL", "AC", "ST", "TL", "HR", "RV"}
    return bool(lookup(item)) or item.upper() in TOOL_RULES or item.upper() in groups


def _relative(path: str, base: Path | None) -> str:
    p = Path(path)
    if base is not None:
        try:
            return p.resolve().relative_to(base.resolve()).as_posix()
        except (ValueError, OSError):
            pass
    return p.as_posix()


def discover(start: Path) -> Path | None:
    """The nearest `.pmreview.toml`, or `pyproject.toml` with a [tool.pmreview] table."""
    here = start if start.is_dir() else start.parent
    for folder in [here.resolve(), *here.resolve().parents]:
        candidate = folder / ".pmreview.toml"
        if candidate.is_file():
            return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and "pmreview" in _read_toml(pyproject).get("tool", {}):
            return pyproject
    return None


def load(path: Path | None) -> LoadedConfig:
    if path is None:
        return LoadedConfig(config=Config())
    data = _read_toml(path)
    table = data.get("tool", {}).get("pmreview", {}) if path.name == "pyproject.toml" else data
    prefix = "tool.pmreview." if path.name == "pyproject.toml" else ""
    try:
        return LoadedConfig(config=Config.model_validate(table), source=path)
    except ValidationError as exc:
        err = exc.errors()[0]
        key = prefix + ".".join(str(p) for p in err["loc"])
        message = err["msg"].removeprefix("Value error, ")
        if err["type"] == "extra_forbidden":
            message = "unknown key"
        raise ConfigError(f"{path}: {key}: {message}") from None


def _read_toml(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read config ({exc.__class__.__name__})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
