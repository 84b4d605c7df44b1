"""pmreview: a reviewer for incident postmortems.

Public API::

    from reviewer import review, Finding, Report, Severity
    report = review(markdown_text, path="postmortems/2024-05-01.md")
"""

from __future__ import annotations

from reviewer.config import Config
from reviewer.findings import FileReport, Finding, Report, Severity

__version__ = "0.1.0"


def review(text: str, path: str = "<stdin>", config: Config | None = None) -> FileReport:
    """Review one Markdown postmortem with the deterministic rules."""
    from reviewer.engine import review_text

    return review_text(text, path, config)


__all__ = ["Config", "FileReport", "Finding", "Report", "Severity", "review", "__version__"]
