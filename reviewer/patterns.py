"""Regexes compiled on first use.

Rule modules hold many large patterns; compiling them all at import was most of a rules-only
run's start-up, and a review of one small file uses a fraction of them. `lazy(...)` is a
drop-in for a module-level `re.compile(...)`: the first call to a matching method compiles
the pattern and puts the compiled pattern's bound methods on the instance, so every later
call costs what a compiled pattern's does. Compiled programs are kept between runs
(reviewer.regex_cache).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from typing import Any

from reviewer import regex_cache


class LazyPattern:
    """A `re.Pattern` stand-in for module-level patterns (`.pattern`/`.flags` without compiling)."""

    def __init__(self, pattern: str, flags: int | re.RegexFlag = 0) -> None:
        self.pattern = pattern
        self.flags = int(flags)
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            compiled = self._compiled = regex_cache.compile(self.pattern, self.flags)
            # Instance attributes win over these methods from now on: no extra call layer.
            self.__dict__.update(search=compiled.search, match=compiled.match, fullmatch=compiled.fullmatch,
                                 finditer=compiled.finditer, findall=compiled.findall, sub=compiled.sub,
                                 subn=compiled.subn, split=compiled.split)
        return self._compiled

    @property
    def groups(self) -> int:
        return self.compiled.groups

    @property
    def groupindex(self) -> Any:
        return self.compiled.groupindex

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.search(string, pos, endpos)

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.match(string, pos, endpos)

    def fullmatch(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.fullmatch(string, pos, endpos)

    def finditer(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        return self.compiled.finditer(string, pos, endpos)

    def findall(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> list[Any]:
        return self.compiled.findall(string, pos, endpos)

    def sub(self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0) -> str:
        return self.compiled.sub(repl, string, count)

    def subn(self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0) -> tuple[str, int]:
        return self.compiled.subn(repl, string, count)

    def split(self, string: str, maxsplit: int = 0) -> list[str | Any]:
        return self.compiled.split(string, maxsplit)

    def __repr__(self) -> str:
        return f"lazy({self.pattern!r})"


def lazy(pattern: str, flags: int | re.RegexFlag = 0) -> LazyPattern:
    return LazyPattern(pattern, flags)
