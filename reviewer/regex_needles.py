"""The literals a regex cannot match without: a pre-check that skips most searches.

`needles(pattern, flags)` reads the pattern's parse tree (re._parser, the tree re.compile builds)
and returns literals such that every match contains at least one of them, or None when it cannot
tell. A text holding none of them cannot match, so `may_match(text)` False skips the search
outright; True means only that the search must run. Rules run large alternations over every
sentence, and sre has no fast scan for an alternation that opens with \\b: testing a handful of
substrings is many times cheaper than the search.

Case: a literal under IGNORECASE is kept lower-cased (ASCII only) and looked up in the lower-cased
text. That finds every match except through the four non-ASCII letters that re.IGNORECASE matches
to ASCII ones (İ ı ſ K; str.lower keeps ı and ſ): a text holding one of them is always searched.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from re import _constants as C  # type: ignore[attr-defined]  # noqa: N812
from re import _parser  # type: ignore[attr-defined]
from typing import Any

from reviewer import regex_cache
from reviewer.disk_cache import DiskCache

# The only non-ASCII letters re.IGNORECASE matches to ASCII letters (tests/rules/test_shape_gates.py).
_FOLDS = re.compile("[\u0130\u0131\u017f\u212a]")
_MAX_NEEDLES = 40  # beyond this the pre-check costs about what the search does

Needle = tuple[str, bool]  # (literal, ignore case: the literal is lower-cased)


def needles(pattern: str, flags: int = 0) -> frozenset[Needle] | None:
    """Literals one of which every match of `pattern` contains, or None when there is no such set."""
    found = clauses(pattern, flags)
    return None if found is None else max(found, key=_selectivity)


def clauses(pattern: str, flags: int = 0) -> tuple[frozenset[Needle], ...] | None:
    """Sets of literals a match holds one of each ("human error": one of human, operator, ... and one
    of error, mistake, ...), the most selective first (at most three), or None."""
    tree = _parser.parse(pattern, flags)
    found = [o for o in _options(list(tree), bool(tree.state.flags & re.IGNORECASE)) if len(o) <= _MAX_NEEDLES]
    found.sort(key=_selectivity, reverse=True)
    return tuple(frozenset(o) for o in found[:3]) or None


def _selectivity(option: set[Needle] | frozenset[Needle]) -> tuple[int, float]:
    """Longest shortest literal, then longest on average: the set least likely to be in a text."""
    return min(len(n) for n, _ in option), sum(len(n) for n, _ in option) / len(option)


def _options(items: list[Any], icase: bool) -> list[set[Needle]]:
    """Every match of a sequence matches each of its items: each item with needles gives a set a
    match holds one of. Adjacent literals form one literal."""
    options: list[set[Needle]] = []
    run: list[str] = []
    for op, av in items:
        if op is C.LITERAL and (not icase or chr(av).isascii()):
            run.append(chr(av).lower() if icase else chr(av))
            continue
        if run:
            options.append({("".join(run), icase)})
            run = []
        found = _item(op, av, icase)
        if found is not None:
            options.append(found)
    if run:
        options.append({("".join(run), icase)})
    return options


def _sequence(items: list[Any], icase: bool) -> set[Needle] | None:
    """The most selective set of a sequence's items, or None (used inside groups and alternatives)."""
    options = _options(items, icase)
    return max(options, key=_selectivity) if options else None


def _item(op: Any, av: Any, icase: bool) -> set[Needle] | None:
    if op is C.SUBPATTERN:
        _group, add, remove, body = av
        inner = (icase or bool(add & re.IGNORECASE)) and not remove & re.IGNORECASE
        return _sequence(list(body), inner)
    if op is C.ATOMIC_GROUP:
        return _sequence(list(av), icase)
    if op is C.BRANCH:
        union: set[Needle] = set()
        for alternative in av[1]:
            found = _sequence(list(alternative), icase)
            if found is None:
                return None  # one alternative can match without any literal
            union |= found
        return union
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        low, _high, body = av
        return _sequence(list(body), icase) if low >= 1 else None
    if op is C.IN:
        chars = []
        for member_op, member in av:
            if member_op is not C.LITERAL or (icase and not chr(member).isascii()):
                return None  # a range, a category or a negation: no short list of literals
            chars.append(chr(member).lower() if icase else chr(member))
        return {(c, icase) for c in chars}
    return None  # anchors, lookarounds, ANY, categories, back references: nothing required


class Needles:
    """A compiled pre-check: `may_match(text)` is False only where the pattern cannot match (the text
    lacks every literal of one of the sets)."""

    def __init__(self, *sets: frozenset[Needle]) -> None:
        self.sets = tuple((tuple(sorted(n for n, icase in found if icase)),
                           tuple(sorted(n for n, icase in found if not icase))) for found in sets)
        self.folding = any(folded for folded, _ in self.sets)

    def may_match(self, text: str) -> bool:
        if self.folding and not text.isascii() and _FOLDS.search(text):
            return True
        return self.met(text, text.lower() if self.folding else text)

    def met(self, text: str, lower: str) -> bool:
        """Every set has a literal in the text (`lower`: the text lower-cased, free of fold letters)."""
        # Loops written out, not a helper call per set: met runs tens of thousands of times on a
        # corpus, and those calls were most of its cost.
        for folded, exact in self.sets:
            for literal in exact:
                if literal in text:
                    break
            else:
                for literal in folded:
                    if literal in lower:
                        break
                else:
                    return False
        return True


# Kept between runs as the compiled programs are (the parse is what regex_cache spares a run).
_STORED = DiskCache("regex-needles", version="1")


def cached_needles(pattern: str, flags: int = 0) -> Needles | None:
    """`Needles` of a pattern (all its sets), or None."""
    key = (pattern, int(flags))
    stored = _STORED.get(key)
    if not (isinstance(stored, tuple) and len(stored) == 1):
        found = clauses(pattern, flags)
        stored = (None if found is None else tuple(tuple(sorted(c)) for c in found),)
        _STORED.put(key, stored)
    return None if stored[0] is None else Needles(*(frozenset(c) for c in stored[0]))


class PickedAlternation:
    """`(?:arm)|(?:arm)|...`, searched in each text as the alternation of only the arms whose literal
    sets the text meets. The matches are the whole pattern's: an arm whose literals a text lacks
    matches nowhere in it, so it never wins a position, and the others keep their order. Arms hold
    no capture groups (numbering would shift)."""

    def __init__(self, arms: tuple[str, ...], flags: int = 0) -> None:
        self.arms = arms
        self.flags = int(flags)
        self.pattern = "|".join(f"(?:{arm})" for arm in arms)
        self._checks: tuple[Needles | None, ...] | None = None
        self._by_mask: dict[int, re.Pattern[str] | None] = {}

    def _picked(self, text: str) -> re.Pattern[str] | None:
        if self._checks is None:
            self._checks = tuple(cached_needles(arm, self.flags) for arm in self.arms)
        mask = (1 << len(self.arms)) - 1
        if text.isascii() or not _FOLDS.search(text):
            lower = text.lower()
            mask = 0
            for i, check in enumerate(self._checks):
                if check is None or check.met(text, lower):
                    mask |= 1 << i
        if mask not in self._by_mask:
            picked = [arm for i, arm in enumerate(self.arms) if mask >> i & 1]
            self._by_mask[mask] = regex_cache.compile("|".join(f"(?:{arm})" for arm in picked), self.flags) \
                if picked else None
        return self._by_mask[mask]

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        pattern = self._picked(text)
        return iter(()) if pattern is None else pattern.finditer(text, pos, endpos)
