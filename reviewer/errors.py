"""One exception tree for everything pmreview reports to a user.

Each class carries the exit code the CLI uses; only `reviewer.cli` turns them into exits.
Messages are one line and name the file (and key) at fault.
"""

from __future__ import annotations


class PmreviewError(Exception):
    """Base class: a problem the user can fix, reported as one line."""

    exit_code = 2


class UsageError(PmreviewError):
    """Bad command-line usage (unknown rule id in --select, bad option value)."""


class ConfigError(PmreviewError):
    """An invalid config file or key."""


class InputError(PmreviewError):
    """A file that cannot be read as a Markdown postmortem."""


class LLMNotConfigured(PmreviewError):
    """--llm was asked for but no model or key is configured."""


class LLMUnavailable(PmreviewError):
    """--llm-required and the LLM review could not complete."""
