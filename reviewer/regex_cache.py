"""Compiled regexes kept between runs, as __pycache__ keeps compiled modules.

CPython compiles a regex in pure Python (re._parser, re._compiler) in every new process. The
rules' patterns are large (alternations of names, verbs, Unicode classes), and compiling the
ones a review of one file uses was a third of a rules-only `pmreview check`'s start-up. This
keeps each pattern's compiled program (what `_sre.compile` takes: opcodes, flags, groups) in
one file per interpreter version under the user cache directory, and builds the pattern from
it in later runs: the same object `re.compile` returns (patterns compare equal), without the
parse. On a miss it runs re._compiler.compile's own steps (identical in 3.11 to 3.13) and
records the program; new programs are written once, at exit, atomically. An unreadable,
unwritable or damaged cache, or another interpreter, means plain `re.compile`.

Where: $PMREVIEW_CACHE_DIR/regex, else $XDG_CACHE_HOME/pmreview/regex (~/.cache/pmreview/regex).
"""

from __future__ import annotations

import atexit
import marshal
import os
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

try:
    import _sre
    from re import _compiler, _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - not CPython
    _sre = None

MAX_ENTRIES = 20_000  # a file grown past this (patterns of many rule versions) starts again from this run's
_programs: dict[tuple[str, int], tuple] | None = None  # loaded on first use
_new: dict[tuple[str, int], tuple] = {}


def cache_file() -> Path | None:
    if _sre is None:
        return None
    env = os.environ.get("PMREVIEW_CACHE_DIR")
    base = Path(env) if env else Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "pmreview"
    version = "-".join(map(str, (sys.implementation.name, *sys.version_info[:3], _sre.MAGIC)))
    return base / "regex" / f"{version}.marshal"


def _read(path: Path | None) -> dict[tuple[str, int], tuple]:
    try:
        data = marshal.loads(path.read_bytes()) if path is not None else {}
    except (OSError, ValueError, EOFError, TypeError):
        return {}
    return data if isinstance(data, dict) else {}


def _loaded() -> dict[tuple[str, int], tuple]:
    global _programs
    if _programs is None:
        _programs = _read(cache_file())
        atexit.register(save)
    return _programs


def save() -> None:
    """Write this run's new programs (merged with what other runs wrote meanwhile)."""
    path = cache_file()
    if not _new or path is None:
        return
    merged = {**_read(path), **_new}
    if len(merged) > MAX_ENTRIES:
        merged = {**(_programs or {}), **_new}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".regex-")
        with os.fdopen(fd, "wb") as out:
            out.write(marshal.dumps(merged))
        os.replace(temp, path)
    except (OSError, ValueError):  # a cache that cannot be written is no cache
        return
    _new.clear()


def _program(pattern: str, flags: int) -> tuple:
    """What re._compiler.compile hands _sre.compile, computed its way."""
    parsed = _parser.parse(pattern, flags)
    code = [int(op) for op in _compiler._code(parsed, flags)]  # opcodes are int subclasses marshal refuses
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[Any] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return flags | parsed.state.flags, code, parsed.state.groups - 1, groupindex, tuple(indexgroup)


def compile(pattern: str, flags: int | re.RegexFlag = 0) -> re.Pattern[str]:  # noqa: A001 - re.compile's name
    """`re.compile(pattern, flags)`, from the cache when this interpreter compiled it before."""
    flags = int(flags)
    if _sre is None or not isinstance(pattern, str) or flags & re.DEBUG:
        return re.compile(pattern, flags)
    key = (pattern, flags)
    program = _loaded().get(key)
    if program is not None:
        try:
            return _sre.compile(pattern, *program)
        except Exception:  # noqa: BLE001 - a damaged entry (_sre validates the code): compiled afresh
            pass
    program = _program(pattern, flags)  # raises re.error for a bad pattern, as re.compile does
    compiled = _sre.compile(pattern, *program)
    _new[key] = _loaded()[key] = program
    return compiled
