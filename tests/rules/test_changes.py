"""What an action item changes (reviewer/rules/action_items/changes.py), on sentences we wrote."""

from __future__ import annotations

import pytest

from reviewer.rules.action_items.changes import (
    asks_a_question,
    by_the_system,
    empty_practice,
    knowledge_goal,
    message_item,
    placed_in_document,
    weighs_choices,
)
from reviewer.rules.action_items.reminder import classify


@pytest.mark.parametrize("text", [
    "Go through the storage notes so that everyone knows how quotas behave.",
    "Read the protocol notes to understand actual election rules.",
])
def test_a_persons_act_for_knowledge_is_training(text: str) -> None:
    assert knowledge_goal(text) is not None


@pytest.mark.parametrize("text", [
    "Deploy the tracing agent to learn the traffic shape.",  # the system is changed
    "We need to better understand the pricing terms.",  # the knowing is the act itself
    "Upgrade the client library to understand the new header format.",
    "Add a graph of queue depth.",  # no knowledge goal at all
])
def test_no_knowledge_goal_of_people(text: str) -> None:
    assert knowledge_goal(text) is None


def test_automatic_acts_belong_to_the_system() -> None:
    assert by_the_system("Capture the timestamps automatically in each bundle")
    assert not by_the_system("Capture the timestamps in each bundle")
    assert classify("Capture the timestamps automatically in each bundle") is None
    assert classify("Record the shard map in the wiki") is not None


@pytest.mark.parametrize("text", ["Got feedback?", "Can we shard the queue?", "Questions?",
                                  "Should we page on lag?"])
def test_questions_commit_to_nothing(text: str) -> None:
    assert asks_a_question(text)
    assert classify(text) is None


@pytest.mark.parametrize("text", ["Add a lag alert.", "What changed: the retry budget is now 3.",
                                  "Review the deploy notes before each release"])
def test_statements_are_not_questions(text: str) -> None:
    assert not asks_a_question(text)


def test_a_light_practice_noun_takes_its_content_from_the_artefact() -> None:
    assert empty_practice(("soft", "increase … efforts"), "Increase our efforts to add disk checks")
    assert not empty_practice(("soft", "increase … efforts"), "Increase our efforts to keep latency low")
    assert not empty_practice(("soft", "improve … planning"), "Improve planning of the disk checks")
    assert empty_practice(("soft", "Improve efforts"), "Improve our efforts to cut cold starts by caching images")
    assert not empty_practice(("soft", "Improve efforts"), "Improve our efforts to be on time by training staff")


@pytest.mark.parametrize(("text", "flagged"), [
    ("Improve planning around database migrations.", True),
    ("Strengthen the team's incident coordination practices.", True),
    ("Better failover planning for the region move.", True),
    ("Strengthen input validation in the billing API.", False),
    ("Improve error handling in the upload path.", False),
    ("Refine the alert thresholds for the queue.", False),
    ("Add safeguards so that we can restore faster.", False),
    ("Improve escalation to the database team.", True),  # a person's act named as a noun
    ("Improve the verification of nightly backups.", False),  # ... about an artefact
    ("Add checksum verification to the upload job.", False),  # 'add' builds; not a direction verb
    ("Improve our testing before releases.", False),  # testing may be the mechanism: left alone
])
def test_direction_verbs_change_a_practice_or_the_system(text: str, flagged: bool) -> None:
    assert (classify(text) is not None) is flagged


@pytest.mark.parametrize(("text", "told"), [
    ("Communicate the new quota limits to all customers.", True),
    ("Share the dashboard link with the support team.", True),
    ("Discuss the alert thresholds at the weekly ops meeting.", True),
    ("Share the load test script with the platform repo.", False),  # a repository receives no message
    ("Add the quota limits to the gateway config.", False),  # not a message verb
    ("Make people aware of the rate limits.", True),  # people made aware
    ("Make the deploy tool aware of the region.", False),  # a mechanism made aware
])
def test_a_message_to_people_changes_no_system(text: str, told: bool) -> None:
    assert (message_item(text) is not None) is told


@pytest.mark.parametrize(("text", "into_text"), [
    ("Add a section on the canary to the deploy guide.", True),
    ("Include the rollback command in the release notes.", True),
    ("Add the runbook link to the expiry alert.", False),  # the alert changes
    ("Add a disk alert to the on-call runbook.", False),  # the alert is built
    ("Add the new region to the failover config.", False),
    ("Add a strict mapping to the orders-v2 index template so bad types are rejected.", False),  # a named object
])
def test_what_is_placed_in_a_document_changes_the_document(text: str, into_text: bool) -> None:
    assert (placed_in_document(text) is not None) is into_text


@pytest.mark.parametrize(("text", "weighs"), [
    ("We'll test and evaluate these options while we keep watching the old setup.", True),
    ("Test the alternatives on a staging node.", True),
    ("We should try and identify similar failures before each upgrade.", False),  # 'try and' is 'try to'
    ("We've listed several approaches in the tracker.", False),  # a report of a text
    ("Test the restore on a staging node.", False),
])
def test_weighing_choices_is_investigation(text: str, weighs: bool) -> None:
    assert weighs_choices(text) is weighs
