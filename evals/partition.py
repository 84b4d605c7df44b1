"""The fixed development / held-back partition of a labelled corpus, by organisation.

A row (or a document's labels) names where its text comes from in `source`: a URL, or
`github:owner/repo/path`, optionally followed by " (section)". The organisation is the GitHub
owner, or the registrable part of the web host ("example.co.uk", "example.com"). An
organisation is held back when sha256("<SALT>:<organisation>") mod 10 < 4, i.e. about 40% of
organisations, with every row of one organisation on the same side: nothing written by a
held-back organisation can leak into tuning through a sibling sentence.

The salt was picked once (2026-12-06) from label counts only, so that each family keeps 25-40
held-back blame sentences and 25-40 held-back reminder-like action items; it is never changed
to suit results. evals/README.md writes the rule and the held-back documents down.
"""

from __future__ import annotations

import hashlib
from urllib.parse import urlsplit

SALT = "80"
PARTS = ("all", "dev", "held")


def organisation(source: str) -> str:
    s = source.split(" ")[0]
    if s.startswith("github:"):
        return s[len("github:"):].split("/")[0].lower()
    parts = urlsplit(s)
    host = (parts.hostname or s).lower()
    if host == "github.com":
        return parts.path.split("/")[1].lower()
    labels = host.removeprefix("www.").split(".")
    # a two-letter country code under a short second level ("example.co.uk") keeps three labels
    if len(labels) >= 3 and len(labels[-1]) == 2 and len(labels[-2]) <= 3:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def held_back(source: str) -> bool:
    digest = hashlib.sha256(f"{SALT}:{organisation(source)}".encode()).hexdigest()
    return int(digest, 16) % 10 < 4


def part_of(source: str | None) -> str:
    """'held' or 'dev'. Text with no `source` names no organisation: it is development data."""
    return "held" if source and held_back(source) else "dev"


def family_of(source: str | None) -> str | None:
    """The family of a document that does not declare one: files in a GitHub repository are
    `github`, anything else with a URL is `web`, no source is no family."""
    if not source:
        return None
    s = source.split(" ")[0]
    if s.startswith("github:") or urlsplit(s).hostname in ("github.com", "www.github.com"):
        return "github"
    return "web"
