"""Markdown source -> Document. See `markdown.parse_markdown`."""

from reviewer.parser.markdown import TokenCache, parse_markdown

__all__ = ["TokenCache", "parse_markdown"]
