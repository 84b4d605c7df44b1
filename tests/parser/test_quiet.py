"""markdown-it's per-rule debug logging is silenced; its other logging is untouched."""

from __future__ import annotations

import logging
import sys

import pytest

import reviewer.parser  # noqa: F401  (installs the quiet loggers)
from reviewer.parser import parse_markdown
from reviewer.parser.quiet import _NoDebug


def test_block_rule_modules_have_no_debug_logging() -> None:
    modules = [m for n, m in sys.modules.items() if n.startswith("markdown_it.rules_block.") and hasattr(m, "LOGGER")]
    assert modules and all(isinstance(m.LOGGER, _NoDebug) for m in modules)
    assert isinstance(sys.modules["markdown_it.parser_block"].LOGGER, _NoDebug)


def test_other_levels_still_reach_the_real_logger(caplog: pytest.LogCaptureFixture) -> None:
    quiet = sys.modules["markdown_it.rules_block.paragraph"].LOGGER
    with caplog.at_level(logging.DEBUG, logger="markdown_it"):
        quiet.debug("entering paragraph")
        quiet.warning("something odd")
    assert [r.getMessage() for r in caplog.records] == ["something odd"]
    assert quiet.name == "markdown_it.rules_block.paragraph"


def test_parsing_is_unchanged_by_it() -> None:
    doc = parse_markdown("# Summary\n\nThe cache expired. We restarted it.\n\n- Add an alert\n")
    assert [s.text for s in doc.segments] == ["The cache expired.", "We restarted it.", "Add an alert"]
