"""The `pmreview` entry point: one-line errors, exit codes, and a plain `check` without typer.

Importing typer and building a command from its signature was a third of a rules-only
`pmreview check`'s start-up. A `check` command line made only of options `fast_check`
knows (paths, --format, --fail-on, --select, --jobs, ...) runs straight away; anything else
(--help, the LLM options, other commands, a value typer would refuse) goes through the typer
app in reviewer.cli.commands, so every message and error reads as typer writes it.

Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it; 2 usage, config,
input or tool error. Errors are one line on stderr; no traceback reaches the user.
"""

from __future__ import annotations

import logging
import sys
from typing import Any

from reviewer.cli import fast_check
from reviewer.errors import PmreviewError, UsageError


def _tolerant_output() -> None:
    """Whatever encoding stdout/stderr have (PYTHONIOENCODING=ascii, a latin-1 terminal), a
    character they cannot show is escaped, never a UnicodeEncodeError after the review ran."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors="backslashreplace")
            except (ValueError, OSError):  # closed or detached: nothing to print to anyway
                pass


class _OneLine(logging.Formatter):
    """Log records reach the user as one line each: the message, never a traceback."""

    def format(self, record: logging.LogRecord) -> str:
        return f"pmreview: {record.levelname.lower()}: {record.getMessage()}".splitlines()[0]


def _one_line_logging() -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_OneLine())
    handler.setLevel(logging.WARNING)
    logger = logging.getLogger("reviewer")
    logger.addHandler(handler)
    logger.propagate = False  # Python's last-resort handler would print the traceback too


def _dispatch(args: list[str]) -> None:
    request = fast_check.parse(args)
    if request is None:
        from reviewer.cli.commands import run

        run(args)
        return
    sys.exit(fast_check.run(request))


def main() -> None:
    _tolerant_output()
    _one_line_logging()
    try:
        _dispatch(sys.argv[1:])
        sys.exit(0)
    except PmreviewError as exc:
        print(f"pmreview: error: {exc}", file=sys.stderr)
        sys.exit(exc.exit_code)
    except SystemExit as exc:
        sys.exit(exc.code if isinstance(exc.code, int) else 0)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:  # usage errors from typer's click, and anything unexpected: one line, exit 2
        if hasattr(exc, "format_message"):
            print(f"pmreview: error: {exc.format_message()}", file=sys.stderr)
            sys.exit(2)
        print(f"pmreview: internal error: {exc.__class__.__name__}: {exc}", file=sys.stderr)
        sys.exit(2)


def __getattr__(name: str) -> Any:
    """`app` (the typer app) is built on first use, so the entry point stays free of typer."""
    if name == "app":
        from reviewer.cli.commands import app

        return app
    raise AttributeError(name)


__all__ = ["main", "UsageError"]  # and `app`, built on first use (__getattr__)
