"""BL001's clause-opener pre-check only skips work: with it or without it, the same findings."""

from __future__ import annotations

import dataclasses

import pytest

from reviewer.document import SectionKind, Segment, SegmentKind, Span
from reviewer.review import review
from reviewer.rules.blame import blame_individual
from reviewer.rules.blame.compound_shapes import _act_opens, _strong_opens

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
]


def _findings(text: str) -> list[tuple]:
    return [(f.rule, f.span, f.message) for f in review(text, "note.md").findings if f.rule == "BL001"]


@pytest.mark.parametrize("text", NOTES)
def test_gate_changes_no_finding(text, monkeypatch):
    gated = _findings(text)
    plain = tuple(dataclasses.replace(s, may_open=None) for s in blame_individual.SHAPES)
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
