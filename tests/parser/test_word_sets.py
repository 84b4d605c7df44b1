"""A segment's word sets (`lexicon_words`, the \\w runs) are computed in one scan where they can be:
they must equal the plain definitions on every text, punctuation-only tokens and fold letters included."""

from __future__ import annotations

import re

import pytest

from reviewer.document import lexicon_words, word_sets
from reviewer.rules.registry import all_rules

TRICKY = [
    "",
    "-- !! ?! ’’",
    "what were you thinking?! careless!!",
    "'quoted' don’t on-call -- re-run a - b",
    "ſkipped the K\u212aelvin and İstanbul ıt",
    "_under_score 42 x2 naïve café — emoji 🙂 ok",
    "trailing-",
    "-leading ?mark! !",
]


def _reference(lower: str) -> tuple[frozenset[str], frozenset[str]]:
    tokens = re.findall(r"[\w'’!?-]+", lower)
    return frozenset(tokens) | {t.strip("'’!?-") for t in tokens}, frozenset(re.findall(r"\w+", lower))


def _texts() -> list[str]:
    examples = [ex.text for rule in all_rules() for ex in (*rule.flagged, *rule.passing)]
    lines = [line for text in examples for line in text.splitlines() if line.strip()]
    return [t.lower() for t in TRICKY + lines]


@pytest.mark.parametrize("lower", _texts())
def test_word_sets_equal_the_plain_definitions(lower: str) -> None:
    words, runs = _reference(lower)
    assert word_sets(lower) == (words, runs)
    assert lexicon_words(lower) == words


def test_a_punctuation_only_token_strips_to_the_empty_word() -> None:
    assert "" in lexicon_words("a -- b")
    assert "" not in lexicon_words("a-b c")


def test_every_ascii_character_splits_as_the_regex_does() -> None:
    """The ASCII fast path blanks what is not \\w (or token punctuation) and splits on whitespace."""
    text = "".join(f"a{chr(i)}b{chr(i)}{chr(i)}c " for i in range(128)).lower()
    assert text.isascii()
    assert word_sets(text) == _reference(text)
    assert lexicon_words(text) == _reference(text)[0]
