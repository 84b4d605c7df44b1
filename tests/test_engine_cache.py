"""The segment cache returns exactly what a fresh review returns, and skips unchanged segments."""

from __future__ import annotations

from pathlib import Path

from reviewer.config import Config
from reviewer.engine import SegmentCache, review_document
from reviewer.parser import parse_markdown

DRAFT = (Path(__file__).resolve().parent.parent / "fixtures" / "postmortems" / "pm-001-cartwheel-skip-canary.md")


def _report(text: str, cache: SegmentCache | None):
    return review_document(parse_markdown(text, "x.md"), Config(), cache)


def test_cached_review_equals_fresh_review_after_an_edit():
    text = DRAFT.read_text(encoding="utf-8")
    cache = SegmentCache()
    first = _report(text, cache)
    assert first.findings == _report(text, None).findings
    misses = cache.misses
    edited = text.replace("## Summary", "## Summary\n\nRoot cause: human error. Obviously, Bob broke it.", 1)
    again = _report(edited, cache)
    assert again.findings == _report(edited, None).findings
    # Only the inserted paragraph's segments ran the rules again (one cache entry per segment).
    segments = len(parse_markdown(edited, "x.md").segments)
    assert cache.misses - misses <= 3 and cache.hits >= segments - 3


def test_config_words_are_part_of_the_key():
    cache = SegmentCache()
    text = "# Summary\n\nThe bozo config broke checkout.\n"
    plain = review_document(parse_markdown(text, "x.md"), Config(select=["BL005"]), cache)
    custom = review_document(parse_markdown(text, "x.md"),
                             Config.model_validate({"select": ["BL005"], "words": {"extra-blame-words": ["bozo"]}}),
                             cache)
    assert not plain.findings and [f.rule for f in custom.findings] == ["BL005"]


def test_cache_is_bounded():
    cache = SegmentCache(max_entries=10)
    _report(DRAFT.read_text(encoding="utf-8"), cache)
    assert len(cache._data) == 10
