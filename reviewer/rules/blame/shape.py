"""BL001's shape record and its cheap gates: the `Shape` row, and the word sets that let a shape be
skipped before its pattern runs (needed words, the first words of verb lists, a segment's word runs).

Split from person_shapes.py (over the 450-line limit); the shapes themselves live there and in
compound_shapes.py.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from reviewer.document import Segment
from reviewer.patterns import LazyPattern


@dataclass(frozen=True)
class Shape:
    """One sentence shape: what it matches, when to try it, and what makes it blame."""

    kind: str
    pattern: LazyPattern
    needs: frozenset[str] | None = None  # the segment must contain one of these words
    anchored: bool = False  # opens with a name: tried only where a capitalised word starts
    human_only: bool = False  # a verb no system does: an unknown sentence-initial capital is a name
    judge: Callable[[Segment, re.Match[str]], bool] | None = None  # None: the shape blames on its own
    rewrite: str | None = None  # replaces the agent when the act is judged bad ("an engineer")
    may_open: Callable[[Segment], bool] | None = None  # cheap superset pre-check: False skips the pattern
    # The pattern can match only where one of these words is a whole word run (\w+, lower-cased) of the
    # prose: the first word of each alternative of its verb list (see `first_words`, `word_runs`).
    runs: frozenset[str] | None = None


def words_of(text: str) -> frozenset[str]:
    return frozenset(re.findall(r"[a-z']{2,}", text.lower()))


def first_words(alternation: str) -> frozenset[str]:
    """The first word of each alternative of a flat verb list ("rolled\\s+out" -> "rolled").

    A gate on these words is a superset of the pattern only where the list sits between a space
    (or the text's start) and a word boundary, and every alternative is plain words: a new verb
    added to the list is in the gate by construction; anything else fails this assertion."""
    alternatives = alternation.removeprefix("(?:").removesuffix(")").split("|")
    for alt in alternatives:
        assert re.fullmatch(r"[a-z]+(?:(?:\\s\+|-)(?:[a-z]+|\\w\+ed))*", alt), alt
    return frozenset(re.match(r"[a-z]+", alt).group() for alt in alternatives)  # type: ignore[union-attr]


def leading_words(pattern: str) -> frozenset[str]:
    """The words each top-level alternative of `pattern` can open with, where each opens with a flat
    verb list "(?:a|b\\s+c)" or a plain word, followed by "\\s" or "\\b"."""
    words: set[str] = set()
    depth, start, alternatives = 0, 0, []
    for i, char in enumerate(pattern):
        if char == "\\" or (i and pattern[i - 1] == "\\"):
            continue
        depth += char == "("
        depth -= char == ")"
        if char == "|" and depth == 0:
            alternatives.append(pattern[start:i])
            start = i + 1
    alternatives.append(pattern[start:])
    for alt in alternatives:
        head = re.match(r"\(\?:([a-z|\\s+]+)\)(?=\\[sb])|([a-z]+)(?=\\[sb])", alt)
        assert head, alt
        words |= first_words(f"(?:{head.group(1) or head.group(2)})")
    return frozenset(words)


# The only non-ASCII letters that re.IGNORECASE or str.lower take to ASCII letters.
FOLDS_TO_ASCII = frozenset("\u0130\u0131\u017f\u212a")
_FOLDS_RE = re.compile(f"[{''.join(sorted(FOLDS_TO_ASCII))}]")


def word_runs(segment: Segment) -> frozenset[str] | None:
    """The prose's maximal \\w+ runs, lower-cased (memoised per segment). A verb the pattern puts
    after whitespace and before "\\b" is such a run. None where case-insensitive matching folds a
    non-ASCII letter to an ASCII one ("ſkipped" matches "skipped"): no gate there."""
    memo = segment.lexicon_memo
    try:
        return memo["word-runs"]
    except KeyError:
        # Runs of the lower-cased text are the lower-cased runs: str.lower keeps every character but
        # "İ" (a fold letter) one character and keeps whether it is \w (tests/rules/test_shape_gates.py).
        found = None if _FOLDS_RE.search(segment.prose) else segment.runs
        memo["word-runs"] = found
        return found
