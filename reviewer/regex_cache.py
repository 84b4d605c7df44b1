"""Compiled regexes kept between runs (reviewer.disk_cache).

CPython compiles a regex in pure Python (re._parser, re._compiler) in every new process. The
rules' patterns are large (alternations of names, verbs, Unicode classes), and compiling the
ones a review of one file uses was a third of a rules-only `pmreview check`'s start-up. This
keeps each pattern's compiled program (what `_sre.compile` takes: opcodes, flags, groups),
keyed by pattern and flags, and builds the pattern from it in later runs: the same object
`re.compile` returns (patterns compare equal), without the parse. On a miss it runs
re._compiler.compile's own steps (identical in 3.11 to 3.13) and records the program. A
damaged entry (_sre validates the code) or another interpreter means plain `re.compile`.

`every_compile()` sends every `re` compile of the process through the same cache for the
length of a `with` block, so the modules imported in it (markdown-it-py, mdurl, logging, our
parser...) compile their module-level patterns from it too.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from reviewer.disk_cache import DiskCache

# The compile steps copied in _program() are the ones of CPython 3.11 to 3.13; any other
# interpreter compiles with re.compile, so a changed compiler can never give a wrong pattern.
_TESTED_VERSIONS = {(3, 11), (3, 12), (3, 13)}
try:
    import _sre
    from re import _compiler, _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - not CPython
    _sre = None
if sys.implementation.name != "cpython" or sys.version_info[:2] not in _TESTED_VERSIONS:
    _sre = None

PROGRAMS = DiskCache("regex", version=f"{getattr(_sre, 'MAGIC', '')}-2")  # -2: the file format


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
    program = PROGRAMS.get(key)
    if program is not None:
        try:
            return _sre.compile(pattern, *program)
        except Exception:  # noqa: BLE001 - a damaged entry: compiled afresh
            pass
    program = _program(pattern, flags)  # raises re.error for a bad pattern, as re.compile does
    compiled = _sre.compile(pattern, *program)
    PROGRAMS.put(key, program)
    return compiled


def _compile_hook(pattern: Any, flags: int = 0) -> Any:
    """re._compiler.compile, from the cache for a str pattern (re.Scanner passes parsed ones)."""
    if isinstance(pattern, str) and not flags & re.DEBUG:
        return compile(pattern, flags)
    return _plain_compile(pattern, flags)


_plain_compile: Any = _compiler.compile if _sre is not None else None


@contextmanager
def every_compile() -> Iterator[None]:
    """Every pattern `re` compiles inside the block comes from the cache (or is recorded in it).

    For start-up: the modules a rules-only `pmreview check` imports (markdown-it-py, mdurl,
    our parser, logging, tomllib...) compile ~140 patterns as they load, ~15 ms of a one-file
    run. re keeps its in-memory cache on top, as always; only its compile step is swapped
    (process-wide while the block runs: a thread compiling meanwhile gets the same pattern,
    from the cache). A no-op on interpreters whose compile steps this module does not copy."""
    if _sre is None or _compiler.compile is _compile_hook:
        yield
        return
    _compiler.compile = _compile_hook
    try:
        yield
    finally:
        _compiler.compile = _plain_compile
