"""Word-list rules: a lexicon, a message template and an optional `keep` test, as data.

    RULE = word_list_rule(
        lexicon="moral",
        message="Moral judgement '{match}' ({note}): describe the conditions instead",
        keep=lambda segment, ctx, entry, match: not about_software(segment.prose, match.end()),
        id="BL005", name="moral-language", ...,  # every other Rule field
    )

The detector, its gate (skip segments holding none of the lexicon's words) and the
deterministic edits (an entry's `replacement`) come from here, once for every such rule.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from reviewer.document import Segment
from reviewer.rules import lexicon as lexicons
from reviewer.rules.base import EXTRA_BLAME_WORDS, Hit, Rule, SegmentContext, SegmentDetector
from reviewer.rules.common import SEGMENT_LEXICONS, lexicon_gate, lexicon_hits

Keep = Callable[[Segment, SegmentContext, lexicons.Entry, re.Match[str]], bool]


def word_list_detector(lexicon: str, message: str, keep: Keep | None = None,
                       config_words: bool = False) -> SegmentDetector:
    """Flag each match of `lexicon` in a segment's prose that `keep` accepts.

    `message` is a template with `{match}` (the matched text) and `{note}` (the entry's
    note). With `config_words`, the team's `extra-blame-words` are flagged too.
    """

    SEGMENT_LEXICONS[lexicon] = None

    def detect(segment: Segment, ctx: SegmentContext) -> Iterator[Hit]:
        accept = None if keep is None else (lambda entry, match: keep(segment, ctx, entry, match))
        yield from lexicon_hits(
            segment, lexicons.load(lexicon),
            lambda entry, match: message.format(match=match.group(), note=entry.note),
            keep=accept,
            ctx_words=ctx.extra_blame_words if config_words else (),
        )

    return detect


def word_list_rule(*, lexicon: str, message: str, keep: Keep | None = None, config_words: bool = False,
                   **fields: Any) -> Rule:
    """A Rule whose detector is `word_list_detector(...)`; `fields` are the other Rule fields.
    With `config_words` the rule declares the `extra-blame-words` option it reads."""
    options = (*fields.pop("options", ()), *((EXTRA_BLAME_WORDS,) if config_words else ()))
    return Rule(
        detect=word_list_detector(lexicon, message, keep, config_words),
        gate=lexicon_gate(lexicon, with_config_words=config_words),
        options=options,
        **fields,
    )
