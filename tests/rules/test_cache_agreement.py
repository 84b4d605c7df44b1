"""Cached and uncached reviews agree on every fixture, and document inputs are part of the key.

One cache is shared by all fixtures (as an editor shares it between edits), in both orders: a
segment rule whose hits depend on the rest of the document would serve another document's hits.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewer.config import Config
from reviewer.engine import SegmentCache, review_document
from reviewer.findings import Severity
from reviewer.parser import parse_markdown
from reviewer.rules.base import DocumentInput, Example, Rule, RuleContext, UndeclaredInput

FIXTURES = sorted((Path(__file__).resolve().parents[2] / "fixtures" / "postmortems").glob("*.md"))


def _review(text: str, cache: SegmentCache | None, config: Config | None = None):
    return review_document(parse_markdown(text, "x.md"), config or Config(), cache).findings


@pytest.mark.parametrize("order", ["forward", "backward"])
def test_cached_and_uncached_reviews_agree_on_every_fixture(order):
    assert len(FIXTURES) >= 20
    paths = FIXTURES if order == "forward" else FIXTURES[::-1]
    cache = SegmentCache()
    for path in paths:
        text = path.read_text(encoding="utf-8")
        assert _review(text, cache) == _review(text, None), path.name
    assert cache.hits > 0  # the documents share segments, so the cache was really used


def test_a_document_input_change_changes_the_cached_hits():
    # The same action item under two different root causes gets two different suggestions.
    item = "\n\n## Action items\n\n- Remind everyone to be careful (@li)\n"
    certs = "## Summary\n\nThe TLS certificate expired at 09:00 UTC." + item
    config = "## Summary\n\nA config push set the rate limit to zero." + item
    suggestions = {text: [f.suggestion for f in _review(text, None) if f.rule == "AC001"] for text in (certs, config)}
    assert suggestions[certs] != suggestions[config]  # the root cause decides the suggestion
    cache = SegmentCache()
    for text in (certs, config, certs):
        assert _review(text, cache) == _review(text, None)


def test_a_segment_rule_cannot_read_an_undeclared_input():
    secret = DocumentInput("title", lambda document, memo: document.segments[0].text)

    def detect(segment, ctx):
        ctx.read(secret)
        return ()

    rule = Rule(id="XX001", name="reads-undeclared", summary="", rationale="", guardrail="",
                severity=Severity.INFO, flagged=(Example("x"),), passing=(Example("x"),), detect=detect)
    document = parse_markdown("# Summary\n\nA sentence.\n", "x.md")
    with pytest.raises(UndeclaredInput):
        list(rule.run(document, RuleContext(document=document)))
    declared = Rule(id="XX002", name="reads-declared", summary="", rationale="", guardrail="",
                    severity=Severity.INFO, flagged=(Example("x"),), passing=(Example("x"),), detect=detect,
                    reads=(secret,))
    assert list(declared.run(document, RuleContext(document=document))) == []
    assert not hasattr(declared.segment_context(RuleContext(document=document)), "document")


def test_a_projected_input_keys_only_the_segments_it_concerns():
    # BL007 reads the capitals the document writes as code (DocumentInput.project): a name
    # written as code in one paragraph is not shouting in another, and the cache knows it.
    shout = "## Summary\n\nCompaction skipped every TOMBSTONE older than a day!\n"
    named = shout + "\nThe `TOMBSTONE` marker is written on delete.\n"
    only = Config(select=["BL007"])
    assert [f.excerpt for f in _review(shout, None, only)] == ["TOMBSTONE"]
    assert [f.excerpt for f in _review(named, None, only)] == []
    cache = SegmentCache()
    for text in (shout, named, shout, named):
        assert _review(text, cache) == _review(text, None)
    # An edit that adds no capitals keeps every other segment's entry.
    misses = cache.misses
    _review(named + "\nThe queue drained by 14:10 UTC.\n", cache)
    assert cache.misses - misses == 1


def test_the_section_title_is_part_of_the_key():
    # BL008 reads the section title (a why-question under "Five whys" is the method).
    question = "\n\nWhy did the engineer restart the primary?\n"
    only = Config(select=["BL008"])
    whys, cause = "## Five whys" + question, "## Root cause" + question
    assert not _review(whys, None, only) and _review(cause, None, only)
    cache = SegmentCache()
    for text in (whys, cause, whys):
        assert _review(text, cache, only) == _review(text, None, only)
