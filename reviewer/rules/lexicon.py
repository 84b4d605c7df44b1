"""YAML word lists. Each entry carries a note saying why it is there.

Format:
    entries:
      - term: careless          # a phrase, or a regex when `regex: true`
        note: judges character, not conditions
        replacement: ""         # optional: deterministic fix ("" = delete)
    groups:                     # many plain terms sharing one note (e.g. given names)
      - note: common English given names
        terms: [Alice, Bob]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from importlib import resources
from typing import Any, NamedTuple

from reviewer import regex_cache
from reviewer.disk_cache import DiskCache
from reviewer.document import lexicon_words
from reviewer.regex_needles import Needles, cached_needles


@dataclass(frozen=True, slots=True)
class Entry:
    term: str
    note: str
    replacement: str | None = None
    tag: str = ""
    regex: bool = False
    hints: tuple[str, ...] = ()  # for regex entries: lower-case words, one of which must occur as a token
    contains: tuple[str, ...] = ()  # ... or lower-case substrings, one of which must occur

    @property
    def pattern(self) -> re.Pattern[str]:
        # Compiled on first use (then cached): the word index means most entries never run in a
        # given review, and compiling every lexicon up front was a third of a CLI run's start-up.
        return compile_term(self.term, self.regex)



@dataclass(frozen=True)
class Lexicon:
    name: str
    entries: tuple[Entry, ...]

    @cached_property
    def _index(self) -> tuple[dict[str, list[Entry]], list[Entry], list[Entry]]:
        """Entries by the words that can trigger them, entries gated by a substring, and the rest.

        Most segments contain none of a lexicon's words: one set intersection rejects them
        before any pattern runs. Plain terms are indexed by their first word, regex entries
        by their `hints`.
        """
        by_word: dict[str, list[Entry]] = {}
        by_substring: list[Entry] = []
        always: list[Entry] = []
        for entry in self.entries:
            keys = entry.hints if entry.regex else (entry.term.split()[0].lower(),)
            for key in keys:
                by_word.setdefault(key, []).append(entry)
            if entry.regex and entry.contains:
                by_substring.append(entry)
            elif entry.regex and not entry.hints:
                always.append(entry)
        return by_word, by_substring, always

    @cached_property
    def _keys(self) -> frozenset[str]:
        return frozenset(self._index[0])

    @cached_property
    def _alone(self) -> LexiconSet:
        return LexiconSet((self,))

    def candidates(self, words: frozenset[str], lower: str) -> tuple[Entry, ...]:
        """The entries that could match a text with these tokens and this lower-cased form,
        in lexicon order: a superset of the entries that match (empty: nothing can)."""
        return self._alone.candidates(words, lower)[0]

    def cannot_match(self, words: frozenset[str], lower_text: str) -> bool:
        """True when no entry can match this text (checked before any pattern runs)."""
        return not self.candidates(words, lower_text)

    def finditer(self, text: str, words: frozenset[str] | None = None, lower: str | None = None,
                 candidates: tuple[Entry, ...] | None = None, keep=None):
        """Yield (entry, match) for every entry, left to right, longest first at a position.

        `words` (lower-cased tokens of `text`) and `lower` (`text.lower()`) may be passed when
        the caller has them, or `candidates` (`self.candidates(words, lower)`) when it has that.
        With `keep`, only matches it accepts take their span: a match a rule rejects ("to mistaken
        forwarding" read as a judged object with no person) does not hide an overlapping one it
        accepts ("mistaken forwarding", an act named as a slip).
        """
        if candidates is None:
            if words is None:
                words = _words_of(text)
            if not words.isdisjoint(self._keys) or self._index[1] or self._index[2]:
                candidates = self.candidates(words, text.lower() if lower is None else lower)
            else:
                return  # the common case: none of this lexicon's words
        if not candidates:
            return
        hits = []
        lower_text = None if not text.isascii() and _FOLD_LETTERS.search(text) else text.lower() if lower is None else lower
        for entry in candidates:
            if entry.regex and lower_text is not None and not _needles_of(entry.term).met(text, lower_text):
                continue
            for match in entry.pattern.finditer(text):
                hits.append((match.start(), -(match.end() - match.start()), entry, match))
        if len(hits) > 1:
            hits.sort(key=lambda h: (h[0], h[1]))
        taken_until = -1
        for start, _neg_len, entry, match in hits:
            if start < taken_until or (keep is not None and not keep(entry, match)):
                continue
            taken_until = match.end()
            yield entry, match

    def first_found(self, text: str, entries: tuple[Entry, ...] | None = None) -> Entry | None:
        """The first of `entries` (default: all) whose pattern occurs somewhere in `text`."""
        entries = self.entries if entries is None else entries
        if not text.isascii():
            return next((e for e in entries if e.pattern.search(text)), None)
        lower = text.lower()
        for entry in entries:
            folded = folded_pattern(entry.term, entry.regex)
            if folded.search(lower) if folded is not None else entry.pattern.search(text):
                return entry
        return None

    @property
    def terms(self) -> list[str]:
        return [e.term for e in self.entries]

    @cached_property
    def lower_terms(self) -> frozenset[str]:
        return frozenset(e.term.lower() for e in self.entries)


@dataclass(frozen=True)
class LexiconSet:
    """The pre-check of several lexicons in one pass over a text's tokens.

    Rules that read a segment through different lexicons ask each the same question ("which of
    your entries could match here?"); one merged word index answers for all of them at once.
    """

    lexicons: tuple[Lexicon, ...]

    @cached_property
    def _index(self) -> _SetIndex:
        """Entries by word (plain: the word admits them; ruled: a plain ASCII term also needs its other
        words, "was careless" -> "careless", in a text where str.lower and a regex's IGNORECASE agree
        on ASCII words (see _UNLOWERED), so the check never rejects an entry that matches; a regex has
        no words to require); substring-gated and unconditional entries; the substrings, lower-cased. Each entry
        is keyed by its order, `slot << 20 | position`: one sort puts them by lexicon, then in
        lexicon order."""
        plain: dict[str, list[tuple[int, Entry]]] = {}
        ruled: dict[str, list[tuple[int, Entry, tuple[str, ...]]]] = {}
        substring: list[tuple[int, Entry]] = []
        always: list[tuple[int, Entry]] = []
        for slot, lex in enumerate(self.lexicons):
            position = {id(e): i for i, e in enumerate(lex.entries)}
            words, by_substring, unconditional = lex._index
            for word, entries in words.items():
                plain.setdefault(word, [])
                for e in entries:
                    rest = tuple(e.term.lower().split()[1:]) if not e.regex and e.term.isascii() else ()
                    if rest:
                        ruled.setdefault(word, []).append((slot << _SLOT_SHIFT | position[id(e)], e, rest))
                    else:
                        plain[word].append((slot << _SLOT_SHIFT | position[id(e)], e))
            substring.extend((slot << _SLOT_SHIFT | position[id(e)], e) for e in by_substring)
            always.extend((slot << _SLOT_SHIFT | position[id(e)], e) for e in unconditional)
        needles = tuple(sorted({c.lower() for _, e in substring for c in e.contains}))
        return _SetIndex({w: tuple(v) for w, v in plain.items()}, {w: tuple(v) for w, v in ruled.items()},
                         frozenset(plain), tuple(substring), tuple(always), needles)

    def candidates(self, words: frozenset[str], lower: str) -> tuple[tuple[Entry, ...], ...]:
        """Per lexicon (in `lexicons` order), its entries that could match a text with these
        lower-cased tokens and this lower-cased form, in lexicon order."""
        plain, ruled, keys, substring, always, needles = self._index
        common = words & keys
        probed = False
        for needle in needles:  # a few substring tests: cheaper than one search for all of them
            if needle in lower:
                probed = True
                break
        if not common and not always and not probed:
            return ((),) * len(self.lexicons)  # the common case: none of these lexicons' words
        words_lower = lower.isascii() or _UNLOWERED.search(lower) is None
        picked: dict[int, Entry] = {}
        for w in common:
            picked.update(plain[w])
            for order, entry, rest in ruled.get(w, ()):
                if words_lower:
                    for other in rest:
                        if other not in lower:
                            break
                    else:
                        picked[order] = entry
                else:
                    picked[order] = entry
        if probed:
            for order, entry in substring:
                if any(c in lower for c in entry.contains):
                    picked[order] = entry
        picked.update(always)
        found: list[list[Entry]] = [[] for _ in self.lexicons]
        for order in sorted(picked):
            found[order >> _SLOT_SHIFT].append(picked[order])
        return tuple(tuple(entries) for entries in found)


# re.IGNORECASE matches four non-ASCII letters to ASCII ones; str.lower takes K to "k" but keeps ı and
# ſ and turns İ into "i" + U+0307. A lower-cased text free of these three holds, as a substring, every
# ASCII word the case-blind pattern finds in it, whatever else it holds (curly quotes, dashes, accents).
_UNLOWERED = re.compile("[\u0131\u017f\u0307]")
_SLOT_SHIFT = 20  # an entry's order: its lexicon's slot above, its position below (< 2**20 entries)


class _SetIndex(NamedTuple):
    plain: dict[str, tuple[tuple[int, Entry], ...]]
    ruled: dict[str, tuple[tuple[int, Entry, tuple[str, ...]], ...]]
    keys: frozenset[str]
    substring: tuple[tuple[int, Entry], ...]
    always: tuple[tuple[int, Entry], ...]
    needles: tuple[str, ...]


@lru_cache(maxsize=2048)
def _words_of(text: str) -> frozenset[str]:
    """Lower-cased tokens of a text: callers ask several lexicons about the same clause."""
    return lexicon_words(text.lower())


def _literal_prefix(term: str, regex: bool) -> tuple[str, ...]:
    """The literal text a regex must start with, as a cheap pre-check ('retrain (?:...)' -> 'retrain').

    Empty when the pattern has a top-level alternation or no literal start of 3+ characters.
    """
    if not regex:
        return ()
    depth = 0
    for i, ch in enumerate(term):
        if ch == "\\":
            continue
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if ch == "|" and depth == 0 and (i == 0 or term[i - 1] != "\\"):
            return ()
    prefix = []
    for i, ch in enumerate(term):
        if not (ch.isalpha() or ch in " -'"):
            break
        if i + 1 < len(term) and term[i + 1] in "?*{":
            break
        prefix.append(ch)
    text = "".join(prefix).lower()
    return (text,) if len(text.strip()) >= 3 else ()


def _prefix_word(prefix: tuple[str, ...]) -> tuple[str, ...]:
    """A literal prefix that ends a word ('retrain ') can be looked up as a token ('retrain')."""
    if prefix and " " in prefix[0] and prefix[0].split()[0].isalpha():
        return (prefix[0].split()[0],)
    return ()


# A regex entry's words (`hints`) admit it, but most of its matches need more literals than that
# one word ("never" + one of "notic", "realis", ...): a text that lacks every literal of one of the
# pattern's required sets (regex_needles) cannot match, so the search is skipped. Where a letter
# that IGNORECASE folds to ASCII (ſ, K) occurs, literals are not checked.
_FOLD_LETTERS = re.compile("[\u0130\u0131\u017f\u212a]")
_NO_NEEDLES = Needles()


@cache
def _needles_of(term: str) -> Needles:
    return cached_needles(term, re.I) or _NO_NEEDLES


@cache
def compile_term(term: str, regex: bool = False) -> re.Pattern[str]:
    if regex:
        return regex_cache.compile(term, re.I)
    words = r"\s+".join(re.escape(w) for w in term.split())
    return regex_cache.compile(rf"(?<![\w-]){words}(?![\w-])", re.I)


_INLINE_FLAGS = re.compile(r"\(\?[aiLmsux-]")


@cache
def folded_pattern(term: str, regex: bool = False) -> re.Pattern[str] | None:
    """`compile_term` without IGNORECASE, for searching lower-cased ASCII text: a case-sensitive
    scan is several times faster (sre skips ahead on literal prefixes) and finds the same on ASCII,
    where str.lower and re.I agree. None for a term with a capital (an escape such as \\S, a class
    [A-Z]) or a scoped flag ("(?-i:"): it must see the text as written."""
    if term != term.lower() or _INLINE_FLAGS.search(term):
        return None
    pattern = compile_term(term, regex)
    return regex_cache.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE)


@cache
def _word_loader() -> type:
    import yaml

    class WordLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
        """YAML 1.1 reads NO, ON, OFF and YES as booleans; in a word list they are words."""

    WordLoader.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return WordLoader


# Parsed word lists kept between runs, keyed by name and checked against the text they came
# from: parsing them (and importing yaml) was a tenth of a rules-only run's start-up.
_PARSED = DiskCache("lexicons", version="2")


def _parsed(name: str, raw: str) -> Any:
    cached = _PARSED.get(name)
    if isinstance(cached, tuple) and len(cached) == 2 and cached[0] == raw:
        return cached[1]
    import yaml

    data = yaml.load(raw, Loader=_word_loader())
    _PARSED.put(name, (raw, data))
    return data


@cache
def load(name: str) -> Lexicon:
    raw = resources.files("reviewer.rules.lexicons").joinpath(f"{name}.yaml").read_text(encoding="utf-8")
    data = _parsed(name, raw)
    entries = []
    for group in data.get("groups") or []:
        for term in group["terms"]:
            entries.append(Entry(str(term), group["note"], tag=group.get("tag", "")))
    for item in data.get("entries") or []:
        prefix = () if item.get("hints") or item.get("contains") else _literal_prefix(item["term"], bool(item.get("regex")))
        if not item.get("note"):
            raise ValueError(f"lexicon {name}: entry {item.get('term')!r} has no note")
        entries.append(
            Entry(
                term=item["term"],
                note=item["note"],
                replacement=item.get("replacement"),
                tag=item.get("tag", ""),
                regex=bool(item.get("regex")),
                hints=tuple(item.get("hints") or ()) or _prefix_word(prefix),
                contains=tuple(item.get("contains") or ()) or (() if _prefix_word(prefix) else prefix),
            )
        )
    return Lexicon(name, tuple(entries))


def extra_lexicon(words: tuple[str, ...]) -> Lexicon:
    """A team's own blame words from config."""
    return Lexicon(
        "config",
        tuple(Entry(w, "from the team's config") for w in words),
    )
