"""Property-based invariants over parse, review and fix (issue 10, "what it must show").

Documents are built from postmortem-shaped pieces (headings with section names, sentences
with blame and hindsight words, block syntax right after a deletable word, URLs, names with
inner capitals, lists, tables, fences, hard wraps) plus stray characters (\\r, tabs, NUL,
non-ASCII). For every document:
  - parsing and reviewing raise nothing;
  - every finding's range lies inside the document and matches its line/column;
  - the excerpt is the text at the finding's range;
  - LF, CRLF, CR and a UTF-8 BOM give the same findings (same rule, place and excerpt);
  - `fix` keeps the block structure, and a second `fix` changes nothing.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reviewer.config import Config
from reviewer.document import line_starts_of
from reviewer.fix import plan_until_stable
from reviewer.parser import parse_markdown
from reviewer.parser.markdown import block_signature
from reviewer.review import review

HEADINGS = ["Summary", "Impact", "Timeline", "Root cause", "Resolution", "Detection", "Action items",
            "Lessons learned", "What went well", "Notes"]
WORDS = ["the", "deploy", "failed", "Bob", "pushed", "config", "operator", "was", "careless", "human", "error",
         "obviously", "should", "have", "known", "queue", "grew", "by", "40%", "at", "14:02", "UTC", "iOS",
         "`kubectl`", "https://status.example.com", "DISASTER", "we", "missed", "it", "alert", "fired"]
OPENERS = ["Obviously,", "Naturally,", "Unsurprisingly,", "Clearly,", "Obviously", ""]
BLOCKISH = ["~~~", "```", "> 90%", "# of", "- ", "1.", "+", "|", "===", "---", "<div>", "    "]


@st.composite
def sentence(draw) -> str:
    opener = draw(st.sampled_from(OPENERS))
    lead = draw(st.sampled_from(["", *BLOCKISH])) if opener else ""
    words = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=9))
    end = draw(st.sampled_from([".", "!", "?", "!!!", ""]))
    text = " ".join(w for w in [opener, lead, *words] if w) + end
    return text


@st.composite
def paragraph(draw) -> str:
    parts = draw(st.lists(sentence(), min_size=1, max_size=4))
    joiners = draw(st.lists(st.sampled_from([" ", "\n", " ", "\n  "]), min_size=len(parts), max_size=len(parts)))
    return "".join(p + j for p, j in zip(parts, joiners, strict=True)).rstrip()


@st.composite
def block(draw) -> str:
    kind = draw(st.sampled_from(["heading", "para", "para", "list", "table", "fence", "quote", "comment", "stray"]))
    if kind == "heading":
        return "#" * draw(st.integers(1, 3)) + " " + draw(st.sampled_from(HEADINGS))
    if kind == "para":
        return draw(paragraph())
    if kind == "list":
        marker = draw(st.sampled_from(["-", "*", "1."]))
        return "\n".join(f"{marker} {s}" for s in draw(st.lists(sentence(), min_size=1, max_size=3)))
    if kind == "table":
        rows = draw(st.lists(sentence(), min_size=1, max_size=3))
        return "| Time | Event |\n|---|---|\n" + "\n".join(f"| 14:0{i} | {r} |" for i, r in enumerate(rows))
    if kind == "fence":
        return "```\n" + draw(sentence()) + "\n```"
    if kind == "quote":
        return "> " + draw(sentence())
    if kind == "comment":
        return "<!-- pmreview-disable-next-line BL001 -->\n" + draw(sentence())
    return draw(st.text(st.sampled_from(list("ab #>-*`|~\t\r\n.,é😀\x00\u2028")), max_size=30))


documents = st.lists(block(), min_size=1, max_size=8).map(lambda blocks: "\n\n".join(blocks) + "\n")
CONFIG = Config()


def _review(data: str | bytes):
    return review(data, path="prop.md", config=CONFIG)


def _place(f) -> tuple:
    return (f.rule, f.message, f.excerpt, f.start.line, f.start.column, f.end.line, f.end.column)


@given(documents)
def test_ranges_lie_inside_the_document_and_excerpts_match(text):
    parse_markdown(text)
    report = _review(text)
    if report.errors:  # e.g. a NUL makes it binary: an input error, never a crash
        assert report.document is None or not report.findings
        return
    starts = line_starts_of(text)
    for f in report.findings:
        assert 0 <= f.span.start <= f.span.end <= len(text), f
        assert f.excerpt == " ".join(text[f.span.start : f.span.end].split()), f
        line = f.start.line - 1
        assert starts[line] + f.start.column - 1 == f.span.start, f
        assert starts[f.end.line - 1] + f.end.column - 1 == f.span.end, f
        for edit in f.edits:
            assert 0 <= edit.span.start <= edit.span.end <= len(text), f


@given(documents)
def test_line_endings_and_bom_do_not_change_the_findings(text):
    if "\r" in text or "\x00" in text:
        text = text.replace("\r", "").replace("\x00", "")
    lf = sorted(map(_place, _review(text).findings))
    for variant in (text.replace("\n", "\r\n"), text.replace("\n", "\r")):
        assert sorted(map(_place, _review(variant).findings)) == lf
    assert sorted(map(_place, _review(b"\xef\xbb\xbf" + text.encode()).findings)) == lf


@given(documents)
def test_fix_keeps_block_structure_and_a_second_fix_changes_nothing(text):
    report = _review(text)
    if report.errors:
        return
    def rereview(new: str) -> list:
        return list(_review(new).findings)

    after = plan_until_stable("prop.md", text, report.findings, rereview).after  # what `fix` writes
    assert block_signature(after) == block_signature(text)
    again = plan_until_stable("prop.md", after, rereview(after), rereview).after
    assert again == after
