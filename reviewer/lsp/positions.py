"""Code-point offsets (what the reviewer uses) <-> LSP positions (0-based, in client units).

The reviewer gives spans as code-point offsets; LSP counts lines split on \\n, \\r\\n and \\r,
and characters in the negotiated position encoding: UTF-16 code units by default, or UTF-8
bytes / UTF-32 code points when the client offers them. Pure functions, no pygls.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from lsprotocol import types

from reviewer.document import Document, Span, line_end, line_starts_of

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


def lsp_lines(text: str) -> list[str]:
    """Lines with their endings, split the LSP way: on \\n, \\r\\n and \\r only (not on U+2028 etc.)."""
    return _LINE.findall(text)


def units(text: str, encoding: str) -> int:
    """Length of `text` in the client's position units."""
    if encoding == types.PositionEncodingKind.Utf8:
        return len(text.encode("utf-8", "surrogatepass"))
    if encoding == types.PositionEncodingKind.Utf32:
        return len(text)
    if text.isascii():
        return len(text)
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def code_points(line: str, client_units: int, encoding: str) -> int:
    """Index into `line` of the character that starts at `client_units` (clamped to the line)."""
    if encoding == types.PositionEncodingKind.Utf32 or line.isascii():
        return min(client_units, len(line))
    count = 0
    for index, char in enumerate(line):
        if count >= client_units:
            return index
        count += units(char, encoding)
    return len(line)


@dataclass(frozen=True)
class LineIndex:
    """Converts between source offsets and LSP positions for one version of a text.

    Lines are the document model's (`line_starts_of`: \n, \r\n and \r), which is also how
    LSP counts them; built from a reviewed Document, its own line table is reused.
    """

    text: str
    encoding: str = types.PositionEncodingKind.Utf16
    starts: tuple[int, ...] = field(default=())

    def __post_init__(self) -> None:
        if not self.starts:
            object.__setattr__(self, "starts", line_starts_of(self.text))

    @classmethod
    def of(cls, document: Document, encoding: str) -> LineIndex:
        return cls(document.source, encoding, document.line_starts)

    def line_text(self, line: int) -> str:
        """The line without its ending."""
        return self.text[self.starts[line] : line_end(self.text, self.starts, line)]

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset) - 1

    def position(self, offset: int) -> types.Position:
        offset = max(0, min(offset, len(self.text)))
        line = self.line_of(offset)
        column = offset - self.starts[line]
        return types.Position(line=line, character=units(self.text[self.starts[line] : offset], self.encoding)
                              if column else 0)

    def range(self, span: Span) -> types.Range:
        return types.Range(start=self.position(span.start), end=self.position(span.end))

    def offset(self, position: types.Position) -> int:
        if position.line >= len(self.starts):
            return len(self.text)
        line = self.line_text(position.line)
        return self.starts[position.line] + code_points(line, position.character, self.encoding)

    def span(self, rng: types.Range) -> Span:
        start, end = self.offset(rng.start), self.offset(rng.end)
        return Span(min(start, end), max(start, end))
