"""Pure parts: which lines are commentable, whole-line suggestions, fences, markers."""

from __future__ import annotations

from reviewer.config import Config
from reviewer.document import Span
from reviewer.findings import Edit, Finding, Position, Severity
from reviewer.github.comments import (
    anchor_for,
    comment_body,
    fence_for,
    finding_marker,
    parse_marker,
    suggestion_block,
    truncate,
)
from reviewer.github.hunks import PatchIndex
from reviewer.review import review

PATCH = """@@ -1,3 +1,4 @@
 # Title
-old line
+new line
+another new line
 context
@@ -20,2 +21,3 @@ ## Section
 ctx a
+added b
 ctx c
\\ No newline at end of file"""


def test_patch_index_sides_and_hunks():
    index = PatchIndex.parse(PATCH)
    assert [sorted(h.right) for h in index.hunks] == [[1, 2, 3, 4], [21, 22, 23]]
    assert sorted(index.added_lines) == [2, 3, 22]
    assert [sorted(h.left) for h in index.hunks] == [[1, 2, 3], [20, 21]]


def test_can_comment_requires_one_hunk():
    index = PatchIndex.parse(PATCH)
    assert index.can_comment(2, 3)
    assert index.can_comment(1, 4)
    assert not index.can_comment(4, 21)  # spans two hunks
    assert not index.can_comment(5, 5)  # between hunks
    assert not index.can_comment(24, 24)
    assert index.touches_added(3, 9) and not index.touches_added(4, 4)
    assert index.touches_hunk(4, 4) and not index.touches_hunk(10, 12)


def test_missing_patch_is_not_commentable():
    for patch in (None, ""):
        index = PatchIndex.parse(patch)
        assert index.hunks == () and not index.can_comment(1, 1)


def test_new_file_hunk():
    index = PatchIndex.parse("@@ -0,0 +1,2 @@\n+a\n+b")
    assert sorted(index.added_lines) == [1, 2] and index.can_comment(1, 2)


def _finding(text: str, start: int, end: int, edits=(), suggestion=None) -> Finding:
    return Finding(rule="BL007", name="animated-language", severity=Severity.INFO, message="Shouting: calm down",
                   span=Span(start, end), start=Position(1, 1), end=Position(1, 1), excerpt=text[start:end],
                   suggestion=suggestion, edits=tuple(edits))


def test_anchor_widens_span_edit_to_whole_line():
    text = "line one\nIt was a DISASTER today.\nline three\n"
    s = text.index("DISASTER")
    anchor = anchor_for(text, _finding(text, s, s + 8, [Edit(Span(s, s + 8), "disaster")]))
    assert (anchor.start_line, anchor.end_line) == (2, 2)
    assert anchor.replacement == "It was a disaster today."


def test_anchor_multi_line_block_and_crlf():
    text = "a\r\nKevin pushed the\r\nchange here.\r\nz\r\n"
    s = text.index("Kevin")
    e = text.index("here.") + 5
    anchor = anchor_for(text, _finding(text, s, e, [Edit(Span(s, s + 5), "An engineer")]))
    assert (anchor.start_line, anchor.end_line) == (2, 3)
    assert anchor.replacement == "An engineer pushed the\nchange here."


def test_anchor_without_edits_has_no_replacement_and_noop_edit_is_dropped():
    text = "x\nhello world\n"
    s = text.index("hello")
    assert anchor_for(text, _finding(text, s, s + 5)).replacement is None
    same = anchor_for(text, _finding(text, s, s + 5, [Edit(Span(s, s + 5), "hello")]))
    assert same.replacement is None and (same.start_line, same.end_line) == (2, 2)


def test_anchor_overlapping_edits_give_no_suggestion():
    text = "abcdef\n"
    f = _finding(text, 0, 4, [Edit(Span(0, 3), "x"), Edit(Span(2, 4), "y")])
    assert anchor_for(text, f).replacement is None


def test_fence_grows_past_backticks_in_text():
    assert fence_for("plain") == "```"
    assert fence_for("```\ncode\n```") == "````"
    assert fence_for("  `````python") == "``````"
    assert fence_for("inline `code` only") == "```"
    assert suggestion_block("a ```b```") == "```suggestion\na ```b```\n```"
    assert suggestion_block("```\nx\n```") == "````suggestion\n```\nx\n```\n````"
    assert suggestion_block("") == "```suggestion\n```"


def test_comment_body_suggestion_advice_and_marker():
    text = "It was a DISASTER.\n"
    s = text.index("DISASTER")
    f = _finding(text, s, s + 8, [Edit(Span(s, s + 8), "disaster")])
    body = comment_body(f, anchor_for(text, f).replacement)
    assert body == ("**BL007 animated-language** (info): Shouting: calm down\n\n```suggestion\nIt was a disaster.\n```\n"
                    + finding_marker(f.fingerprint, "BL007"))
    assert parse_marker(body) == (f.fingerprint, "BL007")
    advice = comment_body(_finding(text, s, s + 8, suggestion="Ask <!-- x --> @team"), None)
    assert "```suggestion" not in advice
    assert "Suggestion: Ask &lt;!-- x --> @\u200bteam" in advice
    assert parse_marker(advice) == (f.fingerprint, "BL007")


def test_marker_parse_takes_the_last_marker_and_rejects_junk():
    assert parse_marker(None) is None
    assert parse_marker("<!-- pmreview:v1 fp=zz rule=BL001 -->") is None
    body = "quoted <!-- pmreview:v1 fp=aaaaaaaaaaaaaaaa rule=BL001 -->\n<!-- pmreview:v1 fp=bbbbbbbbbbbbbbbb rule=BL002 -->"
    assert parse_marker(body) == ("bbbbbbbbbbbbbbbb", "BL002")


def test_truncate_keeps_marker_line():
    body = "x" * 70_000 + "\n<!-- pmreview:v1 summary -->"
    out = truncate(body)
    assert len(out) <= 65_000 and out.endswith("<!-- pmreview:v1 summary -->") and "truncated" in out


def test_real_fixture_suggestions_apply_to_whole_lines():
    """Every suggestion built from the real fixtures equals applying the edits to the file."""
    from tests.github.conftest import ROOT

    checked = 0
    for fixture in sorted((ROOT / "fixtures" / "postmortems").glob("*.md"))[:24]:
        text = fixture.read_text(encoding="utf-8")
        lines = text.split("\n")
        for f in review(text, str(fixture), config=Config()).findings:
            anchor = anchor_for(text, f)
            if anchor.replacement is None:
                continue
            applied = "\n".join([*lines[: anchor.start_line - 1], anchor.replacement, *lines[anchor.end_line:]])
            expected = text
            for edit in sorted(f.edits, key=lambda e: e.span.start, reverse=True):
                expected = expected[: edit.span.start] + edit.text + expected[edit.span.end:]
            assert applied == expected, (fixture.name, f.rule, f.start)
            checked += 1
    assert checked >= 5


def test_patch_lines_break_at_newline_only_like_git():
    # A lone \r (or U+2028) inside a line is part of that line for git and for GitHub's line numbers.
    index = PatchIndex.parse("@@ -1,1 +1,2 @@\n one\rtwo\u2028three\n+four\n")
    assert index.hunks[0].right == frozenset({1, 2})
    assert index.added_lines == frozenset({2})
