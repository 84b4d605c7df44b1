"""Markdown -> Document, with exact spans back into the source.

markdown-it-py gives block structure and line maps; the text of each block is then read
from the source itself, so every span is exact (CRLF, non-ASCII and markup included).
Fenced/indented code, HTML blocks, front matter and block quotes never become segments.
"""

from __future__ import annotations

import bisect
import re
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from reviewer.document import (
    Cell,
    Comment,
    Document,
    Section,
    SectionKind,
    Segment,
    SegmentKind,
    Span,
    line_end,
    line_starts_of,
    split_lines,
)
from reviewer.parser.block_parser import block_parser
from reviewer.parser.headings import pseudo_heading
from reviewer.parser.masking import mask_prose
from reviewer.parser.sections import PSEUDO_LEVEL, build_sections, task_item_section
from reviewer.parser.sentences import split_sentences

_LIST_MARKER = re.compile(r"[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]+\[[ xX]\])?(?:[ \t]+|$)")
_ENTRY_START = re.compile(
    r"^[\s*_|>-]{0,4}(?:\d{4}-\d{2}-\d{2}(?:[ T]\d{1,2}:\d{2})?|\d{1,2}:\d{2}(?::\d{2})?\b)"
)
# A line that carries on the one above rather than starting an entry: it opens with a bracket,
# code or a link ("(Internal ID 7.)", "[a fix](...)"), or the line above broke off mid-sentence
# at the writer's wrap width ("... reports on" / "Gradle errors ...").
_CARRIED_OPEN = re.compile(r"^[(\[`{\\]")
_OPEN_END = re.compile(r"[^.!?:;]\s*$")
_WRAP_WIDTH = 50


_EARLY_CLOCK = re.compile(r"\d{1,2}:\d{2}|\d{4}-\d{2}-\d{2}")


def _wrapped(above: str, text: str) -> bool:
    if not above or _EARLY_CLOCK.search(text[:15]):
        return False  # "[14:02] deploy starts", "(2024-03-12) ...": a bracketed time opens an entry
    return bool(_CARRIED_OPEN.match(text)) or (len(above) >= _WRAP_WIDTH and bool(_OPEN_END.search(above)))


_TOML_FRONT_MATTER = re.compile(r"\A\+\+\+(?:\r\n?|\n).*?(?:\r\n?|\n)\+\+\+[ \t]*(?:\r\n?|\n|\Z)", re.S)
_COMMENT = re.compile(r"<!--(.*?)-->", re.S)
_CELL_MARKUP = re.compile(r"[*_`~]")


def parse_markdown(source: str, path: str = "<stdin>", tokens: TokenCache | None = None) -> Document:
    """Parse `source`; pass a TokenCache to re-tokenise only the sections that changed."""
    return _Builder(source, path, tokens).build()


class _Tok(NamedTuple):
    """The parts of a markdown-it block token the builder reads (immutable, cacheable)."""

    type: str
    map: tuple[int, int] | None
    tag: str
    content: str


class TokenCache:
    """Block tokens per top-level chunk of the source (LRU, bounded).

    An editor buffer changes a line at a time; the document is split before each
    top-level ATX heading (outside fences and HTML comments), each chunk is tokenised on
    its own and cached by its text, so an edit re-tokenises one section only.
    """

    def __init__(self, max_entries: int = 2_000) -> None:
        self.max_entries = max_entries
        self._data: OrderedDict[str, tuple[_Tok, ...]] = OrderedDict()
        self._blocks: dict[str, tuple[str, list[tuple[int, int]]]] = {}

    def block(self, text: str) -> tuple[str, list[tuple[int, int]]]:
        """(masked prose, sentence spans) of one block of text, reused across reviews."""
        found = self._blocks.get(text)
        if found is None:
            prose = mask_prose(text)
            found = (prose, split_sentences(text, prose))
            self._blocks[text] = found
            if len(self._blocks) > self.max_entries * 20:  # drop the old generation wholesale
                self._blocks = {}
        return found

    def tokens(self, chunk: str) -> tuple[_Tok, ...]:
        found = self._data.get(chunk)
        if found is None:
            found = _tokenise(chunk)
            self._data[chunk] = found
            if len(self._data) > self.max_entries:
                self._data.popitem(last=False)
        else:
            self._data.move_to_end(chunk)
        return found


_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_SPLIT_HEADING = re.compile(r"^#{1,6}(?:[ \t]|$)")


_QUOTE_STEP = {"blockquote_open": 1, "blockquote_close": -1}
_LIST_STEP = {"bullet_list_open": 1, "ordered_list_open": 1, "bullet_list_close": -1, "ordered_list_close": -1}
_HEADING_SCAN = frozenset((*_QUOTE_STEP, *_LIST_STEP, "paragraph_open", "heading_open"))  # what headings read


def _tokenise(text: str) -> tuple[_Tok, ...]:
    return tuple(_Tok(t.type, (t.map[0], t.map[1]) if t.map else None, t.tag, t.content) for t in block_parser().parse(text))


# Line starts are found after \n, \r\n and a lone \r (re.M's ^ knows only \n).
_BOL = r"(?<![^\r\n])"
_INTERESTING = re.compile(rf"{_BOL}(?:#{{1,6}}(?![^ \t\r\n])| {{0,3}}(?:`{{3,}}|~{{3,}}))|{_BOL}[^\r\n]*(?:<!--|-->)")


def _chunks(text: str, starts: tuple[int, ...]) -> list[tuple[int, str]]:
    """(first line, text) of each top-level chunk; chunks keep their trailing newline.

    Only lines that can open or close a fence or comment, or start a heading, are looked
    at (found with one regex pass), in order.
    """
    lines = split_lines(text)
    candidates = [bisect.bisect_right(starts, m.start()) - 1 for m in _INTERESTING.finditer(text)]
    cuts = [0]
    fence: str | None = None
    in_comment = False
    for i in candidates:
        line = lines[i]
        if fence is not None:
            if line.lstrip(" ").startswith(fence) and not line.strip().strip(fence[0]):
                fence = None
            continue
        if in_comment:
            in_comment = "-->" not in line
            continue
        match = _FENCE.match(line)
        if match:
            fence = match.group(1)
            continue
        if "<!--" in line and "-->" not in line.split("<!--", 1)[1]:
            in_comment = True
            continue
        if i > 0 and _SPLIT_HEADING.match(line) and not lines[i - 1].lstrip().startswith("<"):
            cuts.append(i)
    cuts.append(len(lines))
    return [(a, text[starts[a] : starts[b] if b < len(lines) else len(text)])
            for a, b in zip(cuts, cuts[1:], strict=False) if b > a]


def _block_tokens(text: str, cache: TokenCache | None, starts: tuple[int, ...]) -> Sequence[_Tok]:
    if cache is None:
        # markdown-it's own tokens have the fields the builder reads: no copy when nothing is cached.
        return block_parser().parse(text)  # type: ignore[return-value]
    out: list[_Tok] = []
    for first, chunk in _chunks(text, starts):
        for tok in cache.tokens(chunk):
            out.append(tok if tok.map is None or not first else
                       tok._replace(map=(tok.map[0] + first, tok.map[1] + first)))
    return out


def chunk_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the top-level chunks of `text` (see TokenCache): a chunk is
    tokenised on its own exactly as inside the whole text."""
    starts = line_starts_of(text)
    return [(starts[first], starts[first] + len(chunk)) for first, chunk in _chunks(text, starts)]


def block_signature(text: str) -> tuple[tuple[str, str, str, str], ...]:
    """The block structure of `text`: each block token's type, tag, markup and fence info.

    Line numbers and inline content are left out: an edit may shorten a line or join two
    lines of a paragraph, but not turn a sentence into a heading, a fence or a quote."""
    return tuple((t.type, t.tag, t.markup, t.info) for t in block_parser().parse(text))


@dataclass
class _Heading:
    level: int
    title: str
    span: Span
    line: int


class _Builder:
    def __init__(self, source: str, path: str, token_cache: TokenCache | None = None) -> None:
        self.source = source
        self.path = path
        self.token_cache = token_cache
        self.starts = line_starts_of(source)
        self.headings: list[_Heading] = []
        self.segments: list[Segment] = []
        self.skipped_lines: list[tuple[int, int]] = []  # code and front matter, for comments
        self.block = 0
        self.sections: tuple[Section, ...] = ()
        self.heading_lines: list[int] = []
        self.pseudo_lines: set[int] = set()  # paragraphs that are headings in all but markup

    # -- entry point ---------------------------------------------------------------
    def build(self) -> Document:
        text = self.source
        toml = _TOML_FRONT_MATTER.match(text)
        if toml:
            # markdown-it knows only YAML front matter; blank TOML so it is not parsed as prose.
            head_lines = len(line_starts_of(text[: toml.end()])) - 1
            self.skipped_lines.append((0, head_lines))
            text = "\n" * head_lines + text[toml.end() :]
        tokens = _block_tokens(text, self.token_cache, self.starts if text is self.source else line_starts_of(text))
        self._collect_headings(tokens)
        self.sections = self._build_sections()
        self.heading_lines = [h.line for h in self.headings]
        self._walk(tokens)
        return Document(
            source=self.source,
            path=self.path,
            sections=self.sections,
            segments=tuple(self.segments),
            line_starts=self.starts,
            comments=self._comments(),
        )

    # -- sections ------------------------------------------------------------------
    def _collect_headings(self, tokens: Sequence[_Tok]) -> None:
        quote_depth = list_depth = 0
        for i, tok in enumerate(tokens):
            if tok.type not in _HEADING_SCAN:
                continue
            quote_depth += _QUOTE_STEP.get(tok.type, 0)
            list_depth += _LIST_STEP.get(tok.type, 0)
            if (tok.type == "paragraph_open" and tok.map and tok.map[1] - tok.map[0] == 1 and quote_depth == 0
                    and list_depth == 0):
                line = tok.map[0]
                title = pseudo_heading(self._line(line))
                if title is not None:
                    self.pseudo_lines.add(line)
                    span = Span(self.starts[line], self._line_end(line))
                    self.headings.append(_Heading(PSEUDO_LEVEL, title, span, line))
            if tok.type == "heading_open" and tok.map and quote_depth == 0:
                title = tokens[i + 1].content.strip()
                line = tok.map[0]
                start = self.starts[line]
                self.headings.append(_Heading(int(tok.tag[1]), title, Span(start, self._line_end(line)), line))

    def _build_sections(self) -> tuple[Section, ...]:
        return build_sections(self.headings, len(self.source))

    def _section_at(self, line: int) -> Section:
        i = bisect.bisect_right(self.heading_lines, line) - 1
        if i < 0:
            return self.sections[0]
        offset = 1 if self.sections[0].heading is None else 0
        return self.sections[i + offset]

    # -- blocks --------------------------------------------------------------------
    def _walk(self, tokens: Sequence[_Tok]) -> None:
        quote_depth = 0
        list_depth = 0
        item_first_paragraph = False
        in_head = False
        headers: list[str] = []
        for tok in tokens:
            kind = tok.type
            if kind not in _WALKED:  # most tokens (closings, inline, headings) change nothing here
                continue
            if kind in ("fence", "code_block", "front_matter") and tok.map:
                self.skipped_lines.append((tok.map[0], tok.map[1]))
            elif kind == "blockquote_open":
                quote_depth += 1
            elif kind == "blockquote_close":
                quote_depth -= 1
            elif kind in ("bullet_list_open", "ordered_list_open"):
                list_depth += 1
            elif kind in ("bullet_list_close", "ordered_list_close"):
                list_depth -= 1
            elif kind == "list_item_open":
                item_first_paragraph = True
            elif kind == "paragraph_open" and tok.map:
                if quote_depth == 0 and tok.map[0] not in self.pseudo_lines:
                    self._paragraph(tok.map[0], tok.map[1], item_first_paragraph, list_depth)
                item_first_paragraph = False
            elif kind == "thead_open":
                in_head = True
            elif kind == "thead_close":
                in_head = False
            elif kind == "tr_open" and tok.map and quote_depth == 0:
                cells = self._cells(tok.map[0], headers)
                if in_head:
                    headers = [_normal_header(c.text) for c in cells]
                else:
                    self._table_row(tok.map[0], cells)

    def _paragraph(self, first: int, last: int, in_item: bool, list_depth: int) -> None:
        pieces: list[tuple[int, int]] = []
        task = False
        for line in range(first, last):
            raw = self._line(line)
            if line == first and in_item:
                match = _LIST_MARKER.match(raw)
                begin = match.end() if match else 0
                task = bool(match and "[" in match.group())
            else:
                begin = len(raw) - len(raw.lstrip())
            pieces.append((self.starts[line] + begin, self.starts[line] + len(raw)))
        section = self._section_at(first)
        if task:
            section = task_item_section(section)  # a task-list checkbox is an action item wherever it sits
        for group in self._entry_groups(pieces, section.kind):
            self._emit_block(group[0][0], group[-1][1], section, in_item, list_depth)

    def _entry_groups(self, pieces: list[tuple[int, int]], kind: SectionKind) -> list[list[tuple[int, int]]]:
        """Lines that each start a timeline entry become blocks of their own.

        In a timeline section every line starts an entry unless it reads as a continuation
        (indented, or starting in lower case); elsewhere only a line that opens with a
        timestamp does.
        """
        groups: list[list[tuple[int, int]]] = []
        above = ""  # the line before, to tell a hard-wrapped sentence from a new line of entries
        for piece in pieces:
            text = self.source[piece[0] : piece[1]]
            indented = piece[0] > self.starts[bisect.bisect_right(self.starts, piece[0]) - 1]
            continuation = indented or text[:1].islower() or (not _ENTRY_START.match(text) and _wrapped(above, text))
            above = text
            timeline_line = kind is SectionKind.TIMELINE and not continuation
            new_entry = timeline_line or bool(_ENTRY_START.match(text))
            if not groups or new_entry:
                groups.append([piece])
            else:
                groups[-1].append(piece)
        return groups

    def _emit_block(self, start: int, end: int, section: Section, in_item: bool, depth: int) -> None:
        text = self.source[start:end]
        if self.token_cache is not None:
            prose, sentences = self.token_cache.block(text)
        else:
            prose = mask_prose(text)
            sentences = split_sentences(text, prose) if prose.strip() else []
        if not prose.strip():
            return
        self.block += 1
        whole_item = in_item and (section.kind is SectionKind.ACTION_ITEMS or len(sentences) == 1)
        if whole_item:
            sentences = [(len(text) - len(text.lstrip()), len(text.rstrip()))]
        for s_start, s_end in sentences:
            self._add(
                SegmentKind.LIST_ITEM if whole_item else SegmentKind.SENTENCE,
                Span(start + s_start, start + s_end),
                prose[s_start:s_end],
                section,
                depth,
            )

    def _cells(self, line: int, headers: list[str]) -> list[Cell]:
        raw = self._line(line)
        base = self.starts[line]
        bounds = [m.start() for m in _CELL_PIPE.finditer(raw)]
        edges = [-1, *bounds, len(raw)]
        cells: list[Cell] = []
        for left, right in zip(edges, edges[1:], strict=False):
            start, end = left + 1, right
            chunk = raw[start:end]
            if not chunk.strip() and (left == -1 or right == len(raw)):
                continue  # outside the leading/trailing pipe
            lead = len(chunk) - len(chunk.lstrip())
            end_trimmed = max(lead, len(chunk.rstrip()))
            span = Span(base + start + lead, base + start + end_trimmed)
            index = len(cells)
            header = headers[index] if index < len(headers) else ""
            cells.append(Cell(header, span, self.source[span.start : span.end]))
        return cells

    def _table_row(self, line: int, cells: list[Cell]) -> None:
        filled = [c for c in cells if c.span.end > c.span.start]
        if not filled:
            return
        span = Span(filled[0].span.start, filled[-1].span.end)
        text = self.source[span.start : span.end]
        self.block += 1
        self._add(SegmentKind.TABLE_ROW, span, mask_prose(text), self._section_at(line), 0, tuple(cells))

    def _add(self, kind: SegmentKind, span: Span, prose: str, section: Section, depth: int,
             cells: tuple[Cell, ...] = ()) -> None:
        self.segments.append(
            Segment(
                index=len(self.segments),
                kind=kind,
                span=span,
                text=self.source[span.start : span.end],
                prose=prose,
                section=section.kind,
                section_title=section.title,
                block=self.block,
                list_depth=depth,
                cells=cells,
            )
        )

    # -- comments ------------------------------------------------------------------
    def _comments(self) -> tuple[Comment, ...]:
        code = [(self.starts[a], self.starts[b] if b < len(self.starts) else len(self.source))
                for a, b in self.skipped_lines]
        return tuple(
            Comment(Span(m.start(), m.end()), m.group(1).strip())
            for m in _COMMENT.finditer(self.source)
            if not any(a <= m.start() < b for a, b in code)
        )

    # -- lines ---------------------------------------------------------------------
    def _line(self, line: int) -> str:
        return self.source[self.starts[line] : self._line_end(line)]

    def _line_end(self, line: int) -> int:
        return line_end(self.source, self.starts, line)


# The token types _walk acts on.
_WALKED = frozenset((
    "fence", "code_block", "front_matter", "blockquote_open", "blockquote_close", "bullet_list_open",
    "ordered_list_open", "bullet_list_close", "ordered_list_close", "list_item_open", "paragraph_open",
    "thead_open", "thead_close", "tr_open",
))
_CELL_PIPE = re.compile(r"(?<!\\)\|")  # a pipe not escaped by the character before it


def _normal_header(text: str) -> str:
    return _CELL_MARKUP.sub("", text).strip().lower()
