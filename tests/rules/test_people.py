"""Who an action item names as people: one source (lexicons/roles.yaml) for every reader."""

from __future__ import annotations

import pytest

from reviewer.rules.action_items.clause import main_clause
from reviewer.rules.action_items.people import heads_people, is_people_word, opens_with_people
from reviewer.rules.agents import roles


def test_every_role_word_counts_as_people():
    # a word added to roles.yaml reaches the action-item readers without a second list
    for word in roles():
        assert is_people_word(word), word


@pytest.mark.parametrize("phrase", ["we", "the team", "the on-call engineers", "all backend team leads", "the crew"])
def test_people_phrases(phrase):
    assert heads_people(phrase)


@pytest.mark.parametrize("phrase", ["the database", "our storage cluster", "the nightly export job", "users"])
def test_not_people_phrases(phrase):
    assert not heads_people(phrase)


def test_served_groups_only_when_asked():
    # users receive alerts and grants, but are no role the blame rules would single out
    assert opens_with_people("users on the free plan", served=True)
    assert not opens_with_people("users on the free plan")


@pytest.mark.parametrize(("item", "subject"), [
    ("The crew to confirm the target cluster before every purge", "the crew"),
    ("Moderators to double-check the reported posts", "moderators"),
    ("Onboarded two more folks to the rota", ""),  # a verb opens it: no doer phrase
])
def test_doer_before_to(item, subject):
    assert main_clause(item).subject == subject
