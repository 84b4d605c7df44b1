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
from re import _constants as C  # type: ignore[attr-defined]  # noqa: N812
from re import _parser  # type: ignore[attr-defined]
from typing import Any

from reviewer import regex_cache

# The only non-ASCII letters re.IGNORECASE matches to ASCII letters (tests/rules/test_shape_gates.py).
_FOLDS = re.compile("[\u0130\u0131\u017f\u212a]")
_MAX_NEEDLES = 40  # beyond this the pre-check costs about what the search does

Needle = tuple[str, bool]  # (literal, ignore case: the literal is lower-cased)


def needles(pattern: str, flags: int = 0) -> frozenset[Needle] | None:
    """Literals one of which every match of `pattern` contains, or None when there is no such set."""
    tree = _parser.parse(pattern, flags)
    found = _sequence(list(tree), bool(tree.state.flags & re.IGNORECASE))
    return None if found is None or len(found) > _MAX_NEEDLES else frozenset(found)


def _sequence(items: list[Any], icase: bool) -> set[Needle] | None:
    """Every match of a sequence matches each of its items: any one item's needles will do; the most
    selective (longest shortest literal, then longest on average) is kept. Adjacent literals form one literal."""
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
    if not options:
        return None
    return max(options, key=lambda o: (min(len(n) for n, _ in o), sum(len(n) for n, _ in o) / len(o)))


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
    """A compiled pre-check: `may_match(text)` is False only where the pattern cannot match."""

    def __init__(self, found: frozenset[Needle]) -> None:
        self.folded = tuple(sorted(n for n, icase in found if icase))
        self.exact = tuple(sorted(n for n, icase in found if not icase))

    def may_match(self, text: str) -> bool:
        for needle in self.exact:
            if needle in text:
                return True
        if self.folded:
            if not text.isascii() and _FOLDS.search(text):
                return True
            lower = text.lower()
            for needle in self.folded:
                if needle in lower:
                    return True
        return False


def cached_needles(pattern: str, flags: int = 0) -> Needles | None:
    """`Needles` of a pattern, or None; kept between runs beside the compiled programs (the parse is
    what regex_cache spares a run), under a key of their own."""
    key = ("needles", pattern, int(flags))
    stored = regex_cache.PROGRAMS.get(key)
    if not (isinstance(stored, tuple) and len(stored) == 1):
        found = needles(pattern, flags)
        stored = (None if found is None else tuple(sorted(found)),)
        regex_cache.PROGRAMS.put(key, stored)
    return None if stored[0] is None else Needles(frozenset(stored[0]))
