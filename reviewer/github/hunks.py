"""Which new-file lines of a unified-diff patch GitHub accepts review comments on.

GitHub anchors inline comments (`line`, `side: RIGHT`) only on lines inside a diff hunk,
and a multi-line comment's `start_line` and `line` must be in the same hunk. One bad
anchor makes GitHub reject the whole review (422), so the plan checks every comment here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_HUNK = re.compile(r"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")


@dataclass(frozen=True)
class Hunk:
    right: frozenset[int]  # new-file lines shown in this hunk: added and context
    added: frozenset[int]  # new-file lines added or modified ('+')
    left: frozenset[int] = frozenset()  # old-file lines: deleted and context


@dataclass(frozen=True)
class PatchIndex:
    hunks: tuple[Hunk, ...] = field(default_factory=tuple)

    @classmethod
    def parse(cls, patch: str | None) -> PatchIndex:
        """An empty index for a missing patch (binary or too large: nothing is commentable)."""
        if not patch:
            return cls()
        hunks: list[Hunk] = []
        right: set[int] = set()
        added: set[int] = set()
        left: set[int] = set()
        old = new = 0
        started = False
        # git breaks lines at \n only: a lone \r or U+2028 stays inside its line (not splitlines()).
        for raw in patch.removesuffix("\n").split("\n"):
            match = _HUNK.match(raw)
            if match:
                if started:
                    hunks.append(Hunk(frozenset(right), frozenset(added), frozenset(left)))
                right, added, left = set(), set(), set()
                old, new = int(match.group(1)), int(match.group(3))
                started = True
                continue
            if not started or raw.startswith("\\"):  # "\ No newline at end of file"
                continue
            if raw.startswith("+"):
                right.add(new)
                added.add(new)
                new += 1
            elif raw.startswith("-"):
                left.add(old)
                old += 1
            else:
                right.add(new)
                left.add(old)
                new += 1
                old += 1
        if started:
            hunks.append(Hunk(frozenset(right), frozenset(added), frozenset(left)))
        return cls(tuple(hunks))

    @property
    def added_lines(self) -> frozenset[int]:
        return frozenset().union(*(h.added for h in self.hunks)) if self.hunks else frozenset()

    def can_comment(self, start: int, end: int) -> bool:
        """True when lines start..end (RIGHT side) all lie in one hunk."""
        lines = range(start, end + 1)
        return any(all(line in hunk.right for line in lines) for hunk in self.hunks)

    def touches_added(self, start: int, end: int) -> bool:
        return any(line in hunk.added for hunk in self.hunks for line in range(start, end + 1))

    def touches_hunk(self, start: int, end: int) -> bool:
        return any(line in hunk.right for hunk in self.hunks for line in range(start, end + 1))
