"""Markdown source -> Document. See `markdown.parse_markdown`."""

from reviewer import gc_hold, regex_cache

# markdown-it-py, mdurl, the front-matter plugin and our parser modules compile ~90 regexes
# as they load (~14 ms of a one-file check): from the start-up cache, like the rules' patterns.
with regex_cache.every_compile(), gc_hold.while_importing():
    from reviewer.parser.markdown import TokenCache, parse_markdown

__all__ = ["TokenCache", "parse_markdown"]
