"""`pmreview fix`: turn findings' edits into a new text, a unified diff, and one atomic write.

Everything here is pure except `write_atomic`. Edits come from `Finding.edits` whatever the
finding's source (rule suggestions, LLM rewrites replacing a segment); reviewer/edits.py
decides what is applied, for `fix`, GitHub suggestions and LSP quick fixes alike.

Offsets are 0-based indexes into the reviewed text (a str, after the UTF-8 BOM is removed),
exactly as `Document.source` counts them.
"""

from __future__ import annotations

import difflib
import hashlib
import os
import stat
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from reviewer.edits import EditModel, EditPlan, apply_edits, normalise_newlines
from reviewer.findings import Edit, Finding

BOM = b"\xef\xbb\xbf"
NO_NEWLINE = "\\ No newline at end of file\n"


def collect_edits(findings: Iterable[Finding], source: str) -> EditPlan:
    """The edits of every finding that can be applied to `source` together (see EditModel.plan)."""
    return EditModel(source).plan(findings)


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
    guidance: tuple[Finding, ...] = ()  # findings whose edits would change the block structure

    @property
    def changed(self) -> bool:
        return self.before != self.after

    def diff(self) -> str:
        return unified_diff(self.path, self.before, self.after)


def plan_file(path: str, source: str, findings: Iterable[Finding]) -> FilePlan:
    plan = collect_edits(findings, source)
    return FilePlan(path, source, apply_edits(source, plan.edits), plan.edits, plan.skipped, plan.guidance)


def plan_until_stable(path: str, source: str, findings: Iterable[Finding],
                      rereview: Callable[[str], Iterable[Finding]], rounds: int = 4) -> FilePlan:
    """`plan_file`, then further rounds on the result while edits were skipped for overlapping
    others ("Obviously, obviously"): each round re-reviews the new text, so a second `fix`
    finds nothing left to do. `edits` are the first round's (offsets into `source`); the
    result's `skipped` and `guidance` are the last round's."""
    plan = plan_file(path, source, findings)
    first = plan
    for _ in range(rounds - 1):
        if not plan.skipped or not plan.changed:
            break
        plan = plan_file(path, plan.after, rereview(plan.after))
    return FilePlan(path, source, plan.after, first.edits, plan.skipped, plan.guidance)


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


class OwnershipError(OSError):
    """The new file cannot get the old file's owner or group: the file is not replaced."""


def keep_owner(tmp: str, info: os.stat_result) -> None:
    """Give the temporary file the target's owner and group before it replaces the target.

    A file created here belongs to the caller; renaming it over someone else's file (or one
    with another group) would silently change who owns the postmortem. Where chown is not
    permitted the write is refused instead (chmod comes after chown, which may clear setgid).
    """
    if not hasattr(os, "chown"):  # Windows: no POSIX owners
        return
    current = os.stat(tmp)
    if (current.st_uid, current.st_gid) == (info.st_uid, info.st_gid):
        return
    try:
        os.chown(tmp, info.st_uid, info.st_gid)
    except PermissionError:
        raise OwnershipError(f"cannot keep its owner and group (uid {info.st_uid}, gid {info.st_gid})") from None


def write_atomic(path: str | os.PathLike[str], text: str, snapshot: Snapshot) -> None:
    """Replace the file with `text`, atomically, keeping its mode, owner and group, unless it
    changed since `snapshot`.

    The new content goes to a temporary file in the same directory (same file system), is
    flushed to disk, and then renamed over the target with os.replace, so a reader sees the
    old or the new file, never half of one. Just before the rename the current bytes are
    compared with the snapshot; on a mismatch nothing is written (FileChangedError). A symlink
    is followed: the file it points to is replaced, the link stays.
    """
    target = Path(os.path.realpath(path))
    data = encode(text, snapshot)
    info = target.stat()
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".pmreview-tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        keep_owner(tmp, info)
        os.chmod(tmp, stat.S_IMODE(info.st_mode))
        if not snapshot.matches(target.read_bytes()):
            raise FileChangedError(f"{path} changed since it was read; not written")
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


__all__ = ["EditPlan", "FileChangedError", "FilePlan", "OwnershipError", "Snapshot", "apply_edits", "collect_edits",
           "normalise_newlines", "plan_file", "plan_until_stable", "unified_diff", "write_atomic"]
