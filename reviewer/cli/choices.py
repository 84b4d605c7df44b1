"""Option choices shared by the commands, as typer wants them (enums), tied to the config's types."""

from __future__ import annotations

from enum import StrEnum
from typing import get_args

from reviewer.config import FailOn


class FailOnChoice(StrEnum):
    """`--fail-on`: the config's `fail-on` values (checked below, so the two cannot drift apart)."""

    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


if {choice.value for choice in FailOnChoice} != set(get_args(FailOn)):  # pragma: no cover - a developer error
    raise RuntimeError("FailOnChoice and config.FailOn disagree")


class OutputFormat(StrEnum):
    """`check --format`."""

    text = "text"
    json = "json"
    sarif = "sarif"
    rdjsonl = "rdjsonl"
    github = "github"
