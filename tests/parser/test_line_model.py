"""One line model: \\n, \\r\\n and a lone \\r end a line, as markdown-it and LSP count them.

A lone carriage return used to crash the review (IndexError) or silently drop findings,
because the line table counted only \\n while markdown-it's line maps also broke at \\r.
"""

from __future__ import annotations

import pytest
from markdown_it import MarkdownIt

from reviewer import review
from reviewer.document import line_starts_of, split_lines
from reviewer.parser import TokenCache, parse_markdown
from tests.cli.conftest import run_cli

LONE_CR = "# Summary\n\nOne.\rTwo.\n\n# Impact\n\nBob pushed the bad config.\n"


def _findings(text: str) -> list[tuple[str, str]]:
    return sorted((f.rule, f.excerpt) for f in review(text, "x.md").findings)


def test_lone_cr_keeps_the_findings_of_the_lf_text():
    lf = _findings(LONE_CR.replace("\r", "\n"))
    assert {"BL001", "ST002"} <= {rule for rule, _ in lf}
    assert _findings(LONE_CR) == lf


@pytest.mark.parametrize("newline", ["\r", "\r\n", "\n"])
def test_a_whole_document_in_one_line_ending_reviews_the_same(newline):
    text = "# Summary\n\nThe deploy failed.\n\n## Impact\n\nBob pushed the bad config.\n\n```\n# not a heading\n```\n"
    assert _findings(text.replace("\n", newline)) == _findings(text)


def test_line_starts_agree_with_markdown_it_line_maps():
    text = "# A\rpara\r\n\r- item\r  more\n\n```\rcode\r```\r# B\r\rEnd."
    starts = line_starts_of(text)
    assert len(starts) == len(split_lines(text))
    tokens = MarkdownIt("commonmark").parse(text)
    heading_b = [t for t in tokens if t.type == "heading_open"][1]
    assert text[starts[heading_b.map[0]]:].startswith("# B")
    doc = parse_markdown(text)
    assert [doc.line_text(i) for i in range(len(starts))] == split_lines(text)


def test_token_cache_chunks_split_at_headings_after_a_lone_cr():
    text = "# A\r\rOne.\r```\r# inside a fence\r```\r# B\r\rBob pushed the bad config.\r"
    plain = parse_markdown(text)
    cached = parse_markdown(text, tokens=TokenCache())
    assert [s.title for s in cached.sections] == [s.title for s in plain.sections] == ["A", "B"]
    assert [s.text for s in cached.segments] == [s.text for s in plain.segments]


def test_check_and_fix_do_not_crash_on_a_lone_cr(tmp_path):
    path = tmp_path / "cr.md"
    path.write_bytes(b"# Summary\rOne.\r\r# Impact\r\rBob pushed the bad config.\r")
    checked = run_cli("check", str(path))
    assert checked.returncode == 1, checked.stderr
    assert b"BL001" in checked.stdout and b"internal error" not in checked.stderr
    for fmt in ("json", "sarif", "rdjsonl", "github"):
        out = run_cli("check", "--format", fmt, str(path))
        assert out.returncode == 1 and b"Traceback" not in out.stderr, (fmt, out.stderr)
    fixed = run_cli("fix", str(path))
    assert fixed.returncode == 0, fixed.stderr
