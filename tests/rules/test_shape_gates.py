"""BL001's pre-checks (clause openers, word runs) only skip work: with them or without, the same findings.

A shape with `runs=` or `may_open=` must list every word its verb can start with: build the set with
`first_words(<its verb alternation>)`, so a verb added to the list is in the gate; the tests below
fail for a shape whose pattern matches a sentence its gate turns away."""

from __future__ import annotations

import dataclasses

import pytest

from reviewer.document import SectionKind, Segment, SegmentKind, Span
from reviewer.review import review
from reviewer.rules.blame import blame_individual
from reviewer.rules.blame.compound_shapes import _act_opens, _strong_opens
from reviewer.rules.blame.person_shapes import _DESTROY, _STRONG_PERFECT, STRONG
from reviewer.rules.blame.shape import leading_words, word_runs

NOTES = [
    "Skipped the canary and pushed straight to prod.",
    "- Deployed the untested build to every region.",
    " - 1. Ignored the disk alert for two days.",
    "Lessons: overlooked the replica lag; bypassed the review queue.",
    "Notes — Misconfigured the load balancer before the cut-over.",
    "ſkipped the canary and broke checkout.",  # "ſ" matches "s" case-insensitively
    "Aran the purge against the live table.",  # the optional capital before the verb
    "Pushed-back the deadline and merged the broken branch.",
    "The migration ran at 10:30 and finished at 10:45.",
    "We were tired and ſkipped the canary.",  # a fold letter: no word-run gate
    "Our team let the signing key run out over the weekend.",
    "I've taken down the billing cluster twice.",
    "The crew dropped the production table during the cleanup.",
    "We were in a hurry and then quickly overlooked the failing probe.",
    "We were in a hurry and Dropped-the-ball on the rollout.",
    "Our team allowed the signing certificate to expire.",
    "The night crew deleted everything on the replica.",
    "I deleted everything.",
    # every negated auxiliary the negated shapes open with, straight and curly
    "Sam didn’t escalate the second alarm.", "Sam DID NOT escalate the alarm.", "Sam doesn't check the queue.",
    "Sam wasn't reading the pager.", "Sam was not watching the alerts.", "The DBA hadn’t snapshotted the volume.",
    "Staff had never tested the restore.", "We never tested the restore.", "We had not switched the replica over.",
    "- Didn't check the replica lag.", "Notes: did not page the owner.", "We rushed it and does not test it.",
    "We rushed the patch and didn’t rehearse the rollback.", "@kai rotated the keys and doesn't update the manifest.",
    # the named and role shapes' verbs
    "Mara was the one who pushed it.", "The on-call engineer skipped the canary.", "Our SRE deployed the bad config.",
    "Tomasz unknowingly deployed the untested build.", "Lena added the faulty webhook.",
    "Dana’s change took down search.", "Dana was to blame for it.", "Dana was at fault.", "Dana is the root cause.",
    "Dana was responsible for the outage.",
]


def _alternatives(alternation: str) -> list[str]:
    return [a.replace(r"\s+", " ").replace(r"\w+ed", "pushed") for a in alternation.strip("(?:)").split("|")]


# Every verb the strong shapes list, said by people and after "and": each must pass the word-run gate.
VERB_SENTENCES = [
    sentence
    for verb in _alternatives(STRONG) + _alternatives(_STRONG_PERFECT) + sorted(leading_words(_DESTROY))
    for sentence in (f"We {verb} the production database.", f"Our team had {verb} the live cluster.",
                     f"We were rushed and {verb} the canary.", f"I was tired and then {verb.upper()} the prod job.")
]


def _findings(text: str) -> list[tuple]:
    return [(f.rule, f.span, f.message) for f in review(text, "note.md").findings if f.rule == "BL001"]


def _examples() -> list[str]:
    rule = blame_individual.RULE
    return [e.text for e in (*rule.flagged, *rule.passing)]


@pytest.mark.parametrize("text", NOTES + VERB_SENTENCES + _examples())
def test_gate_changes_no_finding(text, monkeypatch):
    gated = _findings(text)
    plain = tuple(dataclasses.replace(s, may_open=None, runs=None) for s in blame_individual.SHAPES)
    monkeypatch.setattr(blame_individual, "SHAPES", plain)
    assert _findings(text) == gated


def _segment(text: str) -> Segment:
    return Segment(0, SegmentKind.SENTENCE, Span(0, len(text)), text, text, SectionKind.SUMMARY, "", 0)


def test_gate_skips_only_clauses_that_cannot_open_with_the_verb():
    assert not _act_opens(_segment("The migration ran at 10:30 and we deployed the fix."))
    assert _act_opens(_segment("Notes: deployed the fix at 10:30."))
    assert _act_opens(_segment("Aran the job."))  # "(?-i:[A-Z]?)ran"
    assert not _strong_opens(_segment("The job skipped three rows."))
    assert _strong_opens(_segment("Findings - skipped the soak test."))
    assert _strong_opens(_segment("ſkipped nothing."))  # no pre-check where folding reaches ASCII


@pytest.mark.parametrize("text", NOTES + VERB_SENTENCES + _examples())
def test_a_shape_that_matches_passes_its_word_run_gate(text):
    segment = _segment(text)
    runs = word_runs(segment)
    for shape in blame_individual.SHAPES:
        if shape.runs is not None and runs is not None and shape.pattern.search(text):
            assert not runs.isdisjoint(shape.runs), (shape.kind, text)


def test_word_runs_see_every_verb_list_sentence():
    assert sum(any(s.runs and s.pattern.search(t) for s in blame_individual.SHAPES) for t in VERB_SENTENCES) \
        >= len(VERB_SENTENCES) // 2  # the sentences above do reach the gated patterns


def test_lower_keeps_word_runs():
    """word_runs finds runs in segment.lower: sound only because str.lower maps every character but
    "İ" (which turns the gate off) to one character that is a word character exactly when it was."""
    import re
    import sys

    word = re.compile(r"\w")
    changed = [c for c in map(chr, range(sys.maxunicode + 1))
               if len(c.lower()) != 1 or bool(word.match(c)) != bool(word.match(c.lower()))]
    assert changed == ["\u0130"]
    assert word_runs(_segment("İt broke")) is None


def test_leading_words_reads_each_alternative():
    assert leading_words(r"(?:let|allowed)\s+x|(?:took\s+down|wiped)\s+y|nuked\b") == {"let", "allowed", "took", "wiped", "nuked"}
    with pytest.raises(AssertionError):
        leading_words(r"(?:let|allowed)\s+x|\w+ly\s+broke")  # an opening the gate cannot name
