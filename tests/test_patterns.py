"""Module-level patterns compiled on first use behave as compiled patterns."""

from __future__ import annotations

import re

from reviewer.patterns import LazyPattern, lazy


def test_lazy_pattern_is_not_compiled_until_used_and_then_matches_like_re():
    pattern = lazy(r"\b(?P<word>bad)\s+config\b", re.I)
    assert pattern._compiled is None and pattern.pattern.startswith(r"\b")
    text = "Bob pushed the BAD config and a bad config again."
    compiled = re.compile(pattern.pattern, re.I)
    assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in compiled.finditer(text)]
    assert pattern._compiled is not None
    assert pattern.search(text).group("word") == "BAD"
    assert pattern.sub("x", text) == compiled.sub("x", text)
    assert pattern.match(text) is None and pattern.fullmatch("bad config") is not None
    assert pattern.findall(text) == compiled.findall(text) and pattern.split(text) == compiled.split(text)
    assert pattern.groups == 1 and "word" in pattern.groupindex


def test_rule_modules_import_without_compiling_their_sentence_shapes():
    from reviewer.rules.blame import blame_individual

    assert all(isinstance(shape.pattern, LazyPattern) for shape in blame_individual.SHAPES)
