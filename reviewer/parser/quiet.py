"""Silence markdown-it's per-rule debug logging, which costs a seventh of block parsing.

Each block rule starts with `LOGGER.debug("entering <rule>: ...")`, so a document of a few
kilobytes makes several hundred logging calls that no handler ever sees (each is two Python
calls before logging finds DEBUG disabled). The rule modules get a logger whose `debug` does
nothing; every other method is the real logger's. Left alone when DEBUG is on for markdown-it.
"""

from __future__ import annotations

import logging
import sys
from typing import Any


class _NoDebug:
    def __init__(self, logger: logging.Logger) -> None:
        self._logger = logger

    def debug(self, *args: Any, **kwargs: Any) -> None:
        return None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._logger, name)


def quiet_block_rules() -> None:
    if logging.getLogger("markdown_it").isEnabledFor(logging.DEBUG):
        return
    for name, module in list(sys.modules.items()):
        if name == "markdown_it.parser_block" or name.startswith("markdown_it.rules_block."):
            logger = getattr(module, "LOGGER", None)
            if isinstance(logger, logging.Logger):
                module.LOGGER = _NoDebug(logger)  # type: ignore[attr-defined]
