"""Guidance to the document's author left from a template: no follow-up of the team.

A postmortem template tells its author what to write in each section ("*List the follow-up work
here and link a ticket for each.*", "[Describe what changed and why.]"). When the author keeps
that guidance above their own text, its imperatives ("List ...", "Make sure ...") speak to whoever
fills the template in: they are no action the team took on, no reminder it relies on, and nobody
owns them.

A prompt is told by its form and its address, not by its words: a paragraph set apart as a whole
(wrapped in emphasis, square brackets or angle brackets, the marks templates use for the text to
replace) whose first sentence tells the author what to do (it opens with a verb) or asks them a
question. The team's own italic note ("*We will move the job to the new queue in May.*") has a
subject: it is read like any other sentence.
"""

from __future__ import annotations

import re

from reviewer.document import Document, Segment, SegmentKind
from reviewer.patterns import lazy
from reviewer.rules.action_items.reading import opens_with_verb

# The marks that set a template's text apart, as (opening, closing) pairs.
_WRAPS = (("*", "*"), ("_", "_"), ("[", "]"), ("<", ">"))
_OPENING = lazy(r"^[*_\[<]+\s*")


def _wrapped(text: str) -> bool:
    text = text.strip()
    return len(text) > 2 and any(text.startswith(a) and text.endswith(b) for a, b in _WRAPS)


# A verb the lexicon may not know, told by its object: "Summarise the ...", "List each ..." (no subject before it).
_BARE_VERB = lazy(
    r"^(?!(?:we|i|our|it|they|he|she|this|that|these|those|there|here)\b)[A-Z][a-z]+\s+(?:the|a|an|each|every|all|"
    r"any|your|this|these|what|how|why|who|when|which|here)\b"
)


def _tells_the_author(first: Segment) -> bool:
    text = _OPENING.sub("", first.prose.strip())
    return opens_with_verb(text) or bool(_BARE_VERB.match(text)) or bool(re.search(r"\?[\s*_\]>]*$", first.prose))


def author_prompts(document: Document, memo: dict | None = None) -> frozenset[int]:
    """Indices of the sentences of template guidance to the author (once per review with `memo`)."""
    if memo is not None and "author-prompts" in memo:
        return memo["author-prompts"]
    blocks: dict[int, list[Segment]] = {}
    for segment in document.segments:
        if segment.kind is SegmentKind.SENTENCE:
            blocks.setdefault(segment.block, []).append(segment)
    found: set[int] = set()
    for segments in blocks.values():
        whole = document.source[segments[0].span.start : segments[-1].span.end]
        if _wrapped(whole) and _tells_the_author(segments[0]):
            found.update(s.index for s in segments)
    out = frozenset(found)
    if memo is not None:
        memo["author-prompts"] = out
    return out
