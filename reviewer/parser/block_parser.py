"""The markdown-it parser every parse uses, built on first use.

Not at import: the parser's modules are imported under regex_cache.every_compile
(reviewer/parser/__init__.py), and markdown-it builds its inline terminator pattern from a set,
so the pattern's text differs in every process. Compiled there, it would add an entry to the
start-up cache, and rewrite the file, on every run.
"""

from __future__ import annotations

from functools import cache

from markdown_it import MarkdownIt
from mdit_py_plugins.front_matter import front_matter_plugin

from reviewer.parser.quiet import quiet_block_rules


@cache
def block_parser() -> MarkdownIt:
    # maxNesting bounds recursion on pathological input (1,000 nested quotes or lists).
    md = MarkdownIt("commonmark", {"maxNesting": 32}).enable("table").use(front_matter_plugin)
    # Segments are read from the source by line maps; inline tokens are never used, so the
    # inline pass (40% of parse time) is switched off. Heading titles come from the block token.
    md.core.ruler.disable(["inline", "text_join"])
    quiet_block_rules()
    return md
