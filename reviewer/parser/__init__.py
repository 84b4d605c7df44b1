"""Markdown source -> Document. See `markdown.parse_markdown`."""

from reviewer.parser.markdown import parse_markdown

__all__ = ["parse_markdown"]
