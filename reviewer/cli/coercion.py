"""Option values without pydantic: typer (0.2x) coerces every parameter through a pydantic
TypeAdapter, built when the command runs, even for a parameter left at its default. Importing
pydantic and building the adapters of `check` was a quarter of a rules-only run's start-up.

`install(command)` gives each parameter of a plain type our commands use (str, bool, Path,
an enum's choices, int/float with bounds, a list of str) a coercion that returns what typer's
adapter returns for the values it is sure of, and hands any other value to typer's own
coercion, so an error reads exactly as typer writes it. With a typer that has no such
machinery (older ones coerce with click types) it does nothing.
tests/cli/test_coercion.py holds both coercions to the same answers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any, get_args, get_origin

try:
    from typer._coercion import RuntimeParam, build_runtime_param
    from typer._param_types import coerce_cli_choice, coerce_cli_path
except ImportError:  # pragma: no cover - a typer without pydantic coercion: nothing to replace
    RuntimeParam = None  # type: ignore[assignment,misc]

_UNSURE = object()  # this value goes to typer's own coercion
_DIGITS = re.compile(r"[0-9]+")
_DECIMAL = re.compile(r"[0-9]+(?:\.[0-9]+)?")


def _number(kind: type, value: Any, low: float | None, high: float | None) -> Any:
    number: Any
    if type(value) is kind:
        number = value
    elif type(value) is str and (_DIGITS if kind is int else _DECIMAL).fullmatch(value):
        number = kind(value)
    else:
        return _UNSURE
    if (low is not None and number < low) or (high is not None and number > high):
        return _UNSURE  # out of range: typer's message
    return number


def _leaf(annotation: Any, info: Any) -> Any:
    """How to coerce one value of `annotation`: a function(value, param, ctx), or None."""
    if info.parser is not None or info.clamp:
        return None
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        choices, sensitive = tuple(annotation), info.case_sensitive

        def choice(value: Any, param: Any, ctx: Any) -> Any:
            try:
                return coerce_cli_choice(value, choices=choices, case_sensitive=sensitive, ctx=ctx)
            except ValueError:
                return _UNSURE
        return choice
    if annotation is bool:
        return lambda value, param, ctx: value if type(value) is bool else _UNSURE
    if annotation is str and info.path_type is None:
        return lambda value, param, ctx: value if type(value) is str else _UNSURE
    if annotation in (int, float):
        low, high = info.min, info.max
        return lambda value, param, ctx: _number(annotation, value, low, high)
    if annotation is Path and info.path_type in (None, Path):
        def path(value: Any, param: Any, ctx: Any) -> Any:
            if type(value) is str and value and "\x00" not in value:
                value = Path(value)  # what typer's pydantic adapter makes of a non-empty str
            if not isinstance(value, Path):
                return _UNSURE
            return coerce_cli_path(value, info, path_type=Path, param=param, ctx=ctx)
        return path
    return None


if RuntimeParam is not None:
    @dataclass(frozen=True)
    class _Plain(RuntimeParam):  # type: ignore[misc,valid-type]
        coerce_one: Any = None
        many: bool = False

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            if self.many:
                items = list(value) if isinstance(value, (list, tuple)) else [value]
                result: Any = [self.coerce_one(item, param, ctx) for item in items]
                sure = _UNSURE not in result
            else:
                result = self.coerce_one(value, param, ctx)
                sure = result is not _UNSURE
            if sure:
                return result
            return build_runtime_param(param.type_descriptor)._coerce_value(value, param=param, ctx=ctx)


def plain_runtime_param(descriptor: Any) -> Any:
    """Our coercion for a typer parameter's type descriptor, or None (typer's own is used)."""
    if RuntimeParam is None or descriptor.file_annotation is not None:
        return None
    annotation, info = descriptor.annotation, descriptor.parameter_info
    many = get_origin(annotation) is list
    if many:
        (annotation,) = get_args(annotation)
        if annotation is not str:
            return None
    coerce_one = _leaf(annotation, info)
    if coerce_one is None:
        return None
    return _Plain(parameter_info=info, annotation=descriptor.annotation, coerce_one=coerce_one, many=many)


def _install_param(param: Any) -> None:
    if getattr(param, "_runtime_param", _UNSURE) is None and hasattr(param, "type_descriptor"):
        plain = plain_runtime_param(param.type_descriptor)
        if plain is not None:
            param._runtime_param = plain


def install(command: Any) -> None:
    """Our coercion on every parameter of `command` (and its subcommands) that it covers,
    the --help option included (made when a context first asks for it)."""
    for sub in getattr(command, "commands", {}).values():
        install(sub)
    for param in command.params:
        _install_param(param)
    made_help = command.get_help_option

    def get_help_option(ctx: Any) -> Any:
        option = made_help(ctx)
        if option is not None:
            _install_param(option)
        return option

    command.get_help_option = get_help_option
