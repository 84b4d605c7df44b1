"""`pmreview fix`: turn findings' edits into a new text, a unified diff, and one atomic write.

Everything here is pure except `write_atomic`. Edits come from `Finding.edits` whatever the
finding's source: rule suggestions today, LLM rewrites (an edit replacing a whole segment)
tomorrow; both go through `collect_edits`, which decides what is applied.

Offsets are 0-based indexes into the reviewed text (a str, after the UTF-8 BOM is removed),
exactly as `Document.source` counts them.
"""

from __future__ import annotations

import bisect
import difflib
import hashlib
import os
import stat
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from reviewer.document import Span
from reviewer.findings import Edit, Finding

BOM = b"\xef\xbb\xbf"
NO_NEWLINE = "\\ No newline at end of file\n"


@dataclass(frozen=True)
class EditPlan:
    """The edits to apply (sorted, non-overlapping) and how many were left out."""

    edits: tuple[Edit, ...] = ()
    skipped: int = 0


def _key(edit: Edit) -> tuple[int, int, str]:
    return (edit.span.start, edit.span.end, edit.text)


def _conflict(a: Span, b: Span) -> bool:
    """Overlapping spans, or two edits starting at the same offset (their order is ambiguous)."""
    return a.start == b.start or (a.start < b.end and b.start < a.end)


def _conflicts_with(accepted: list[Span], span: Span) -> bool:
    """`accepted` is sorted and non-overlapping: only the neighbours of `span` can conflict."""
    i = bisect.bisect_left(accepted, span)
    return any(_conflict(accepted[j], span) for j in (i - 1, i) if 0 <= j < len(accepted))


def normalise_newlines(text: str, source: str) -> str:
    """An edit's bare "\\n" becomes "\\r\\n" in a CRLF file, so the file keeps one line ending."""
    newlines = source.count("\n")
    if not newlines or source.count("\r\n") != newlines or "\n" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\n", "\r\n")


def collect_edits(findings: Iterable[Finding], source: str) -> EditPlan:
    """The edits of every finding that can be applied to `source` together.

    A finding's edits are applied all or none (a partial rewrite is worse than none).
    Findings are taken earliest edit first (ties broken by rule and edit content, so the
    result does not depend on the order given); one whose edits overlap edits already taken,
    or fall outside the text, is skipped and its edits counted in `skipped`. Identical edits
    (same span, same text) from different findings count once. Edits that change nothing are
    dropped. Dismissed or suppressed findings contribute nothing.
    """
    groups: list[tuple[tuple, tuple[Edit, ...]]] = []
    skipped = 0
    for finding in findings:
        if finding.dismissed or finding.suppressed_reason is not None or not finding.edits:
            continue
        edits = {_key(e): e for e in (Edit(e.span, normalise_newlines(e.text, source)) for e in finding.edits)}
        if any(e.span.end > len(source) for e in edits.values()):
            skipped += len(edits)
            continue
        useful = sorted((e for e in edits.values() if source[e.span.start : e.span.end] != e.text), key=_key)
        if useful:
            groups.append(((_key(useful[0]), finding.rule, tuple(_key(e) for e in useful)), tuple(useful)))
    groups.sort(key=lambda g: g[0])

    taken: set[tuple[int, int, str]] = set()
    spans: list[Span] = []
    for _, group in groups:
        new = [e for e in group if _key(e) not in taken]
        if not new:
            continue
        clash = any(_conflicts_with(spans, e.span) for e in new) or any(
            _conflict(a.span, b.span) for i, a in enumerate(new) for b in new[i + 1 :])
        if clash:
            skipped += len(new)
            continue
        for edit in new:
            taken.add(_key(edit))
            bisect.insort(spans, edit.span)
    accepted = tuple(sorted((Edit(Span(s, e), t) for s, e, t in taken), key=_key))
    return EditPlan(accepted, skipped)


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


def unified_diff(path: str, before: str, after: str) -> str:
    """A `diff -u` style patch with a/PATH and b/PATH headers ('' when nothing changes)."""
    if before == after:
        return ""
    lines = difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                 fromfile=f"a/{path}", tofile=f"b/{path}")
    out: list[str] = []
    for line in lines:
        out.append(line)
        if not line.endswith("\n"):  # the last line of a file without a trailing newline
            out.append("\n" + NO_NEWLINE)
    return "".join(out)


@dataclass(frozen=True)
class FilePlan:
    path: str
    before: str
    after: str
    edits: tuple[Edit, ...]
    skipped: int

    @property
    def changed(self) -> bool:
        return self.before != self.after

    def diff(self) -> str:
        return unified_diff(self.path, self.before, self.after)


def plan_file(path: str, source: str, findings: Iterable[Finding]) -> FilePlan:
    plan = collect_edits(findings, source)
    return FilePlan(path, source, apply_edits(source, plan.edits), plan.edits, plan.skipped)


@dataclass(frozen=True)
class Snapshot:
    """What a file held when it was read for review: enough to notice it changed since."""

    digest: str
    size: int
    bom: bool

    @classmethod
    def of(cls, data: bytes) -> Snapshot:
        return cls(hashlib.sha256(data).hexdigest(), len(data), data.startswith(BOM))

    def matches(self, data: bytes) -> bool:
        return len(data) == self.size and hashlib.sha256(data).hexdigest() == self.digest


class FileChangedError(Exception):
    """The file on disk is no longer the one that was reviewed: it is not overwritten."""


def encode(text: str, snapshot: Snapshot) -> bytes:
    """The new text as the file's bytes: UTF-8, with the BOM back if the file had one."""
    return (BOM if snapshot.bom else b"") + text.encode("utf-8")


def write_atomic(path: str | os.PathLike[str], text: str, snapshot: Snapshot) -> None:
    """Replace the file with `text`, atomically, keeping its mode, unless it changed since `snapshot`.

    The new content goes to a temporary file in the same directory (same file system), is
    flushed to disk, and then renamed over the target with os.replace, so a reader sees the
    old or the new file, never half of one. Just before the rename the current bytes are
    compared with the snapshot; on a mismatch nothing is written (FileChangedError). A symlink
    is followed: the file it points to is replaced, the link stays.
    """
    target = Path(os.path.realpath(path))
    data = encode(text, snapshot)
    mode = stat.S_IMODE(target.stat().st_mode)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".pmreview-tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        if not snapshot.matches(target.read_bytes()):
            raise FileChangedError(f"{path} changed since it was read; not written")
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
