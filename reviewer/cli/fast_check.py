"""`pmreview check` for the command lines it is sure of, without importing typer.

`parse` accepts a rules-only `check` whose every token is a path or one of the options below
with a value typer would accept as given; it returns None for anything else (--help, the LLM
options, a bad value, an unknown option), and the caller hands those to the typer app, so
usage errors read exactly as before. What it returns is what typer passes to `run_check` for
the same words (tests/cli/test_fast_check.py holds the two to the same answers).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from reviewer.cli.choices import FailOnChoice, OutputFormat

_FORMATS = frozenset(f.value for f in OutputFormat)
_FAIL_ON = frozenset(f.value for f in FailOnChoice)
_POSITIVE = re.compile(r"[0-9]+")

# option -> (what it sets, how its value is read); click matches names exactly, as here.
_OPTIONS: dict[str, tuple[str, str]] = {
    "--format": ("fmt", "format"), "-f": ("fmt", "format"),
    "--fail-on": ("fail_on", "fail-on"),
    "--select": ("select", "list"), "--ignore": ("ignore", "list"),
    "--config": ("config", "path"), "--baseline": ("baseline", "path"), "--write-baseline": ("write_baseline", "path"),
    "--jobs": ("jobs", "jobs"), "-j": ("jobs", "jobs"),
}
_FLAGS = {"--color": ("color", True), "--no-color": ("color", False)}


@dataclass
class CheckRequest:
    paths: list[str] = field(default_factory=list)
    fmt: str = OutputFormat.text.value
    fail_on: str | None = None
    select: list[str] | None = None
    ignore: list[str] | None = None
    config: Path | None = None
    color: bool | None = None
    jobs: int | None = None
    baseline: Path | None = None
    write_baseline: Path | None = None


def _value(kind: str, text: str) -> object:
    """The option's value as typer gives it, or None when typer might answer otherwise."""
    if not text or text.startswith("-"):
        return None  # empty, or a word click may read as an option: typer decides
    if kind == "format":
        return text if text in _FORMATS else None
    if kind == "fail-on":
        return text if text in _FAIL_ON else None
    if kind == "jobs":
        return int(text) if _POSITIVE.fullmatch(text) and int(text) >= 1 else None
    if kind == "path":
        return Path(text)
    return text


def parse(args: list[str]) -> CheckRequest | None:
    if not args or args[0] != "check":
        return None
    request = CheckRequest()
    lists: dict[str, list[str]] = {}
    words = iter(args[1:])
    for word in words:
        if word == "--":
            request.paths += list(words)
            break
        if word == "-" or not word.startswith("-"):
            request.paths.append(word)
            continue
        name, eq, attached = word.partition("=")
        if name in _FLAGS and not eq:
            setattr(request, *_FLAGS[name])
            continue
        if name not in _OPTIONS or (eq and not name.startswith("--")):
            return None
        target, kind = _OPTIONS[name]
        text = attached if eq else next(words, "")
        value = _value(kind, text)
        if value is None:
            return None
        if kind == "list":
            lists.setdefault(target, []).append(text)
        else:
            setattr(request, target, value)  # given twice: the last one counts, as with click
    if not request.paths:
        return None  # typer's "Missing argument" message
    request.select = lists.get("select")
    request.ignore = lists.get("ignore")
    return request


def run(request: CheckRequest) -> int:
    from reviewer.cli.check import LLMOptions, run_check

    return run_check(request.paths, request.fmt, request.fail_on, request.select, request.ignore, request.config,
                     request.color, LLMOptions(), jobs=request.jobs, baseline=request.baseline,
                     write_baseline=request.write_baseline)
