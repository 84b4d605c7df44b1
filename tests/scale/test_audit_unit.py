"""The audit's per-document facts and corpus summary, from real reviews of small drafts."""

from __future__ import annotations

from datetime import date

from reviewer import review
from reviewer.audit.collect import document_date, facts, phrase_of
from reviewer.audit.summary import summarise
from reviewer.config import Config
from reviewer.parser import parse_markdown
from reviewer.rules.structure.sections import REQUIRED_SECTIONS

REQUIRED = Config().option(REQUIRED_SECTIONS)  # the sections ST001 requires by default

BLAMEY = """---
date: 2024-03-05
---
# Summary

The outage was caused by human error.

# Action items

- Be more careful when editing the load balancer config (owner: Sam)
- Add a CI check that rejects configs without a health check (owner: Ana)
"""

CLEAN = """# Summary

Between 10:02 and 10:40 UTC, 12% of checkout requests failed after a pool-size change.

# Impact

12% of checkout requests failed for 38 minutes; about 4,100 customers saw an error.

# Timeline

- 10:02 UTC: the pool-size change reached all regions.
- 10:40 UTC: the change was rolled back and errors stopped.

# Detection

The checkout error-rate alert paged the on-call engineer at 10:06 UTC.

# Root cause

The new pool size exceeded the database's connection limit, and no check compared the two.

# Resolution

The on-call engineer rolled the change back at 10:40 UTC.

# Lessons learned

Limits that live in two systems need one check that compares them.

# Action items

- Add a CI check that rejects pool sizes above the connection limit (owner: Ana; ticket OPS-12)
"""


def _facts(text: str, path: str):
    return facts(review(text, path=path), parse_markdown(text, path))


def test_dates_come_from_front_matter_then_the_file_name():
    assert document_date("x.md", BLAMEY) == date(2024, 3, 5)
    assert document_date("pm/2023-11-02-dns.md", "# T") == date(2023, 11, 2)
    assert document_date("pm/20230102_dns.md", "# T") == date(2023, 1, 2)
    assert document_date("pm/dns.md", "# T") is None
    assert document_date("pm/dns.md", "# DNS outage on 4 October 2024\n") == date(2024, 10, 4)
    assert document_date("pm/dns.md", "# Oct 4, 2024: DNS outage\n") == date(2024, 10, 4)
    assert document_date("pm/dns.md", "# DNS outage on 31 Foo 2024\n") is None
    assert document_date("pm/2023-13-40.md", "# T") is None  # not a date


def test_facts_count_groups_reminders_and_missing_sections():
    f = _facts(BLAMEY, "a.md")
    assert f.by_group["BL"] >= 1
    assert f.action_items == 2
    assert f.reminder_items == 1
    assert "resolution" in f.missing_sections
    assert "timeline" in f.missing_sections  # a short note still owes its times (ST001 forgives it only the lessons)
    assert "human error" in f.blame_phrases


def test_summary_shares_and_trend():
    docs = [_facts(BLAMEY, "2024-03-05-a.md"), _facts(CLEAN, "2024-04-01-b.md")]
    s = summarise(docs, REQUIRED)
    assert s["documents"] == 2 and s["action_items"] == 3
    assert s["reminder_share"] == round(1 / 3, 4)
    assert s["structure"]["complete_documents"] == 1
    assert s["structure"]["missing_by_section"]["resolution"] == 1  # BLAMEY has none
    assert [m["month"] for m in s["trend_by_month"]] == ["2024-03", "2024-04"]
    assert s["trend_by_month"][1]["blame_per_1000_words"] == 0
    assert s["top_flagged_phrasings"][0]["phrase"] == "human error"


def test_phrases_are_normalised():
    assert phrase_of("  Human   Error.") == "human error"
    assert len(phrase_of("x" * 200)) == 60
