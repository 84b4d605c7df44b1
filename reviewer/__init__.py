"""pmreview: a reviewer for incident postmortems.

Public API::

    from reviewer import review, Finding, Report, Severity
    report = review(markdown_text, path="postmortems/2024-05-01.md")
"""

from __future__ import annotations

__version__ = "0.1.0"

from reviewer.config import Config  # noqa: E402
from reviewer.findings import FileReport, Finding, Report, Severity  # noqa: E402

# Bound after the submodule of the same name is imported, so `reviewer.review` is the function.
from reviewer.review import review  # noqa: E402

__all__ = ["Config", "FileReport", "Finding", "Report", "Severity", "review", "__version__"]
