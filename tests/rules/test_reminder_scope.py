"""AC001 asks the items of a document's follow-up part; outside it a list item or a sentence is read as prose."""

from __future__ import annotations

from reviewer.parser.markdown import parse_markdown
from reviewer.review import review
from reviewer.rules.action_items.followups import lead_ins, outside_follow_ups

WITH_PART = """# Cache outage

## Lessons learned

- Review cache settings more carefully before each release
- We will be more careful when flushing the cache by hand

| Lesson | Note |
|---|---|
| Be more careful with flush scripts | from the review |

## Action items

- Add a guard to the flush script that refuses a production host (@ops)
- Remind the on-call rota to read the flush runbook (@ops)
"""

# The same lists with the follow-up part reporting finished work only: no open follow-up part.
DONE_PART = WITH_PART.replace("## Action items", "## Actions taken").replace(
    "- Add a guard", "- [x] Add a guard").replace("- Remind", "- [x] Remind")
NO_PART = WITH_PART.split("## Action items")[0]


def _ac001_lines(text: str) -> list[int]:
    report = review(text, "doc.md")
    return sorted(f.start.line for f in report.findings if f.rule == "AC001")


def test_with_a_follow_up_part_only_its_items_and_plain_commitments_are_asked():
    # line 6: "We will be more careful" is a commitment, asked wherever it sits; line 5 (a list
    # item under Lessons) is not; line 15 is in the follow-up part.
    assert _ac001_lines(WITH_PART) == [6, 15]


def test_without_a_follow_up_part_every_list_is_asked_as_before():
    assert _ac001_lines(NO_PART) == [5, 6]
    assert outside_follow_ups(parse_markdown(NO_PART)) == frozenset()


def test_a_part_of_finished_work_only_is_no_follow_up_part():
    assert outside_follow_ups(parse_markdown(DONE_PART)) == frozenset()


def test_the_outside_items_are_the_lessons_list_and_table():
    document = parse_markdown(WITH_PART)
    outside = {s.text.strip("-| ").split(" ")[0] for s in document.segments if s.index in outside_follow_ups(document)}
    assert outside == {"Review", "We", "Be"}


def test_a_sentence_outside_the_part_is_read_as_prose_unless_it_labels_itself_an_action():
    text = WITH_PART.replace("## Action items", "We should try to flush less often.\n\n"
                             "Action point: remind the rota to read the flush notes.\n\n## Action items")
    document = parse_markdown(text)
    outside = {s.text.split(" ")[0] for s in document.segments if s.kind.value == "sentence"
               and s.index in outside_follow_ups(document)}
    assert outside == {"We"}
    # the 'we should' lesson (a soft cue) is not asked; the labelled action point is
    assert _ac001_lines(text) == [6, 14, 19]


LEAD_IN = """# Queue stall

## What we are doing

We're taking several steps to make sure the queue never stalls like this again:

- Add a queue-depth alert (@ops)

We will make sure to rehearse the drain procedure every quarter:

- the export queue
- the billing queue
"""


def test_a_lead_in_over_actions_is_judged_through_them_a_lead_in_over_topics_is_the_commitment():
    document = parse_markdown(LEAD_IN)
    assert [document.segments[i].text[:10] for i in sorted(lead_ins(document))] == ["We're taki"]
    assert _ac001_lines(LEAD_IN) == [9]
