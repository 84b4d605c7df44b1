"""One edit model for every front end: `fix`, GitHub suggestions and LSP quick fixes.

A finding's edits (a rule's mechanical fix, or a verified LLM rewrite of a segment) become
text edits here and only here, so the three front ends apply the same change:
  - spans must lie inside the text and not overlap; edits that change nothing are dropped;
  - a bare "\\n" in an edit becomes the file's line ending when the file uses one kind;
  - the document's block structure must stay as it was: the changed part is re-parsed and
    its block tokens compared ("Naturally, ~~~ markers" must not become a fence, nor
    "Unsurprisingly, > 90%" a block quote). Edits that fail are applied nowhere; the finding
    keeps its suggestion as guidance.
Re-parsing is local: the text is cut into the parser's top-level chunks (a chunk tokenises
on its own exactly as in the whole text), and only the chunks an edit touches are parsed,
so checking every finding of a large document stays linear in its size.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from reviewer.document import LINE_BREAK, Span
from reviewer.findings import Edit, Finding
from reviewer.parser.markdown import block_signature, chunk_bounds

STRUCTURE_CHANGED = "applying it would change the document's block structure"


@dataclass(frozen=True)
class Checked:
    """A finding's edits, validated: `edits` are safe to apply; `refused` says why not."""

    edits: tuple[Edit, ...] = ()
    refused: str | None = None


@dataclass(frozen=True)
class EditPlan:
    """The edits to apply (sorted, non-overlapping), how many were left out for overlapping
    others, and the findings whose edits are offered as guidance only."""

    edits: tuple[Edit, ...] = ()
    skipped: int = 0
    guidance: tuple[Finding, ...] = field(default=(), compare=False)


def _key(edit: Edit) -> tuple[int, int, str]:
    return (edit.span.start, edit.span.end, edit.text)


def uniform_newline(source: str) -> str | None:
    """The file's line ending when every line break in it is the same kind, else None."""
    kinds = set(LINE_BREAK.findall(source[:200_000]))
    return kinds.pop() if len(kinds) == 1 else None


def normalise_newlines(text: str, source: str, newline: str | None = None) -> str:
    """An edit's bare "\\n" becomes "\\r\\n" (or "\\r") in a file that uses only that ending."""
    if "\n" not in text and "\r" not in text:
        return text
    newline = newline if newline is not None else uniform_newline(source)
    if newline is None or newline == "\n":
        return text
    return LINE_BREAK.sub(newline, text)


def apply_edits(source: str, edits: Iterable[Edit]) -> str:
    """`source` with sorted, non-overlapping `edits` applied; everything else is kept as is."""
    out: list[str] = []
    pos = 0
    for edit in sorted(edits, key=_key):
        if edit.span.start < pos:
            raise ValueError(f"overlapping edit at {edit.span.start}")
        out.append(source[pos : edit.span.start])
        out.append(edit.text)
        pos = edit.span.end
    out.append(source[pos:])
    return "".join(out)


def _conflict(a: Span, b: Span) -> bool:
    """Overlapping spans, or two edits starting at the same offset (their order is ambiguous)."""
    return a.start == b.start or (a.start < b.end and b.start < a.end)


class EditModel:
    """Validates findings' edits against one text (build one per reviewed text)."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.newline = uniform_newline(source)
        self._bounds: list[tuple[int, int]] | None = None
        self._starts: list[int] = []
        self._signatures: dict[tuple[int, int], tuple] = {}

    # -- one finding ---------------------------------------------------------------
    def check(self, finding: Finding) -> Checked:
        """The edits of `finding` that can be applied, all or none."""
        if not finding.edits:
            return Checked()
        edits = sorted({_key(e): Edit(e.span, normalise_newlines(e.text, self.source, self.newline))
                        for e in finding.edits}.values(), key=_key)
        if any(e.span.end > len(self.source) for e in edits):
            return Checked((), "its edits fall outside the text")
        if any(_conflict(a.span, b.span) for a, b in zip(edits, edits[1:], strict=False)):
            return Checked((), "its edits overlap each other")
        useful = tuple(e for e in edits if self.source[e.span.start : e.span.end] != e.text)
        if useful and not self.keeps_structure(useful):
            return Checked((), STRUCTURE_CHANGED)
        return Checked(useful)

    def keeps_structure(self, edits: Sequence[Edit]) -> bool:
        """True when the chunks `edits` touch parse to the same block structure after them."""
        for lo, hi in self._windows(edits):
            inside = [Edit(e.span.shift(-lo), e.text) for e in edits if lo <= e.span.start and e.span.end <= hi]
            before = self._signature(lo, hi)
            if block_signature(apply_edits(self.source[lo:hi], inside)) != before:
                return False
        return True

    # -- many findings (fix) ---------------------------------------------------------
    def plan(self, findings: Iterable[Finding]) -> EditPlan:
        """The edits of every finding that can be applied to the text together.

        A finding's edits are applied all or none. Findings are taken earliest edit first
        (ties broken by rule and edit content, so the result does not depend on the order
        given); one whose edits overlap edits already taken is skipped and its edits counted
        in `skipped`. Identical edits from different findings count once. Dismissed and
        suppressed findings contribute nothing; refused ones are returned as guidance.
        """
        groups: list[tuple[tuple, Finding, tuple[Edit, ...]]] = []
        guidance: list[Finding] = []
        skipped = 0
        for finding in findings:
            if finding.dismissed or finding.suppressed_reason is not None or not finding.edits:
                continue
            checked = self.check(finding)
            if checked.refused is not None:
                guidance.append(finding)
                if checked.refused != STRUCTURE_CHANGED:
                    skipped += len(finding.edits)
                continue
            if checked.edits:
                keys = tuple(_key(e) for e in checked.edits)
                groups.append(((keys[0], finding.rule, keys), finding, checked.edits))
        groups.sort(key=lambda g: g[0])

        taken: dict[tuple[int, int, str], Edit] = {}
        spans: list[Span] = []
        accepted: list[tuple[Finding, list[Edit]]] = []
        for _, finding, group in groups:
            new = [e for e in group if _key(e) not in taken]
            if not new:
                continue
            if any(self._conflicts_with(spans, e.span) for e in new):
                skipped += len(new)
                continue
            for edit in new:
                taken[_key(edit)] = edit
                bisect.insort(spans, edit.span)
            accepted.append((finding, new))
        edits, refused = self._keep_structure_together(accepted)
        guidance.extend(refused)
        return EditPlan(tuple(sorted(edits, key=_key)), skipped, tuple(guidance))

    def _keep_structure_together(self, accepted: list[tuple[Finding, list[Edit]]],
                                 ) -> tuple[list[Edit], list[Finding]]:
        """Edits that each keep the structure may still change it together (rare): then the
        findings of that chunk are taken one at a time while the structure holds."""
        all_edits = [e for _, group in accepted for e in group]
        if self.keeps_structure(all_edits):
            return all_edits, []
        kept: list[Edit] = []
        refused: list[Finding] = []
        for finding, group in accepted:
            windows = self._windows(group)
            near = [e for e in kept if any(lo <= e.span.start < hi for lo, hi in windows)]
            if self.keeps_structure([*near, *group]):
                kept.extend(group)
            else:
                refused.append(finding)
        return kept, refused

    @staticmethod
    def _conflicts_with(accepted: list[Span], span: Span) -> bool:
        """`accepted` is sorted and non-overlapping: only the neighbours of `span` can conflict."""
        i = bisect.bisect_left(accepted, span)
        return any(_conflict(accepted[j], span) for j in (i - 1, i) if 0 <= j < len(accepted))

    # -- chunks ----------------------------------------------------------------------
    def _chunks(self) -> list[tuple[int, int]]:
        if self._bounds is None:
            self._bounds = chunk_bounds(self.source) or [(0, len(self.source))]
            self._starts = [start for start, _ in self._bounds]
        return self._bounds

    def _chunk_index(self, offset: int) -> int:
        self._chunks()
        return max(0, bisect.bisect_right(self._starts, offset) - 1)

    def _windows(self, edits: Sequence[Edit]) -> list[tuple[int, int]]:
        """(start, end) of each run of chunks the edits touch; an edit across chunks joins them."""
        ranges = sorted((self._chunk_index(e.span.start), self._chunk_index(max(e.span.start, e.span.end - 1)))
                        for e in edits)
        merged: list[list[int]] = []
        for first, last in ranges:
            if merged and first <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], last)
            else:
                merged.append([first, last])
        bounds = self._chunks()
        return [(bounds[a][0], bounds[b][1]) for a, b in merged]

    def _signature(self, lo: int, hi: int) -> tuple:
        found = self._signatures.get((lo, hi))
        if found is None:
            found = self._signatures[(lo, hi)] = block_signature(self.source[lo:hi])
        return found
