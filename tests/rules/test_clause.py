"""The main-clause reader AC001 decides by: the verb at the head of the item, whatever its shape."""

import pytest

from reviewer.rules.action_items.clause import main_clause
from reviewer.rules.action_items.reminder import classify


@pytest.mark.parametrize(("text", "verb", "passive"), [
    ("Brief the night shift on the new failover order", "brief", False),
    ("Going forward, we will also remind deployers to pin versions", "remind", False),
    ("The storage team should verify the replica lag each morning", "verify", False),
    ("Priya to tell the support rota about the new form", "tell", False),
    ("We're going to document the restore order", "document", False),
    ("Operators will be retrained on the purge tool", "retrain", True),
    ("Walkthroughs will be held for new rota members", "hold", True),
])
def test_main_clause_finds_the_head_verb(text: str, verb: str, passive: bool) -> None:
    clause = main_clause(text)
    assert verb in (clause.verb, *clause.forms)
    assert clause.passive is passive


@pytest.mark.parametrize(("text", "reminder"), [
    ("Come up with guidelines for resizing volumes", True),        # produce verb + text for people
    ("We've updated the restore guide with the new names", True),  # past tense of a document change
    ("The cache lags the database, so confirm reads with the primary", True),  # advice after 'so'
    ("Ensure the integration tests run on every merge", False),    # a system artifact as object
    ("Write a migration that backfills the missing column", False),  # produce verb + system change
    ("We are conducting a review of the storage design to find weak points", False),  # investigation
])
def test_verb_class_and_object_decide(text: str, reminder: bool) -> None:
    assert (classify(text) is not None) is reminder
