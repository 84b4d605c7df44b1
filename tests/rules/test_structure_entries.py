"""A timeline's entries as the story's place (notice.py), hindsight as reflection (reflection.py),
the fix as an act on the problem (prose.py) and preventive work already done (content.py)."""

from __future__ import annotations

import pytest

from reviewer.document import SectionKind
from reviewer.parser import parse_markdown
from reviewer.rules.structure.content import present_kinds
from reviewer.rules.structure.notice import first_signal, timeline_entries
from reviewer.rules.structure.prose import ENDED_PROBLEM


def _kinds(text: str) -> set[SectionKind]:
    return present_kinds(parse_markdown(text))


_TIMED_LIST = (
    "# Ferry bookings\n\nBookings failed for an hour.\n\n## Technical details\n\n- On June 3 at 07:00 the fare "
    "table is reloaded\n- On June 3 at 07:20 timeouts are seen on the booking page\n- After being alerted by the "
    "uptime check, we rolled the table back.\n- On June 3 at 08:05 bookings recover\n"
)


def test_a_list_whose_items_open_on_their_times_is_a_timeline_under_any_heading() -> None:
    document = parse_markdown(_TIMED_LIST)
    entries = timeline_entries(document)
    listed = [s for s in document.segments if s.list_depth >= 1]
    assert listed and all(s.index in entries for s in listed)
    assert SectionKind.DETECTION in present_kinds(document)


def test_an_untimed_list_is_no_timeline() -> None:
    document = parse_markdown("# Notes\n\n## Details\n\n- the table is reloaded\n- timeouts are seen\n- it recovers\n")
    assert not timeline_entries(document)


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        ("08:10 stale prices are first seen on the shop page", True),
        ("09:02 first ticket about missing invoices opened by a clerk", True),
        ("10:00 the warning is seen by the night shift", True),
        ("10:00 an alert that will be seen by the on-call is added", False),
        ("10:00 the cache is flushed", False),
    ],
)
def test_first_signal_on_an_entry(entry: str, expected: bool) -> None:
    assert first_signal(entry.lower()) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("We traced the requests to one address and blocked the abuse within the hour.", True),
        ("I have since closed the hole in the upload form.", True),
        ("We will address the vulnerability in the next release.", False),
        ("We plan to close the hole next week.", False),
        ("We need to close the hole before the audit.", False),
        ("We stopped the sync job for the night.", False),
    ],
)
def test_the_fix_as_an_act_on_the_problem(sentence: str, expected: bool) -> None:
    assert bool(ENDED_PROBLEM.search(sentence.lower())) is expected


_STORY = (
    "# Garden sensors\n\nOn 12 May the soil sensors stopped reporting for 40 growers because the gateway lost "
    "its uplink. A grower emailed us at 09:00. We restarted the gateway.\n\n## Timeline (UTC)\n\n- 06:10 the "
    "gateway loses its uplink\n- 09:00 a grower's email arrives\n- 09:30 the gateway is restarted\n\n"
)


def test_hindsight_under_a_heading_of_the_writers_own_is_the_lessons() -> None:
    part = ("## Second thoughts\n\nIf we had watched the uplink, the gap would have shown at once. We would have "
            "restarted it before anyone noticed. The gateway sits in a shed.\n")
    assert SectionKind.LESSONS in _kinds(_STORY + part)
    assert SectionKind.LESSONS not in _kinds(_STORY + "## The shed\n\nThe gateway sits in a shed. It is grey.\n")


def test_preventive_work_already_done_is_the_follow_up() -> None:
    done = "## Afterwards\n\nWe have since moved the gateway to a wired uplink to avoid regressions in the future.\n"
    assert SectionKind.ACTION_ITEMS in _kinds(_STORY + done)
    assert SectionKind.ACTION_ITEMS not in _kinds(_STORY + "## Afterwards\n\nThe gateway has run well since.\n")
