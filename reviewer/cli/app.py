"""The `pmreview` entry point: one-line errors, exit codes, and a plain `check` without typer.

Importing typer and building a command from its signature was a third of a rules-only
`pmreview check`'s start-up. A `check` command line made only of options `fast_check`
knows (paths, --format, --fail-on, --select, --jobs, ...) runs straight away; anything else
(--help, the LLM options, other commands, a value typer would refuse) goes through the typer
app in reviewer.cli.commands, so every message and error reads as typer writes it. The plain
check also skips the interpreter's teardown at exit (`_leave`).

Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it; 2 usage, config,
input or tool error. Errors are one line on stderr; no traceback reaches the user.
"""

from __future__ import annotations

import atexit
import logging
import os
import sys
from collections.abc import Callable
from typing import Any, NoReturn

from reviewer import gc_hold
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


def _exit_code(run: Callable[[], object]) -> int:
    """What `run` ends with as an exit code; its errors reported on stderr in one line."""
    try:
        outcome = run()
        return outcome if isinstance(outcome, int) else 0
    except PmreviewError as exc:
        print(f"pmreview: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 0
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # usage errors from typer's click, and anything unexpected: one line, exit 2
        if hasattr(exc, "format_message"):
            print(f"pmreview: error: {exc.format_message()}", file=sys.stderr)
            return 2
        print(f"pmreview: internal error: {exc.__class__.__name__}: {exc}", file=sys.stderr)
        return 2


def _with_typer(args: list[str]) -> None:
    from reviewer.cli.commands import run

    run(args)


def _leave(code: int) -> NoReturn:
    """End a rules-only check without the interpreter's teardown.

    Freeing every module, rule, pattern and word list one by one at exit was ~20 ms of a
    one-file check (an eighth of its CPU), for memory the OS takes back anyway. What a normal
    exit does that matters is done first: the atexit handlers (the disk caches are saved there,
    logging flushes its handlers) and flushing stdout and stderr. Anything unusual (a thread
    still running, a flush that fails on a closed pipe) takes the normal exit, which handles it
    as before."""
    threading = sys.modules.get("threading")
    if threading is not None and threading.active_count() > 1:
        sys.exit(code)
    atexit._run_exitfuncs()  # runs and clears them: a normal exit after this does not repeat them
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except Exception:  # noqa: BLE001 - e.g. BrokenPipeError: the normal exit reports it
        sys.exit(code)
    os._exit(code)


def main() -> None:
    _tolerant_output()
    _one_line_logging()
    args = sys.argv[1:]
    request = fast_check.parse(args)
    if request is None:  # everything but a plain rules-only check: the typer app, a normal exit
        sys.exit(_exit_code(lambda: _with_typer(args)))
    # A rules-only check: no garbage collection until the first review has loaded everything
    # (reviewer.gc_hold), and no teardown at exit.
    gc_hold.hold()
    _leave(_exit_code(lambda: fast_check.run(request)))


def __getattr__(name: str) -> Any:
    """`app` (the typer app) is built on first use, so the entry point stays free of typer."""
    if name == "app":
        from reviewer.cli.commands import app

        return app
    raise AttributeError(name)


__all__ = ["main", "UsageError"]  # and `app`, built on first use (__getattr__)
