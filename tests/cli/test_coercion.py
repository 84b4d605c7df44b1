"""Our option coercion (reviewer.cli.coercion) answers exactly as typer's own, for every
parameter of every command and values a user may type, errors included."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer
from typer._coercion import build_runtime_param

from reviewer.cli.app import app
from reviewer.cli.coercion import install, plain_runtime_param

VALUES = ("x", "", " spaced ", "ünï", "-", "a.md", "dir/", "./x", "5", "05", "0", "-1", "1_0", " 5", "5.0",
          "30", "0.5", ".5", "1e2", "inf", "nan", "100", "101", "true", "1", "text", "TEXT", "json", "never",
          "added", "nope", True, False, 5, 0, 30.0, 3, Path("q"), ("a", "b"), ["x"], ())


def _outcome(runtime, value, param, ctx):
    try:
        result = runtime.coerce(value, param=param, ctx=ctx)
    except Exception as exc:  # noqa: BLE001 - the error itself is what is compared
        message = exc.format_message() if hasattr(exc, "format_message") else str(exc)
        return ("error", type(exc).__name__, message)
    return ("value", type(result).__name__, repr(result))  # repr: nan == nan


def _params():
    command = typer.main.get_command(app)
    for name, sub in command.commands.items():
        for param in sub.params:
            yield pytest.param(sub, param, id=f"{name}-{param.name}")


@pytest.mark.parametrize(("command", "param"), list(_params()))
def test_plain_coercion_answers_as_typer_does(command, param):
    plain = plain_runtime_param(param.type_descriptor)
    assert plain is not None, f"{param.name}: a type our coercion does not cover imports pydantic on every run"
    own = build_runtime_param(param.type_descriptor)
    ctx = typer._click.Context(command, info_name=command.name)
    for value in VALUES:
        assert _outcome(plain, value, param, ctx) == _outcome(own, value, param, ctx), (param.name, value)


def test_install_covers_every_parameter_and_the_help_option():
    command = typer.main.get_command(app)
    install(command)
    for sub in [command, *command.commands.values()]:
        ctx = typer._click.Context(sub, info_name=sub.name)
        for param in sub.get_params(ctx):
            assert param._runtime_param is not None, (sub.name, param.name)
