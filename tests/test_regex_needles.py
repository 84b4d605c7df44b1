"""The literal pre-check (reviewer.regex_needles) never turns away a text its pattern matches.

Every module-level pattern of the rules with needles is checked on the rules' own example
texts, their upper-cased forms and forms with the letters re.IGNORECASE folds to ASCII (ſ, ı, K,
İ): wherever the pattern matches, `may_match` must say so. A pattern opted in with
`lazy(..., prefilter=True)` must also answer every call exactly as the plain pattern does.
"""

from __future__ import annotations

import re
import sys

import pytest

from reviewer.patterns import LazyPattern, lazy
from reviewer.regex_needles import Needles, needles
from reviewer.rules.registry import all_rules


def _texts() -> list[str]:
    base = [line for rule in all_rules() for ex in (*rule.flagged, *rule.passing)
            for line in (ex.text, *ex.text.splitlines()) if line.strip()]
    folded = [t.replace("s", "ſ").replace("k", "\u212a").replace("i", "ı") for t in base]
    return base + [t.upper() for t in base] + folded + [t.replace("I", "İ") for t in base]


def _rule_patterns() -> list[tuple[str, LazyPattern]]:
    all_rules()  # imports every rule module
    found = {}
    for name, module in list(sys.modules.items()):
        if not name.startswith("reviewer.rules"):
            continue
        for attr, value in vars(module).items():
            values = value.items() if isinstance(value, dict) else [(None, value)]
            for key, item in values:
                if isinstance(item, LazyPattern):
                    found[id(item)] = (f"{name}.{attr}" + (f"[{key}]" if key is not None else ""), item)
    return sorted(found.values(), key=lambda pair: pair[0])


TEXTS = _texts()
PATTERNS = _rule_patterns()


@pytest.mark.parametrize("name,pattern", PATTERNS, ids=[n for n, _ in PATTERNS])
def test_needles_never_reject_a_text_the_pattern_matches(name: str, pattern: LazyPattern) -> None:
    found = needles(pattern.pattern, pattern.flags)
    if found is None:
        return
    check = Needles(found)
    compiled = re.compile(pattern.pattern, pattern.flags)
    for text in TEXTS:
        if compiled.search(text):
            assert check.may_match(text), (name, text)


def test_prefiltered_patterns_answer_as_the_plain_pattern() -> None:
    opted = [(n, p) for n, p in PATTERNS if p.prefilter]
    assert len(opted) >= 10
    for name, pattern in opted:
        plain = re.compile(pattern.pattern, pattern.flags)
        for text in TEXTS:
            assert bool(pattern.search(text)) == bool(plain.search(text)), (name, text)
            assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in plain.finditer(text)], name
            assert pattern.findall(text) == plain.findall(text), name
            assert bool(pattern.match(text)) == bool(plain.match(text)), name


@pytest.mark.parametrize("pattern,flags,expected", [
    (r"\bwould have\b|nobody", 0, {("would have", False), ("nobody", False)}),
    (r"ab?c", 0, {("a", False)}),  # the optional letter breaks the literal; the longest part is kept
    (r"(?:foo)+bar", re.I, {("foo", True)}),
    (r"(?-i:Not)\s+\w+", re.I, {("Not", False)}),  # a scoped case-sensitive part stays as written
    (r"x[ab]y", 0, {("x", False)}),
    (r"[xX✓]", 0, {("x", False), ("X", False), ("✓", False)}),
    (r"é+t", re.I, {("t", True)}),  # a non-ASCII literal under IGNORECASE is no needle
])
def test_needles_of_small_patterns(pattern: str, flags: int, expected: set) -> None:
    assert needles(pattern, flags) == expected


@pytest.mark.parametrize("pattern", [r"\w+", r"a|\d", r"(?:ab)?c?", r"[^a]", r"a*", r"(?:a|\w)x?"])
def test_no_needles_where_a_match_needs_no_literal(pattern: str) -> None:
    assert needles(pattern, 0) is None


def test_fold_letters_are_always_searched() -> None:
    pattern = lazy(r"\bmiss(?:ed)?\b", re.I, prefilter=True)
    assert pattern.search("We MIſſED it") is not None  # re.I matches the long s; str.lower keeps it
    assert pattern.search("nothing here") is None
    assert list(pattern.finditer("nothing here")) == [] and pattern.findall("none") == []


def test_picked_alternation_finds_what_the_whole_alternation_finds() -> None:
    from reviewer.rules.blame import human_error

    picked = human_error._PATTERN
    whole = re.compile(picked.pattern, picked.flags)
    assert whole.groups == 0  # arms hold no capture groups
    texts = [*TEXTS, "It was human error, my own mistake, and an error on our end.", "PEBKAC", "layer 8 issue"]
    for text in texts:
        assert [m.span() for m in picked.finditer(text)] == [m.span() for m in whole.finditer(text)], text
        assert [m.span() for m in picked.finditer(text, 3, len(text) - 2)] == \
            [m.span() for m in whole.finditer(text, 3, len(text) - 2)], text
    assert list(picked.finditer("nothing to see")) == []
