"""Section content told in plain prose (structure/prose.py) and the genre a document promises (structure/genre.py)."""

from __future__ import annotations

import pytest

from reviewer.document import SectionKind
from reviewer.parser import parse_markdown
from reviewer.rules.structure import genre
from reviewer.rules.structure.content import present_kinds


def _kinds(text: str) -> set[SectionKind]:
    return present_kinds(parse_markdown(text))


@pytest.mark.parametrize(("plan", "expected"), [
    ("A validation step for health-check paths will be added to the config pipeline.", True),
    ("The move to versioned configs is scheduled for April.", True),
    ("An alert on queue depth is planned for the next sprint.", True),
    ("The retry logic is going to be replaced by a retry budget.", True),
    ("The outage is due to a bug in the scheduler.", False),       # "due to" gives a cause
    ("A validation step was added to the pipeline at 10:40.", False),  # done during the incident
    ("The relay is usually restarted once a week.", False),         # a habit, not a plan
])
def test_a_plan_told_as_an_impersonal_future_event_is_a_follow_up(plan: str, expected: bool) -> None:
    assert (SectionKind.ACTION_ITEMS in _kinds(f"# Relay\n\nThe relay was down.\n\n## Notes\n\n{plan}\n")) \
        is expected


def test_a_future_in_the_story_narrates_the_incident() -> None:
    timeline = "## Timeline (UTC)\n\n- 10:02 a restart is scheduled for 10:30\n- 10:30 the relay restarts\n"
    assert SectionKind.ACTION_ITEMS not in _kinds(f"# Relay\n\nThe relay was down.\n\n{timeline}")


@pytest.mark.parametrize(("story", "expected"), [
    ("The certificate expired on Sunday night. The renewal job had been disabled during the June migration.", True),
    ("The vendor had changed the response format, and every import failed.", True),
    ("The backup had never been tested; the restore failed.", True),
    ("A push changed the health-check path. The new path did not exist on the hosts. Every host went offline.", True),
    ("By 10:30 the queue had drained and errors stopped.", False),  # a completion, not what was already so
    ("The renewal job had been disabled during the June migration.", False),  # nothing broke in this paragraph
])
def test_a_cause_told_as_a_sequence_of_events(story: str, expected: bool) -> None:
    assert (SectionKind.ROOT_CAUSE in _kinds(f"# Certificates\n\n{story}\n")) is expected


def test_a_cause_is_read_in_the_story_not_in_the_lessons() -> None:
    story = "The renewal job had been disabled in June. The certificate expired on Sunday."
    assert SectionKind.ROOT_CAUSE not in _kinds(f"# Certificates\n\nx\n\n## Lessons learned\n\n{story}\n")


_NOTE = ("# Export delays\n\nOn 12 May exports ran three hours late for 140 accounts.\n\n"
         "We restarted the workers and the backlog cleared by 17:00 UTC.\n")


def test_a_few_paragraphs_without_a_templates_parts_are_a_note() -> None:
    assert genre.short_note(parse_markdown(_NOTE))
    assert not genre.promised(parse_markdown(_NOTE), SectionKind.LESSONS)
    assert genre.promised(parse_markdown(_NOTE), SectionKind.ROOT_CAUSE)


def test_a_short_report_with_a_templates_headings_is_held_to_the_template() -> None:
    headed = "# Export delays\n\n## Impact\n\nx\n\n## Timeline\n\nx\n\n## Root cause\n\nx\n\n## Resolution\n\nx\n"
    assert not genre.short_note(parse_markdown(headed))


def test_a_long_report_is_no_note() -> None:
    long_text = _NOTE + "\n" + "The export workers read every account in turn and wrote one file each. " * 40
    assert not genre.short_note(parse_markdown(long_text))
