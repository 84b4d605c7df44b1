"""reviewer.llm.verify: the fact lock, negation polarity, residual blame and grounded quotes."""

from __future__ import annotations

import json
import time
from collections import Counter
from pathlib import Path

import pytest

from reviewer.llm.verify import Check, fact_atoms, negation_count, quote_grounded, surface_facts, verify_rewrite

SOURCE = (
    "At 14:02 UTC the on-call engineer carelessly pushed payments-api v2.3.1 to db-01.eu-west-1, "
    "so 1,240 requests failed over 40 minutes (INC-1234, PR #8812)."
)
GOOD = (
    "At 14:02 UTC payments-api v2.3.1 reached db-01.eu-west-1 through a push with no canary stage, "
    "and 1240 requests failed over 40 min (INC-1234, PR #8812)."
)


def problems_of(check: Check) -> str:
    return "\n".join(check.problems)


# -- fact atoms -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "atom"),
    [
        ("at 14:02 it paged", "14:02"),
        ("at 14:02:30 it paged", "14:02:30"),
        ("at 2pm it paged", "14:00"),
        ("at 9:15 a.m. it paged", "09:15"),
        ("on 2024-05-01 it paged", "2024-05-01"),
        ("at 2024-05-01T14:02:30Z", "2024-05-01T14:02:30Z"),
        ("on May 1 it paged", "May 1"),
        ("on 1 May 2024 it paged", "May 1 2024"),
        ("14:02 UTC", "UTC"),
        ("after 40 minutes", "40 min"),
        ("after 3 s", "3 s"),
        ("p99 of 500ms", "500 ms"),
        ("a 24-hour window", "24 h"),
        ("38% of requests", "38 %"),
        ("1.2 GB of heap", "1.2 GB"),
        ("1,240 errors", "1240"),
        ("3 of 40 hosts", "40"),
        ("rolled back v2.3.1", "2.3.1"),
        ("upgraded to 4.12.1", "4.12.1"),
        ("tracked in INC-1234", "INC-1234"),
        ("tracked in OPS-12", "OPS-12"),
        ("reverted in PR #8812", "#8812"),
        ("see https://status.acme.example/i/42.", "https://status.acme.example/i/42"),
        ("the payments-api pods", "payments-api"),
        ("host db-01.eu-west-1 failed", "db-01.eu-west-1"),
        ("edited config.yaml", "config.yaml"),
        ("set `max_conns = 20` in prod", "`max_conns = 20`"),
        ("from [[IP_1]] via [[EMAIL_2]]", "[[IP_1]]"),
        ("10.0.0.5 answered", "10.0.0.5"),
        ("5xx from the gateway", "5xx"),
        ("the max_connections limit", "max_connections"),
    ],
)
def test_fact_atoms_extracts_each_kind(text: str, atom: str) -> None:
    assert atom in fact_atoms(text)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("1,240", "1240"),
        ("14:02:00", "14:02"),
        ("09:05", "9:05"),
        ("2pm", "2 p.m."),
        ("2pm", "14:00"),
        ("40 minutes", "40 min"),
        ("40 minutes", "40-minute"),
        ("3 seconds", "3 s"),
        ("500ms", "500 ms"),
        ("v2.3.1", "2.3.1"),
        ("PR #8812", "#8812"),
        ("May 1st", "May 1"),
        ("DB-01.EU-WEST-1", "db-01.eu-west-1"),
        ("1.50 GB", "1.5 GB"),
    ],
)
def test_trivially_equal_spellings_normalise_to_the_same_atom(a: str, b: str) -> None:
    assert fact_atoms(a) == fact_atoms(b) != Counter()


@pytest.mark.parametrize(("a", "b"), [("14:02", "14:20"), ("14:02:30", "14:02"), ("1.2 GB", "1.2 Gb"), ("3", "three")])
def test_different_facts_stay_different(a: str, b: str) -> None:
    assert fact_atoms(a) != fact_atoms(b)


def test_prose_words_are_not_atoms() -> None:
    text = "The on-call follow-up was a self-service read/write check, e.g. a well-known step."
    assert fact_atoms(text) == Counter()


def test_atoms_are_a_multiset() -> None:
    assert fact_atoms("3 pods, then 3 more pods")["3"] == 2


def test_glossary_names_count_as_atoms() -> None:
    assert fact_atoms("checkout paged the blue-green pool", glossary=["checkout", "blue-green"]) == Counter(
        {"checkout": 1, "blue-green": 1}
    )


def test_surface_facts_keep_the_original_spelling() -> None:
    assert surface_facts("At 2pm, after 40 minutes and 1,240 errors (v2.3.1), 40 minutes again") == [
        "2pm", "40 minutes", "1,240", "v2.3.1",
    ]  # fmt: skip


# -- verify_rewrite -------------------------------------------------------------------------------


def test_rewrite_that_keeps_every_fact_passes() -> None:
    check = verify_rewrite(SOURCE, GOOD)
    assert check.ok, check.problems
    assert check.problems == ()
    assert bool(check)


def test_dropped_timestamp_fails() -> None:
    check = verify_rewrite(SOURCE, GOOD.replace("At 14:02 UTC ", ""))
    assert not check.ok
    assert "dropped fact: '14:02'" in check.problems
    assert "dropped fact: 'UTC'" in check.problems


def test_changed_number_fails_both_ways() -> None:
    check = verify_rewrite(SOURCE, GOOD.replace("1240", "1,420"))
    assert "dropped fact: '1240'" in check.problems
    assert "invented fact: '1420' (not in the source)" in check.problems


def test_changed_duration_fails() -> None:
    check = verify_rewrite(SOURCE, GOOD.replace("40 min", "45 min"))
    assert "dropped fact: '40 min'" in check.problems
    assert "invented fact: '45 min' (not in the source)" in check.problems


def test_invented_version_fails() -> None:
    check = verify_rewrite(SOURCE, GOOD.replace(" (INC", ", fixed in v2.3.2 (INC"))
    assert check.problems == ("invented fact: '2.3.2' (not in the source)",)


def test_invented_ticket_fails() -> None:
    check = verify_rewrite(SOURCE, GOOD.replace("INC-1234,", "INC-1234, INC-9999,"))
    assert check.problems == ("invented fact: 'INC-9999' (not in the source)",)


def test_dropped_one_of_two_equal_numbers_fails() -> None:
    check = verify_rewrite("3 pods restarted, then 3 more.", "3 pods restarted, then more.")
    assert check.problems == ("dropped fact: '3'",)


def test_dropped_or_altered_placeholder_fails() -> None:
    source = "[[EMAIL_1]] paged [[IP_1]] at 14:02."
    assert verify_rewrite(source, "A page went to [[EMAIL_1]] for [[IP_1]] at 14:02.").ok
    check = verify_rewrite(source, "A page went to [[EMAIL_1]] for [[IP_2]] at 14:02.")
    assert "dropped fact: '[[IP_1]]'" in check.problems
    assert "invented fact: '[[IP_2]]' (not in the source)" in check.problems


def test_number_written_as_word_is_a_mismatch() -> None:
    check = verify_rewrite("Three hosts failed.", "3 hosts failed.")
    assert check.problems == ("invented fact: '3' (not in the source)",)


def test_flipped_negation_dropped_fails() -> None:
    check = verify_rewrite("The alert did not page the on-call engineer.", "The alert paged the on-call engineer.")
    assert not check.ok
    assert "negation flipped: the rewrite drops a negation (source 1, rewrite 0)" in check.problems


def test_flipped_negation_added_fails() -> None:
    check = verify_rewrite("Bob restarted the canary.", "The canary was never restarted.")
    assert "negation flipped: the rewrite adds a negation (source 0, rewrite 1)" in check.problems


def test_dropped_absence_marker_fails() -> None:
    check = verify_rewrite("No alert fired for the queue.", "An alert fired for the queue.")
    assert check.problems == ("negation flipped: the rewrite drops a 'no'/'without' (source 1, rewrite 0)",)


def test_failed_to_becomes_did_not_passes() -> None:
    assert verify_rewrite("Bob failed to restart the worker.", "The worker was not restarted.").ok
    assert verify_rewrite("Sam forgot to enable the flag.", "The flag wasn't enabled.").ok


def test_naming_a_missing_guardrail_passes_unless_strict() -> None:
    source = "Root cause: human error."
    rewrite = "Root cause: a manual step with no validation."
    assert verify_rewrite(source, rewrite).ok
    strict = verify_rewrite(source, rewrite, strict_negation=True)
    assert strict.problems == ("negation flipped: the rewrite adds a negation (source 0, rewrite 1)",)


def test_negation_count() -> None:
    assert negation_count("He didn't check, did not look, no one saw, never, without, failed to restart") == 6
    assert negation_count("It doesn\u2019t matter; nothing changed; there was no alert") == 3
    assert negation_count("The note was noted; knots; nonce") == 0


def test_residual_blame_fails_with_the_hits() -> None:
    def blame_hits(text: str) -> list[str]:
        return [f"BL004 '{w}'" for w in ("careless", "should have") if w in text]

    assert verify_rewrite(SOURCE, GOOD, blame_hits).ok
    check = verify_rewrite(SOURCE, GOOD.replace("through a push", "through a careless push"), blame_hits)
    assert check.problems == ("residual blame: BL004 'careless'",)


@pytest.mark.parametrize("rewrite", ["", "   ", "\n\t"])
def test_empty_rewrite_fails(rewrite: str) -> None:
    assert verify_rewrite(SOURCE, rewrite) == Check(False, ("rewrite is empty",))


def test_too_long_rewrite_fails() -> None:
    source = "The cache was cold."
    check = verify_rewrite(source, "The cache was cold. " * 3)
    assert len(check.problems) == 1 and check.problems[0].startswith("rewrite is too long")
    assert verify_rewrite(source, "The cache was cold, so reads went to the database.").ok


def test_problems_name_every_failure_at_once() -> None:
    check = verify_rewrite(SOURCE, "Nothing happened.", lambda t: ["BL001 'x'"])
    text = problems_of(check)
    for needle in ("'14:02'", "'2.3.1'", "'INC-1234'", "'#8812'", "negation", "residual blame"):
        assert needle in text


# -- quote_grounded -------------------------------------------------------------------------------


SEGMENT = "At 14:02 the on-call  engineer\nignored the \u201cdisk full\u201d alert and Bob\u2019s page."


def test_exact_quote_is_grounded() -> None:
    assert quote_grounded("ignored the", SEGMENT)


@pytest.mark.parametrize(
    "quote",
    [
        "on-call engineer ignored",  # whitespace runs and the newline collapse
        '"disk full" alert',  # straight vs curly double quotes
        "Bob's page",  # straight vs curly apostrophe
        "  ignored the  ",  # surrounding whitespace
        "\u2018disk full\u2019".replace("\u2018", "\u201c").replace("\u2019", "\u201d"),
    ],
)
def test_quote_grounded_tolerates_whitespace_and_quote_style(quote: str) -> None:
    assert quote_grounded(quote, SEGMENT)


@pytest.mark.parametrize(
    "quote",
    [
        "ignored the disk full alert",  # quotes dropped
        "Ignored the",  # case differs
        "the engineer ignored",  # words dropped
        "ignored the alert",  # paraphrase
        "",
        "   ",
    ],
)
def test_ungrounded_quote_fails(quote: str) -> None:
    assert not quote_grounded(quote, SEGMENT)


# -- whole-corpus sanity ----------------------------------------------------------------------------

ROOT = Path(__file__).resolve().parents[2]


def corpus_sentences() -> list[str]:
    out = []
    for name in ("dev.jsonl", "test.jsonl"):
        path = ROOT / "fixtures" / "sentences" / name
        out += [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return out


def test_every_fixture_sentence_verifies_against_itself() -> None:
    sentences = corpus_sentences()
    assert len(sentences) > 100
    failures = [(s, verify_rewrite(s, s).problems) for s in sentences if not verify_rewrite(s, s).ok]
    assert failures == []


def test_dropping_a_must_keep_fact_with_digits_is_caught() -> None:
    checked = 0
    for name in ("dev.jsonl", "test.jsonl"):
        for line in (ROOT / "fixtures" / "sentences" / name).read_text(encoding="utf-8").splitlines():
            item = json.loads(line)
            for keep in item["must_keep"]:
                if any(c.isdigit() for c in keep) and keep in item["text"]:
                    check = verify_rewrite(item["text"], item["text"].replace(keep, "that"))
                    assert not check.ok, (item["id"], keep)
                    checked += 1
    assert checked > 50


def test_whitespace_runs_do_not_change_atoms() -> None:
    text = "At  14:02 UTC\n`kubectl  rollout   undo` ran on db-01  after 40   minutes"
    assert fact_atoms(text) == fact_atoms(" ".join(text.split()))


@pytest.mark.parametrize("text", ["a-" * 50000 + "!", "`a " * 20000, ":" * 50000, "1." * 50000, "ab:" * 30000,
                                  "https://" + "a" * 100000])
def test_pathological_input_is_linear_enough(text: str) -> None:
    start = time.perf_counter()
    fact_atoms(text)
    verify_rewrite(text, text)
    assert time.perf_counter() - start < 5
