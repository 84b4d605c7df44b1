"""Read review inputs: files, directories (recursed for *.md) and stdin, as bytes.

Only regular files are read (a named pipe or a device is an error, never a hang), and never
more than the size limit plus one byte. Every problem becomes a one-line ToolError on that
input; other inputs are still read. Whether the bytes are a reviewable text (size, binary,
UTF-8) is decided once, by `reviewer.review.check_input`.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from dataclasses import dataclass
from pathlib import Path

from reviewer.findings import ToolError

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdx")
STDIN = "-"
STDIN_NAME = "<stdin>"


@dataclass(frozen=True)
class Source:
    """One input: its bytes, or the reason it could not be read."""

    path: str
    data: bytes = b""  # nothing when `size` alone rules the file out
    error: ToolError | None = None
    size: int | None = None  # the file's size on disk, when known


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


def _failed(path: str, exc: OSError, what: str = "cannot read") -> Source:
    if exc.errno in (errno.ENOENT, errno.ENOTDIR):
        return Source(path, error=ToolError("no such file or directory", "missing"))
    return Source(path, error=ToolError(f"{what}: {_reason(exc)}", "input"))


def _read_bounded(fd: int, limit: int) -> bytes:
    chunks: list[bytes] = []
    left = limit + 1
    while left > 0:
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def read_path(path: Path, max_bytes: int) -> Source:
    """A regular file's bytes (at most max_bytes + 1 of them)."""
    name = str(path)
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused below anyway.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        return _failed(name, exc)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return Source(name, error=ToolError("not a regular file (pipe, device or socket)", "not-a-file"))
        if info.st_size > max_bytes:
            return Source(name, size=info.st_size)
        return Source(name, _read_bounded(fd, max_bytes), size=info.st_size)
    except OSError as exc:
        return _failed(name, exc)
    finally:
        os.close(fd)


def read_stdin(max_bytes: int) -> Source:
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None or sys.stdin.closed:
        return Source(STDIN_NAME, error=ToolError("cannot read stdin: it is closed", "input"))
    try:
        return Source(STDIN_NAME, stream.read(max_bytes + 1))
    except (OSError, ValueError) as exc:  # ValueError: I/O on a closed file
        reason = _reason(exc) if isinstance(exc, OSError) else "it is closed"
        return Source(STDIN_NAME, error=ToolError(f"cannot read stdin: {reason}", "input"))


def _markdown_files(root: Path) -> tuple[list[Path], list[Source]]:
    """Markdown files below `root` (hidden folders skipped), and the folders that could not be read."""
    found: list[Path] = []
    problems: list[Source] = []

    def unreadable(exc: OSError) -> None:
        problems.append(_failed(exc.filename or str(root), exc, "cannot read directory"))

    for folder, dirs, files in os.walk(root, onerror=unreadable):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.extend(Path(folder) / f for f in files
                     if not f.startswith(".") and Path(f).suffix.lower() in MARKDOWN_SUFFIXES)
    return sorted(p for p in found if _is_file(p)), problems


def _is_file(path: Path) -> bool:
    """False for folders and broken links; an unreadable entry is kept, so reading it reports why."""
    try:
        return path.is_file()
    except OSError:
        return True


def locate(paths: list[str], max_bytes: int) -> list[Source | Path]:
    """Every input in order: a Path for a file still to read (`read_path`), a Source for stdin
    (read now) and for inputs that failed already (missing, unreadable folder...)."""
    out: list[Source | Path] = []
    for raw in paths:
        if raw == STDIN:
            out.append(read_stdin(max_bytes))
            continue
        path = Path(raw)
        try:
            is_dir = stat.S_ISDIR(os.stat(path).st_mode)
        except OSError as exc:
            out.append(_failed(raw, exc))
            continue
        if not is_dir:
            out.append(path)
            continue
        found, problems = _markdown_files(path)
        out.extend(problems)
        if not found and not problems:
            out.append(Source(raw, error=ToolError("no Markdown files (*.md) in this directory", "no-markdown")))
        out.extend(found)
    return out


def expand(paths: list[str], max_bytes: int) -> list[Source]:
    """Every input read, in order (see `locate`)."""
    return [read_path(p, max_bytes) if isinstance(p, Path) else p for p in locate(paths, max_bytes)]
