"""Small helpers the rule modules share: turning matches into hits and edits."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from reviewer.document import Segment, Span
from reviewer.findings import Edit
from reviewer.patterns import lazy
from reviewer.rules.base import Hit, replace_in_segment


def span_of(segment: Segment, start: int, end: int) -> Span:
    """A match span in the segment's text -> a document span."""
    return Span(segment.span.start + start, segment.span.start + end)


def excerpt(segment: Segment, start: int, end: int) -> str:
    return " ".join(segment.text[start:end].split())


def deletion(segment: Segment, start: int, end: int) -> Edit:
    """Delete text[start:end] and the space after it (or before it, at a clause end).

    A following comma goes too ("Obviously, the" -> "the"); on a hard-wrapped line the line
    break after the word goes with it, so no empty line is left to split the paragraph. A
    sentence-initial deletion re-capitalises the next word, but only an ordinary lower-case
    word: never a URL ("https://"), a domain or a name written with inner capitals ("iOS").
    """
    text = segment.text
    after = end
    while after < len(text) and text[after] in ", \t":
        after += 1
    starts_line = start == 0 or text[start - 1] in "\r\n"
    brk = _LINE_BREAK.match(text, after)
    if brk and (after > end or starts_line):
        after = brk.end()
    elif after == end or after == len(text):
        while start > 0 and text[start - 1] in " \t":
            start -= 1
        after = end
    edit_start, edit_end, replacement = start, after, ""
    if _sentence_initial(text, start) and _PLAIN_WORD.match(text, after):
        edit_end = after + 1
        replacement = text[after].upper()
    return Edit(span_of(segment, edit_start, edit_end), replacement)


_LINE_BREAK = lazy(r"(?:\r\n|\r|\n)[ \t]*")
# A lower-case word ending where words end: not "https://", "example.com", "iOS", "e-mail@x".
_PLAIN_WORD = lazy(r"[a-z]+(?:['’-][a-z]+)*(?=[\s,;!?)\]\"'”’]|[.:](?![^\s])|\Z)")


def replacement(segment: Segment, start: int, end: int, new: str) -> Edit:
    if _sentence_initial(segment.text, start) and new:
        new = new[0].upper() + new[1:]
    return Edit(span_of(segment, start, end), new)


def hit(segment: Segment, start: int, end: int, message: str, edits: tuple[Edit, ...] = (),
        suggestion: str | None = None, path: str = "") -> Hit:
    if edits and suggestion is None:
        suggestion = replace_in_segment(segment, edits)
    return Hit(span_of(segment, start, end), message, suggestion, edits, path)


_INITIAL = lazy(r"^[\s*_>#|\-\d.)\[\]x]*$")


def _sentence_initial(text: str, pos: int) -> bool:
    head = text[:pos]
    if _INITIAL.match(head):
        return True
    stripped = head.rstrip()
    return stripped.endswith((".", "!", "?", ":")) and not stripped.endswith("..")


# The lexicons rules read segment by segment (registered by `lexicon_gate` and `word_list_detector`):
# the first pre-check a segment gets answers for all of them in one pass over its tokens.
SEGMENT_LEXICONS: dict[str, None] = {}


def segment_candidates(segment: Segment, lex) -> tuple:
    """`lex.candidates` for a segment's prose, computed once per segment: a rule's gate asks
    it, then its detector runs only those entries."""
    memo = segment.lexicon_memo
    found = memo.get(lex.name)
    if found is None:
        if lex.name in SEGMENT_LEXICONS and not memo.get(_ALL):
            names = tuple(SEGMENT_LEXICONS)
            memo.update(zip(names, _lexicon_set(names).candidates(segment.words, segment.lower), strict=True))
            memo[_ALL] = True
            found = memo[lex.name]
        else:
            found = memo[lex.name] = lex.candidates(segment.words, segment.lower)
    return found


_ALL = "*registered*"  # memo key: the registered lexicons were all answered


@cache
def _lexicon_set(names: tuple[str, ...]):
    from reviewer.rules.lexicon import LexiconSet, load

    return LexiconSet(tuple(load(n) for n in names))


class LexiconGate:
    """A Rule.gate: the segment contains something the lexicon could match.

    `select` answers for all of a document's segments at once (Rule.run asks it), reading the
    per-segment answers straight from the memo: most segments fail a lexicon's pre-check, and a
    call per segment and rule was most of what such a rule cost on them."""

    def __init__(self, name: str, with_config_words: bool = False) -> None:
        self.name = name
        self.with_config_words = with_config_words
        SEGMENT_LEXICONS[name] = None

    def __call__(self, segment: Segment, ctx) -> bool:
        from reviewer.rules.lexicon import load

        if self.with_config_words and ctx.extra_blame_words:
            return True
        return bool(segment_candidates(segment, load(self.name)))

    def select(self, segments: Iterable[Segment], ctx) -> list[Segment]:
        """The segments this gate passes, in order."""
        from reviewer.rules.lexicon import load

        if self.with_config_words and ctx.extra_blame_words:
            return list(segments)
        name, lex = self.name, load(self.name)
        picked = []
        for segment in segments:
            found = segment.lexicon_memo.get(name)
            if found is None:
                found = segment_candidates(segment, lex)
            if found:
                picked.append(segment)
        return picked


def lexicon_gate(name: str, with_config_words: bool = False) -> LexiconGate:
    return LexiconGate(name, with_config_words)


def lexicon_hits(segment: Segment, lex, message, *, keep=None, ctx_words: tuple = ()):
    """Yield (entry, match) for lexicon matches in the segment's prose that `keep` accepts."""
    from reviewer.rules.lexicon import extra_lexicon

    sources = [lex.finditer(segment.prose, candidates=segment_candidates(segment, lex), keep=keep)]
    if ctx_words:
        sources.append(extra_lexicon(ctx_words).finditer(segment.prose, segment.words, segment.lower, keep=keep))
    # `keep` is asked inside finditer, before a match takes its span: a rejected match hides nothing.
    for source in sources:
        for entry, match in source:
            edits: tuple[Edit, ...] = ()
            if entry.replacement == "":
                edits = (deletion(segment, match.start(), match.end()),)
            elif entry.replacement is not None:
                edits = (Edit(span_of(segment, match.start(), match.end()), entry.replacement),)
            yield hit(segment, match.start(), match.end(), message(entry, match), edits,
                      path=f"{lex.name}:{entry.tag or '-'}:{entry.term[:48]}")
