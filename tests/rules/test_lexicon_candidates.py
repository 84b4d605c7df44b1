"""The lexicon pre-check (`Lexicon.candidates`) only ever drops entries that cannot match.

Reference: every entry keyed by a word the text holds (its first word, or a regex's hints),
plus substring-gated and unconditional entries, each run in full, in lexicon order. The
pre-check narrows this (a plain term needs all its words in ASCII text); the matches must be
the same.
"""

from __future__ import annotations

import os

import pytest

from reviewer.rules import lexicon
from reviewer.rules.registry import all_rules

NAMES = sorted(f[:-5] for f in os.listdir(os.path.dirname(lexicon.__file__) + "/lexicons") if f.endswith(".yaml"))

TEXTS = [
    "The engineer was careless and should have checked the config.",
    "The engineer was careless!",
    "It was a CATASTROPHIC failure, a total disaster.",
    "Ana’s change was reverted; she shouldn't have merged it.",
    "Déjà vu: the on-call was fired up, and the alert fired twice.",
    "If only we had tested the restore, nobody would have noticed.",
    "We will be more careful and remind everyone to double-check.",
    "K\u212aelvin sign, long \u017fs and İstanbul dotted capitals in text.",
    "was  \n careless",
    "It was \u017fuppo\u017fed to run.",  # re.I matches the long s; str.lower keeps it
    # Non-ASCII text: a term's other words are looked for in the lower-cased text unless it holds a
    # letter re.I takes to ASCII that str.lower does not (ı, ſ; İ lowers to "i" + U+0307).
    "The cluster was on fire — again’, and the deploy was careless…",
    "The cluster was on f\u0130re — again, and the deploy was carele\u017f\u017f…",
    "The cluster was on f\u0131re, the deploy WAS CARELESS — and \u212aEPT going’",
    "The cluster was on fire\u0307 and it was supposed to stop — it didn’t",
]


def _reference(lex: lexicon.Lexicon, text: str) -> list[tuple[str, tuple[int, int]]]:
    by_word, by_substring, always = lex._index
    words = lexicon._words_of(text)
    entries = {id(e): e for w in words & lex._keys for e in by_word[w]}
    for e in by_substring:
        if any(c in text.lower() for c in e.contains):
            entries[id(e)] = e
    for e in always:
        entries[id(e)] = e
    ordered = [e for e in lex.entries if id(e) in entries]  # ties at one span: the earlier entry wins
    hits = sorted(((m.start(), -(m.end() - m.start()), e.term, m.span()) for e in ordered
                   for m in e.pattern.finditer(text)), key=lambda h: (h[0], h[1]))
    out, taken = [], -1
    for start, _, term, span in hits:
        if start >= taken:
            taken = span[1]
            out.append((term, span))
    return out


def _texts() -> list[str]:
    examples = [ex.text for rule in all_rules() for ex in (*rule.flagged, *rule.passing)]
    return TEXTS + [line for text in examples for line in text.splitlines() if line.strip()]


@pytest.mark.parametrize("name", NAMES)
def test_candidates_keep_every_match(name: str) -> None:
    lex = lexicon.load(name)
    for text in _texts():
        got = [(e.term, m.span()) for e, m in lex.finditer(text)]
        assert got == _reference(lex, text), text


def test_plain_term_needs_all_its_words() -> None:
    lex = lexicon.Lexicon("t", (lexicon.Entry("was careless", "n"), lexicon.Entry("was", "n")))
    for text in ("It was fine.", "It was fine — really’", "It was f\u212aine"):  # ASCII or not
        assert [e.term for e in lex.candidates(lexicon._words_of(text), text.lower())] == ["was"]
    text = "It was fine, carele\u017f\u017f"  # the long s: re.I may match what str.lower cannot show
    assert [e.term for e in lex.candidates(lexicon._words_of(text), text.lower())] == ["was careless", "was"]


def test_one_pass_for_many_lexicons_agrees_with_each_alone() -> None:
    lexicons = tuple(lexicon.load(n) for n in NAMES)
    together = lexicon.LexiconSet(lexicons)
    for text in _texts():
        words, lower = lexicon._words_of(text), text.lower()
        assert together.candidates(words, lower) == tuple(lex.candidates(words, lower) for lex in lexicons), text


def test_candidates_come_in_lexicon_order() -> None:
    """Two entries matching the same span: the earlier entry wins, whatever the set order of words."""
    lex = lexicon.Lexicon("t", (lexicon.Entry("zeta", "first"), lexicon.Entry("alpha beta", "x"),
                                lexicon.Entry("alpha", "y"), lexicon.Entry("(?:zeta)", "second", regex=True, hints=("zeta",))))
    text = "alpha beta zeta"
    assert [e.note for e in lex.candidates(lexicon._words_of(text), text)] == ["first", "x", "y", "second"]
    assert [e.note for e, _ in lex.finditer(text)] == ["x", "first"]


@pytest.mark.parametrize("name", NAMES)
def test_first_found_agrees_with_a_search_of_every_entry(name: str) -> None:
    """`first_found` searches ASCII text lower-cased without IGNORECASE where a term allows it."""
    lex = lexicon.load(name)
    texts = [*_texts(), "DEPLOY the CERT", "Not a MIGRATION", " ".join(t.upper() for t in TEXTS)]
    for text in texts:
        for entries in (lex.entries, lex.entries[:-1]):
            expected = next((e for e in entries if e.pattern.search(text)), None)
            assert lex.first_found(text, entries) is expected, text


def test_folded_pattern_refuses_terms_that_see_case() -> None:
    assert lexicon.folded_pattern("(?-i:Not)\\s+x", True) is None
    assert lexicon.folded_pattern("\\bwhy\\S", True) is None
    assert lexicon.folded_pattern("(?i:x)y", True) is None
    assert lexicon.folded_pattern("cert|tls", True).search("a tls cert")  # type: ignore[union-attr]
