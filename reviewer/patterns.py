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

from reviewer import regex_cache, regex_needles


class LazyPattern:
    """A `re.Pattern` stand-in for module-level patterns (`.pattern`/`.flags` without compiling)."""

    def __init__(self, pattern: str, flags: int | re.RegexFlag = 0, *, prefilter: bool = False) -> None:
        self.pattern = pattern
        self.flags = int(flags)
        self.prefilter = prefilter
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            compiled = self._compiled = regex_cache.compile(self.pattern, self.flags)
            # Instance attributes win over these methods from now on: no extra call layer.
            self.__dict__.update(search=compiled.search, match=compiled.match, fullmatch=compiled.fullmatch,
                                 finditer=compiled.finditer, findall=compiled.findall, sub=compiled.sub,
                                 subn=compiled.subn, split=compiled.split)
            found = regex_needles.cached_needles(self.pattern, self.flags) if self.prefilter else None
            if found is not None:
                self.__dict__.update(_prefiltered(compiled, found.may_match))
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


def lazy(pattern: str, flags: int | re.RegexFlag = 0, *, prefilter: bool = False) -> LazyPattern:
    """With `prefilter`, a text holding none of the literals every match needs is not searched at all
    (reviewer.regex_needles): for a costly pattern most texts cannot match, such as a long alternation
    opening with \\b run on every sentence."""
    return LazyPattern(pattern, flags, prefilter=prefilter)


def _prefiltered(compiled: re.Pattern[str], may_match: Callable[[str], bool]) -> dict[str, Callable[..., Any]]:
    """The matching methods, each answering "no match" without searching where `may_match` says so."""
    search, match, fullmatch, finditer, findall = (compiled.search, compiled.match, compiled.fullmatch,
                                                   compiled.finditer, compiled.findall)

    def search_(string: str, *args: int) -> re.Match[str] | None:
        return search(string, *args) if may_match(string) else None

    def match_(string: str, *args: int) -> re.Match[str] | None:
        return match(string, *args) if may_match(string) else None

    def fullmatch_(string: str, *args: int) -> re.Match[str] | None:
        return fullmatch(string, *args) if may_match(string) else None

    def finditer_(string: str, *args: int) -> Iterator[re.Match[str]]:
        return finditer(string, *args) if may_match(string) else iter(())

    def findall_(string: str, *args: int) -> list[Any]:
        return findall(string, *args) if may_match(string) else []

    return {"search": search_, "match": match_, "fullmatch": fullmatch_, "finditer": finditer_, "findall": findall_}
