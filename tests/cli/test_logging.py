"""Warnings logged inside the reviewer reach the user as one line, never a traceback."""

from __future__ import annotations

import subprocess
import sys
import textwrap


def test_a_logged_exception_is_one_line_on_stderr(tmp_path):
    script = textwrap.dedent("""
        import logging, sys
        from reviewer.cli import app
        def boom():
            try:
                raise ValueError("first line\\nsecond line")
            except ValueError:
                logging.getLogger("reviewer.review").exception("review stage failed on x.md")
        app.app.command("boom")(boom)
        sys.argv = ["pmreview", "boom"]
        app.main()
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == "pmreview: error: review stage failed on x.md"
