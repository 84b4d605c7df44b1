"""Lessons read from a part's stance (reflection.py) and detection read as word reaching the team (notice.py)."""

from __future__ import annotations

import pytest

from reviewer.document import SectionKind
from reviewer.parser import parse_markdown
from reviewer.rules.structure.content import present_kinds
from reviewer.rules.structure.notice import word_reached_team

_STORY = (
    "# Greenhouse sensors\n\nOn 12 May the humidity sensors of three greenhouses stopped reporting.\n\n"
    "## Timeline (UTC)\n\n- 06:10 the gateway loses its uplink\n- 08:30 the gateway is restarted\n\n"
)


def _kinds(text: str) -> set[SectionKind]:
    return present_kinds(parse_markdown(text))


def test_a_part_that_judges_under_a_heading_of_the_writers_own_is_the_lessons() -> None:
    part = (
        "## Open threads\n\nThe hand-off to the night gardener was clumsy and slow to start. There was no "
        "reading of the gateway's uplink anywhere. We need to decide whether the gateway gets a second uplink.\n"
    )
    assert SectionKind.LESSONS in _kinds(_STORY + part)


@pytest.mark.parametrize(
    "part",
    [
        # the story told step by step: events, not a stance
        "## Getting it back\n\nI drove to the site. The gardener unplugged the gateway and plugged it in again.\n",
        # one judging sentence among events is not a reflective part
        "## Getting it back\n\nI drove to the site. The drive was awkward. The gardener restarted the gateway. "
        "The sensors resumed reporting. I wrote up the visit.\n",
        # a part told at its times belongs to the story, whatever it judges
        "## Saturday\n\nAt 09:10 the hand-off was clumsy. At 09:40 it was unclear who held the key.\n",
    ],
)
def test_a_part_that_tells_events_or_times_is_not_the_lessons(part: str) -> None:
    assert SectionKind.LESSONS not in _kinds(_STORY + part)


def test_the_opening_part_is_the_summary_not_the_lessons() -> None:
    text = (
        "# Greenhouse sensors\n\nIt was unclear for a morning why the sensors were quiet. There was no alarm on "
        "the gateway. The hand-off was clumsy.\n\n## Timeline (UTC)\n\n- 06:10 the uplink drops\n"
    )
    assert SectionKind.LESSONS not in _kinds(text)


@pytest.mark.parametrize(
    "sentence",
    [
        "on 3 may we received a mail from the hosting company to tell us the box was unreachable.",
        "the on-call got a call from a reseller about failed checkouts.",
        "i received an email saying the invoices were empty.",
        "the provider warned us at 02:00 that the link was flapping.",
        "a disk monitor paged the on-call at 03:12.",
        "we were notified by the bank that two transfers bounced.",
        "the team was alerted by a spike in 502s.",
        "we got word from the registrar that the domain had lapsed.",
    ],
)
def test_word_reaching_the_team_is_detection(sentence: str) -> None:
    assert word_reached_team(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "we have since added an alert that pages the on-call when the queue backs up.",
        "we added a probe to notify us when the certificate is near expiry.",
        "after the incident we set up a monitor that alerted us on the next retry.",
        "an alert would have paged us an hour earlier.",
        "we would have received an alert if the probe had covered the login path.",
        "we received the replacement disk from the vendor on tuesday.",  # a thing received, no word
        "we paged the database team at 04:00.",  # word passed on by the team
    ],
)
def test_an_alert_added_later_or_a_thing_received_is_not_detection(sentence: str) -> None:
    assert not word_reached_team(sentence)


def test_detection_in_the_opening_prose_and_not_from_a_follow_up() -> None:
    opening = "# Kiln controller\n\nOn Sunday we received a text from the night porter that kiln 2 had gone cold.\n"
    assert SectionKind.DETECTION in _kinds(opening)
    later = (
        "# Kiln controller\n\nOn Sunday kiln 2 went cold for 5 hours. We have since added alerting that pages "
        "the on-call when a kiln cools.\n"
    )
    assert SectionKind.DETECTION not in _kinds(later)


def test_a_notices_open_facts_and_advice_to_readers_are_not_lessons() -> None:
    text = (
        _STORY + "## What we know so far\n\nIt is not yet clear how many readings were lost. We do not know "
        "whether the backup gateway saw them.\n\n## What you should do\n\nCheck your greenhouse logs for 12 May. "
        "Take appropriate steps if a reading is missing: your supplier can re-send it.\n"
    )
    assert SectionKind.LESSONS not in _kinds(text)


def test_word_that_reached_the_team_under_the_fix_is_about_the_fix() -> None:
    fix = "## Resolution\n\nI received a mail from the installer saying the new gateway would arrive at noon.\n"
    assert SectionKind.DETECTION not in _kinds("# Greenhouse sensors\n\nThe sensors went quiet for a day.\n\n" + fix)
    assert SectionKind.DETECTION in _kinds(
        "# Greenhouse sensors\n\nI received a mail from the installer saying the sensors had gone quiet.\n\n" + fix
    )
