"""A small labelled --data directory, written by us in the shape of a team's own corpus.

Two families (`github`, `web`), three organisations in each (one of them held back by the
organisation split), ambiguous rows, extra fields, and one whole document with labels in a
subfolder. Every sentence here is our own.
"""

from __future__ import annotations

import json
from pathlib import Path

# organisation -> part, pinned in test_data_dir.py::test_partition_is_the_written_down_rule
GITHUB = {"acme-ops": "dev", "globex": "dev", "umbrella": "held"}
WEB = {"example.com": "dev", "wonka.com": "dev", "example.org": "held", "stark.net": "held"}

SENTENCES = [
    # (text, label, category, org, ambiguous)
    ("Dana forgot to renew the certificate before it expired.", "blame", "accident-framing", "acme-ops", False),
    ("Root cause: human error during the failover.", "blame", "human-error", "globex", False),
    ("The on-call engineer should have checked the dashboard first.", "blame", "counterfactual", "umbrella", False),
    ("The load balancer returned 502 errors for twelve minutes.", "neutral", None, "acme-ops", False),
    ("We rolled back the release at 14:20 UTC.", "neutral", None, "umbrella", False),
    ("The team was slow to notice the second alert.", "blame", "counterfactual", "globex", True),
    ("Priya carelessly pushed the untested config to production.", "blame", "moral", "example.com", False),
    ("The graph clearly shows a spike at 09:10 UTC.", "neutral", None, "example.org", False),
    ("Any engineer would have known the flag was dangerous.", "blame", "hindsight", "stark.net", False),
    ("Traffic moved to the standby region within four minutes.", "neutral", None, "wonka.com", False),
    ("It is unclear whether the operator saw the warning.", "neutral", None, "example.com", True),
]

ACTION_ITEMS = [
    # (text, label, org, ambiguous)
    ("Remind engineers to check the canary before promoting a release", "reminder", "acme-ops", False),
    ("Add a pre-merge check that rejects configs without a TTL", "guardrail", "umbrella", False),
    ("Run a training session on the deploy tool for new joiners", "training", "globex", False),
    ("Tell the support team about the new maintenance window", "reminder", "globex", True),
    ("Alert when certificate expiry is less than 14 days away", "detection", "example.com", False),
    ("Be more careful when editing the load balancer rules", "reminder", "example.org", False),
    ("Restrict production database writes to the migration account", "constraint", "stark.net", False),
]

DOC = """# Checkout outage on 2026-03-02

## Summary

Checkout returned errors for 40 minutes after a configuration change.

## Impact

About 1,200 orders failed between 10:05 and 10:45 UTC.

## Timeline

- 10:05 UTC: the new payment timeout reached all hosts.
- 10:12 UTC: the error-rate alert paged the on-call engineer.
- 10:45 UTC: the previous configuration was restored.

## Root cause

Marco pushed the config without review. The timeout value was ten times too small.
The rollout tool does not compare timeouts with the previous release, which nobody noticed.

## Action items

- Add a schema check for timeout values in the rollout tool (@payments-team)
- Remind everyone to ask for a review before pushing config
- Double-check the timeout dashboard after each deploy
"""

DOC_LABELS = {
    "schema_version": 1, "id": "pm-a", "split": "dev", "kind": "config-push", "style": "google-sre",
    "tone": "subtle", "source": "https://github.com/acme-ops/postmortems/blob/main/2026-03-02.md",
    "structure": {"missing_sections": ["resolution", "detection", "lessons"], "impact_quantified": True,
                  "timeline_timestamps": True, "timeline_in_order": True},
    "blame": [
        {"quote": "Marco pushed the config without review", "category": "person-as-cause", "must_keep": []},
        {"quote": "which nobody noticed", "category": "counterfactual", "ambiguous": True},
    ],
    "hard_negatives": [{"quote": "the error-rate alert paged the on-call engineer"}],
    "action_items": [
        {"quote": "Add a schema check for timeout values in the rollout tool", "label": "guardrail", "owner": True},
        {"quote": "Remind everyone to ask for a review before pushing config", "label": "reminder", "owner": False},
        {"quote": "Double-check the timeout dashboard after each deploy", "label": "vigilance", "owner": False,
         "ambiguous": True},
    ],
    "notes": "an extra field the harness ignores",
}


def source_for(org: str, n: int) -> str:
    if "." in org:
        return f"https://www.{org}/incidents/{n} (Summary)"
    return f"github:{org}/postmortems/pm-{n}.md (Root cause)"


def family_for(org: str) -> str:
    return "web" if "." in org else "github"


def write_data_dir(root: Path, with_doc: bool = True) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    with (root / "sentences.jsonl").open("w", encoding="utf-8") as out:
        for n, (text, label, category, org, ambiguous) in enumerate(SENTENCES):
            out.write(json.dumps({"id": f"s-{n}", "text": text, "label": label, "category": category,
                                  "hard_negative": False, "ambiguous": ambiguous, "family": family_for(org),
                                  "source": source_for(org, n), "why": "extra field, ignored"}) + "\n")
    with (root / "action_items-extra.jsonl").open("w", encoding="utf-8") as out:
        for n, (text, label, org, ambiguous) in enumerate(ACTION_ITEMS):
            out.write(json.dumps({"id": f"a-{n}", "text": text, "label": label, "owner": None,
                                  "ambiguous": ambiguous, "family": family_for(org),
                                  "source": source_for(org, 100 + n), "verified": True}) + "\n")
    if with_doc:
        import yaml

        docs = root / "docs" / "team"
        docs.mkdir(parents=True, exist_ok=True)
        (docs / "pm-a.md").write_text(DOC, encoding="utf-8")
        (docs / "pm-a.labels.yaml").write_text(yaml.safe_dump(DOC_LABELS, sort_keys=False), encoding="utf-8")
        (root / "docs" / "README.md").write_text("# Not a labelled document\n", encoding="utf-8")
    return root
