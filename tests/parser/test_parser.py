"""Parser edge cases: every segment's span must slice the source to its text exactly."""

from __future__ import annotations

import pytest

from reviewer.document import SectionKind, SegmentKind
from reviewer.parser import parse_markdown
from reviewer.parser.headings import section_kind
from reviewer.parser.sentences import split_sentences


def texts(source: str) -> list[str]:
    doc = parse_markdown(source)
    for seg in doc.segments:
        assert source[seg.span.start : seg.span.end] == seg.text
    return [s.text for s in doc.segments]


def test_sentences_split_on_terminators_not_abbreviations_or_versions():
    src = "We rolled back v2.3.1 at 14:02 UTC, e.g. on eu-1. Errors fell to 0.1%. Done!"
    assert texts(src) == ["We rolled back v2.3.1 at 14:02 UTC, e.g. on eu-1.", "Errors fell to 0.1%.", "Done!"]


def test_code_fences_indented_code_front_matter_and_quotes_are_not_segments():
    src = (
        "---\ntitle: Bob broke it\n---\n\n# Summary\n\nThe deploy failed.\n\n```\nBob should have checked.\n```\n\n"
        "    Dave forgot the flag.\n\n> Sam carelessly pushed it.\n\n<!-- Alice is lazy -->\n\nErrors rose.\n"
    )
    assert texts(src) == ["The deploy failed.", "Errors rose."]


def test_toml_front_matter_is_skipped():
    src = "+++\ntitle = \"Bob broke it\"\n+++\n\n# Summary\n\nThe deploy failed.\n"
    assert texts(src) == ["The deploy failed."]


def test_inline_code_urls_and_quoted_speech_are_masked_in_prose():
    src = 'Run `rm -rf /` via https://x.example/a.b. The customer said "this is a disaster".\n'
    doc = parse_markdown(src)
    assert [s.text for s in doc.segments] == ["Run `rm -rf /` via https://x.example/a.b.",
                                            'The customer said "this is a disaster".']
    assert "rm" not in doc.segments[0].prose and "example" not in doc.segments[0].prose
    assert "disaster" not in doc.segments[1].prose
    assert len(doc.segments[1].prose) == len(doc.segments[1].text)


def test_tables_give_rows_with_header_named_cells():
    src = ("## Action items\n\n| Action | Owner | Due |\n|---|---|---|\n| Add a schema check | @dana | 2024-06-30 |\n"
           "| Remind everyone | we | |\n")
    doc = parse_markdown(src)
    rows = [s for s in doc.segments if s.kind is SegmentKind.TABLE_ROW]
    assert [r.section for r in rows] == [SectionKind.ACTION_ITEMS] * 2
    assert [(c.header, c.text) for c in rows[0].cells] == [("action", "Add a schema check"), ("owner", "@dana"),
                                                          ("due", "2024-06-30")]
    assert rows[1].cells[2].text == ""
    for row in rows:
        for cell in row.cells:
            assert src[cell.span.start : cell.span.end] == cell.text


def test_nested_lists_keep_depth_and_items_stay_whole_in_action_items():
    src = "## Follow-ups\n\n- Add alert. Link the runbook.\n  - nested detail\n- Second item\n"
    doc = parse_markdown(src)
    assert [(s.text, s.kind, s.list_depth) for s in doc.segments] == [
        ("Add alert. Link the runbook.", SegmentKind.LIST_ITEM, 1),
        ("nested detail", SegmentKind.LIST_ITEM, 2),
        ("Second item", SegmentKind.LIST_ITEM, 1),
    ]


def test_crlf_and_non_ascii_spans_are_exact():
    src = "# Résumé\r\n\r\nZoë paged Łukasz at 14:02 UTC.\r\nThe café API returned 503.\r\n"
    assert texts(src) == ["Zoë paged Łukasz at 14:02 UTC.", "The café API returned 503."]
    doc = parse_markdown(src)
    assert doc.position(doc.segments[1].span.start) == (3, 0)


def test_timeline_lines_are_separate_blocks():
    src = "## Timeline\n\n14:00 UTC deploy starts\n14:05 UTC errors rise\n  still rising\n"
    doc = parse_markdown(src)
    blocks = {s.block for s in doc.segments}
    assert len(blocks) == 2


@pytest.mark.parametrize(("title", "kind"), [
    ("Summary", SectionKind.SUMMARY), ("2. Customer Impact", SectionKind.IMPACT),
    ("Timeline (all times UTC)", SectionKind.TIMELINE), ("Contributing factors", SectionKind.ROOT_CAUSE),
    ("Why it happened", SectionKind.ROOT_CAUSE), ("Follow-ups", SectionKind.ACTION_ITEMS),
    ("What went well", SectionKind.WENT_WELL), ("Lessons learned", SectionKind.LESSONS),
    ("How we found out", SectionKind.DETECTION), ("Mitigation", SectionKind.RESOLUTION),
    ("Appendix: graphs", SectionKind.OTHER),
])
def test_heading_synonyms(title, kind):
    assert section_kind(title) is kind


def test_subsections_inherit_their_parent_kind():
    doc = parse_markdown("## Action items\n\n### Database team\n\n- Add a check (@db)\n")
    assert doc.segments[0].section is SectionKind.ACTION_ITEMS


@pytest.mark.parametrize("src", [
    "> " * 5000 + "deep",
    "- " * 3000 + "deep",
    "[" * 20000,
    "*" * 50000,
    "|" * 10000 + "\n|---|\n",
])
def test_pathological_nesting_parses_without_error(src):
    doc = parse_markdown(src)
    for seg in doc.segments:
        assert src[seg.span.start : seg.span.end] == seg.text


def test_sentence_split_ignores_periods_inside_masked_text():
    text = "See `a. B` now. Next."
    masked = "See        now. Next."
    assert split_sentences(text, masked) == [(0, 15), (16, 21)]


def test_every_fixture_segment_round_trips():
    from pathlib import Path

    for path in sorted(Path(__file__).resolve().parents[2].glob("fixtures/postmortems/*.md")):
        source = path.read_text(encoding="utf-8")
        doc = parse_markdown(source, str(path))
        assert doc.segments, path
        for seg in doc.segments:
            assert source[seg.span.start : seg.span.end] == seg.text


TRICKY = (
    "# Title\n\nIntro.\n\n## Timeline\n\n```bash\n# not a heading\necho hi\n```\n\n- 14:00 UTC start\n"
    "<!--\n# still a comment\n-->\n## Action items\n\n| Action | Owner |\n|---|---|\n| Add check | @a |\n"
    "~~~~\n## inside tilde fence\n~~~~\n\n> # quoted heading\n\n#hashtag is not a heading\n# Last\n\nEnd.\n"
)


@pytest.mark.parametrize("source", [TRICKY, TRICKY.replace("\n", "\r\n")])
def test_chunked_tokens_give_the_same_document(source):
    from reviewer.parser import TokenCache

    cache = TokenCache()
    assert parse_markdown(source, "x.md", cache) == parse_markdown(source, "x.md")
    edited = source.replace("Intro.", "Intro, edited.")
    assert parse_markdown(edited, "x.md", cache) == parse_markdown(edited, "x.md")


def test_chunked_tokens_match_on_every_fixture():
    from pathlib import Path

    from reviewer.parser import TokenCache

    cache = TokenCache()
    for path in sorted(Path(__file__).resolve().parents[2].glob("fixtures/postmortems/*.md")):
        source = path.read_bytes().decode("utf-8")
        assert parse_markdown(source, str(path), cache) == parse_markdown(source, str(path)), path


@pytest.mark.parametrize("title,kind", [
    ("Corrective and Preventative Measures", SectionKind.ACTION_ITEMS), ("Remediation", SectionKind.ACTION_ITEMS),
    ("What we're doing differently", SectionKind.ACTION_ITEMS), ("Review actions", SectionKind.ACTION_ITEMS),
    ("Actions planned:", SectionKind.ACTION_ITEMS), ("What was impacted", SectionKind.IMPACT),
    ("Why did this happen?", SectionKind.ROOT_CAUSE), ("Conclusion", SectionKind.LESSONS),
])
def test_real_world_heading_synonyms(title, kind):
    assert section_kind(title) is kind


def test_bold_line_is_a_pseudo_heading_and_not_a_segment():
    doc = parse_markdown("## Lessons\n\nThe queue filled up.\n\n**Review actions**\n\n- Cap the queue length\n")
    item = doc.segments[-1]
    assert item.text == "Cap the queue length" and item.section is SectionKind.ACTION_ITEMS
    assert all("Review actions" not in s.text for s in doc.segments)


def test_bold_timeline_entry_stays_an_entry():
    doc = parse_markdown("## Timeline\n\n**14:02 UTC the deploy starts**\n\n14:05 UTC errors rise\n")
    assert [s.section for s in doc.segments] == [SectionKind.TIMELINE] * 2


def test_setext_heading_has_a_kind():
    doc = parse_markdown("Action items\n------------\n\n- Add a disk alert\n")
    assert doc.segments[0].section is SectionKind.ACTION_ITEMS


def test_task_list_item_is_an_action_item_anywhere():
    doc = parse_markdown("## Notes\n\nThe node ran out of disk.\n\n- [ ] Add a disk usage alert\n- [x] Clear old logs\n")
    assert [s.section for s in doc.segments[-2:]] == [SectionKind.ACTION_ITEMS] * 2
    assert doc.segments[0].section is SectionKind.OTHER


@pytest.mark.parametrize("title,kind", [
    ("How did we find out?", SectionKind.DETECTION), ("How was it resolved?", SectionKind.RESOLUTION),
    ("What did we learn?", SectionKind.LESSONS), ("What are we doing about it?", SectionKind.ACTION_ITEMS),
    ("Who was affected?", SectionKind.IMPACT), ("Why did this happen?", SectionKind.ROOT_CAUSE),
])
def test_question_headings(title, kind):
    assert section_kind(title) is kind
