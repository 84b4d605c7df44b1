"""The shapes that tell a section's kind whatever its heading says (reviewer/rules/structure/shapes.py)."""

from __future__ import annotations

import pytest

from reviewer.document import SectionKind
from reviewer.parser import parse_markdown
from reviewer.rules.structure import shapes
from reviewer.rules.structure.content import present_kinds


@pytest.mark.parametrize(("prose", "expected"), [
    ("Add a row-count check to the export job.", True),
    ("1. Page the data on-call when an export is empty.", True),
    ("[ ] Rotate the relay credentials", True),
    ("Review of the on-call rota is overdue.", False),   # a noun: the word after it says so
    ("Updated the export job.", False),                  # an event, not an imperative
    ("Alerts fired at 10:02.", False),
    ("We add a check.", False),
    ("Restore the old skew allowance.", True),           # a bare word before a determiner: a verb
    ("Then the cache filled up.", False),                # a connective before a determiner is not
])
def test_imperative_is_a_bare_verb_first(prose: str, expected: bool) -> None:
    assert shapes.imperative(prose) is expected


def _kinds(text: str) -> set[SectionKind]:
    return present_kinds(parse_markdown(text))


def test_an_imperative_list_under_any_heading_but_the_story_is_the_follow_up_list() -> None:
    listed = "- Add a disk alert to the relay.\n- Enable log rotation on every relay.\n"
    assert SectionKind.ACTION_ITEMS in _kinds(f"# Relay\n\nx\n\n## Where this leaves us\n\n{listed}")
    assert SectionKind.ACTION_ITEMS not in _kinds(f"# Relay\n\nx\n\n## Timeline\n\n{listed}")


def test_a_change_in_the_present_perfect_is_a_follow_up_only_outside_the_fix() -> None:
    done = "We have since added a disk alert to every relay.\n"
    assert SectionKind.ACTION_ITEMS in _kinds(f"# Relay\n\nx\n\n## Since then\n\n{done}")
    assert SectionKind.ACTION_ITEMS not in _kinds(f"# Relay\n\nx\n\n## Resolution\n\n{done}")


def test_reflection_counts_as_lessons_outside_the_analysis_sections() -> None:
    thought = "Looking back, we leaned on one relay for everything.\n"
    assert SectionKind.LESSONS in _kinds(f"# Relay\n\nx\n\n## Afterwards\n\n{thought}")
    assert SectionKind.LESSONS not in _kinds(f"# Relay\n\nx\n\n## Detection\n\n{thought}")
    # a realisation during the incident is an event, not a lesson
    assert SectionKind.LESSONS not in _kinds("# Relay\n\nOnce we realized the disk was full we freed space.\n")


def test_maxims_under_an_unnamed_heading_are_lessons_but_a_description_is_not() -> None:
    assert SectionKind.LESSONS in _kinds("# Relay\n\nx\n\n## Thoughts\n\nA full disk is worse than a slow one.\n")
    assert SectionKind.LESSONS not in _kinds("# Relay\n\nx\n\n## Setup\n\nThe relay is a single host in one zone.\n")


def test_a_how_heading_about_the_past_introduces_the_cause() -> None:
    assert SectionKind.ROOT_CAUSE in _kinds("# Relay\n\nx\n\n## How we got here\n\nThe relay ran for a year.\n")
    assert SectionKind.ROOT_CAUSE not in _kinds("# Relay\n\nx\n\n## Notes\n\nThe relay ran for a year.\n")


def test_an_owner_table_is_a_follow_up_list() -> None:
    table = "| Work | Owner |\n|---|---|\n| Add a disk alert | Priya |\n"
    assert SectionKind.ACTION_ITEMS in _kinds(f"# Relay\n\nx\n\n## Agreed\n\n{table}")
    empty = "| Work | Owner |\n|---|---|\n| Add a disk alert | - |\n"
    # an owner column left empty names nobody, and one imperative row is no list
    assert SectionKind.ACTION_ITEMS not in _kinds(f"# Relay\n\nx\n\n## Agreed\n\n{empty}")


def test_a_bold_label_starts_a_part_of_its_own() -> None:
    text = ("# Relay\n\nx\n\n## Timeline\n\n- 10:00 the disk fills\n- 10:30 space is freed\n\n**Next**\n\n"
            "- Restore the log rotation on every relay.\n- Alert on disk use above 80%.\n")
    assert SectionKind.ACTION_ITEMS in _kinds(text)
    assert SectionKind.ACTION_ITEMS not in _kinds(text.replace("**Next**\n\n", ""))  # the timeline's own list


def test_the_new_behaviour_told_as_a_fact_is_a_follow_up() -> None:
    assert SectionKind.ACTION_ITEMS in _kinds("# Relay\n\nx\n\n## Since then\n\nThe disk alert now pages the on-call.\n")
    # ... but a service that is now back is the recovery
    assert SectionKind.ACTION_ITEMS not in _kinds("# Relay\n\nx\n\n## Since then\n\nThe relay now works again.\n")


def test_a_status_update_reporting_the_fix_is_no_follow_up() -> None:
    update = "# Login errors\n\nResolved\n\nThe cause was found and a patch has been deployed to every region.\n"
    assert SectionKind.ACTION_ITEMS not in _kinds(update)


def test_a_short_line_of_its_own_is_a_label_but_a_sentence_is_not() -> None:
    document = parse_markdown("# Relay\n\nx\n\n## Resolution\n\nWe freed space.\n\nSome thoughts\n\nA full disk is worse "
                              "than a slow one.\n\nThe relay is fine now.\n")
    where = shapes.places(document)
    titles = [(segment.prose, where[segment.index][1], where[segment.index][2]) for segment in document.segments]
    assert ("We freed space.", "Resolution", False) in titles
    assert ("Some thoughts", "Some thoughts", True) in titles
    assert ("A full disk is worse than a slow one.", "Some thoughts", False) in titles
    assert SectionKind.LESSONS in present_kinds(document)
