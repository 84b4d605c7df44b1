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
    ("The limits need to be clearly documented", "document", True),       # a manner adverb before the participle
    ("Restores should not take place during peak hours", "occur", False),  # an event, not a person's act
    ("We should err on the side of calling the vendor", "call", False),    # the act is the idiom's gerund
    ("Next time the queue backs up, we will endeavour to page the owner", "page", False),  # lead clause + filler
    ("We have promptly briefed the weekend rota", "brief", False),         # a manner adverb is not the verb
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


@pytest.mark.parametrize(("text", "verb", "subject", "modal"), [
    ("Update the deploy script to check the tag", "update", "", ""),   # an imperative, not 'X to do'
    ("Dana to tell the rota about the new form", "tell", "dana", "to"),
    ("A test to confirm the flow has been written", "a", "", ""),      # a noun phrase, no doer
    ("Pay extra attention to the region flag", "pay", "", ""),
    ("Operators need to confirm the host name", "confirm", "operators", "need to"),
    ("It is important to read the notes first", "read", "we", "should"),  # impersonal advice
    ("Need to be more careful with the config", "be", "we", "should"),   # a bare modal
    ("While the rollout is paused, the IC decides", "the", "", ""),     # the main clause follows the comma
    ("Regularly review the admin accounts", "review", "", ""),           # a lead adverb is skipped
])
def test_main_clause_reads_subject_and_modal(text: str, verb: str, subject: str, modal: str) -> None:
    clause = main_clause(text)
    assert verb in (clause.verb, *clause.forms)
    assert (clause.subject, clause.modal) == (subject, modal)


@pytest.mark.parametrize(("text", "reminder"), [
    ("Back up the keystore before rotating the keys", True),          # a practice tied to an occasion
    ("Rotate the keys before the end of the quarter", False),          # a change with a deadline
    ("Get a peer to look over the command first", True),               # the causee is a person
    ("Make the deploy tool stop when the node is behind", False),      # the causee is a mechanism
    ("Explain the retry limits in the contributor guide", True),       # a document as destination
    ("Raise the retry limit to five, linked to the runbook", False),   # a change verb; the runbook is a link
    ("Keep in mind that the mirror is also the log host", True),       # 'keep in mind' is 'remember'
    ("Take away write access from laptops", False),                    # 'take away' is 'remove'
    ("Continue to watch the upstream issue", True),                    # ongoing watching by people
    ("Test that the webhooks fire in staging before release", True),   # a checking verb: the object is inspected
])
def test_structural_reading(text: str, reminder: bool) -> None:
    assert (classify(text) is not None) is reminder


@pytest.mark.parametrize(("text", "verb"), [
    ("To this end, we will brief the rota on the new order", "brief"),         # a leading purpose is skipped
    ("In consultation with the vendor, document the failover order", "document"),  # a leading phrase is skipped
    ("Consider announcing maintenance a week ahead", "announce"),             # the act is the gerund
    ("Already rotated the old keys", "rotate"),
])
def test_main_clause_skips_leads(text: str, verb: str) -> None:
    clause = main_clause(text)
    assert verb in (clause.verb, *clause.forms)


@pytest.mark.parametrize(("text", "verb"), [
    ("@dana: check the certificate dates every month", "check"),      # a handle as a label
    ("Lessons: 1) read the release notes before upgrading", "read"),  # a label, then an enumeration
    ("2. Be careful when resizing volumes", "be"),
])
def test_main_clause_skips_labels_and_numbers(text: str, verb: str) -> None:
    assert verb in (main_clause(text).verb, *main_clause(text).forms)
