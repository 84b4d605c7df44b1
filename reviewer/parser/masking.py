"""Blank out the parts of a line of prose that rules must never match or rewrite.

Inline code, URLs, link destinations, inline HTML, quoted speech and image alt text become spaces of the
same length, so every offset into the masked text is still an offset into the source.
"""

from __future__ import annotations

import re

_PATTERNS = (
    re.compile(r"(`+)(?:(?!\1).)+?\1", re.S),  # inline code, any backtick run length
    re.compile(r"<!--.*?-->", re.S),  # HTML comments
    re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>"),  # inline HTML tags
    re.compile(r"<[a-z][a-z0-9+.-]*:[^\s<>]*>", re.I),  # autolinks
    re.compile(r"\]\([^()\s]*(?:\([^()\s]*\))?[^()\s]*(?:\s+\"[^\"]*\")?\)"),  # ](destination)
    re.compile(r"\b(?:https?|ftp)://[^\s<>)\]]*[^\s<>)\].,;:!?'\"]", re.I),  # bare URLs
    re.compile(r"\bwww\.[^\s<>)\]]*[^\s<>)\].,;:!?'\"]", re.I),
    re.compile(r"\"[^\"\r\n]{1,400}\""),  # "quoted speech"
    re.compile(r"“[^”\r\n]{1,400}”"),
    re.compile(r"(?<![\w'’])'(?=\S)[^'\r\n]{1,400}(?<=\S)'(?![\w'’])"),  # 'single-quoted speech'
    re.compile(r"!\[[^\]\r\n]{0,400}\]"),  # an image's alt text: a caption or a credit, not the writer's prose
)


def mask_prose(text: str) -> str:
    return _mask(text, _PATTERNS)


# A pattern can only match when its opening character is present; most lines have none.
_OPENERS = ("`", "<!--", "<", "<", "](", "://", "www.", '"', "“", "'", "![")


def _mask(text: str, patterns: tuple[re.Pattern[str], ...]) -> str:
    chars = None
    for opener, pattern in zip(_OPENERS, patterns, strict=False):
        if opener not in text:
            continue
        if chars is None:
            chars = list(text)
        for match in pattern.finditer(text):
            for i in range(match.start(), match.end()):
                if chars[i] not in "\r\n":
                    chars[i] = " "
    return text if chars is None else "".join(chars)
