"""Inline controls in HTML comments (markdownlint/Vale style).

    <!-- pmreview-disable BL001 -->            rules off from here ...
    <!-- pmreview-enable BL001 -->             ... to here (no ids: every rule)
    <!-- pmreview-disable-next-line BL001 reason="quoted from the customer" -->
    <!-- pmreview-disable-file HR001 -->       rules off for the whole file
Rules may be named by id or name; unknown ones are reported, not ignored.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field

from reviewer.document import Document, split_lines

_CONTROL = re.compile(r"^pmreview-(disable-next-line|disable-file|disable|enable)\b(.*)$", re.S)
ALL = "*"


@dataclass(frozen=True)
class Control:
    action: str
    rules: frozenset[str]  # ids, or {"*"}
    reason: str | None
    line: int  # 0-based line of the comment's end
    offset: int


@dataclass
class Suppressions:
    controls: list[Control] = field(default_factory=list)
    unknown: list[tuple[Control, str]] = field(default_factory=list)

    def reason_for(self, rule: str, offset: int, line: int) -> str | None:
        """Why `rule` is off at this position, or None when it is on."""
        for c in self.controls:
            if c.action == "disable-file" and (ALL in c.rules or rule in c.rules):
                return c.reason or "disabled for this file"
        for c in self.controls:
            if c.action == "disable-next-line" and c.line + 1 == line and (ALL in c.rules or rule in c.rules):
                return c.reason or "disabled for this line"
        off: str | None = None
        for c in self.controls:
            if c.offset > offset or c.action not in ("disable", "enable"):
                continue
            if ALL in c.rules or rule in c.rules:
                off = (c.reason or "disabled in this block") if c.action == "disable" else None
        return off


def collect(document: Document, resolve) -> Suppressions:
    """`resolve(name) -> id | None` maps a rule name or id to its id."""
    out = Suppressions()
    for comment in document.comments:
        match = _CONTROL.match(comment.body)
        if not match:
            continue
        action, rest = match.group(1), match.group(2)
        try:
            words = shlex.split(rest)
        except ValueError:
            words = rest.split()
        reason = None
        rules: set[str] = set()
        bad: list[str] = []
        for word in words:
            if word.startswith("reason="):
                reason = word.split("=", 1)[1]
                continue
            for name in filter(None, word.split(",")):
                rule_id = resolve(name)
                (rules.add(rule_id) if rule_id else bad.append(name))
        line, _ = document.position(comment.span.end)
        control = Control(action, frozenset(rules or {ALL}), reason, line, comment.span.start)
        out.controls.append(control)
        for name in bad:
            out.unknown.append((control, name))
    # Next-line controls skip blank lines, so a comment above a wrapped paragraph works.
    lines = split_lines(document.source)
    adjusted = []
    for c in out.controls:
        if c.action == "disable-next-line":
            target = c.line + 1
            while target < len(lines) and not lines[target].strip():
                target += 1
            c = Control(c.action, c.rules, c.reason, target - 1, c.offset)
        adjusted.append(c)
    out.controls = adjusted
    return out
