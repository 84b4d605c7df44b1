"""Read review inputs: files, directories (recursed for *.md) and stdin.

Every problem becomes a one-line ToolError on that input; other inputs are still read.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdx")


@dataclass(frozen=True)
class Source:
    path: str
    text: str | None
    error: str | None = None
    code: str = "input"


def _human_size(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB"


def read_path(path: Path, max_bytes: int) -> Source:
    name = str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        return Source(name, None, f"cannot read: {exc.strerror or exc}")
    if size > max_bytes:
        return Source(name, None, f"file is too large ({_human_size(size)}, limit {_human_size(max_bytes)}; "
                                  "raise max-file-bytes in the config)", "too-large")
    try:
        data = path.read_bytes()
    except OSError as exc:
        return Source(name, None, f"cannot read: {exc.strerror or exc}")
    return decode(name, data)


def decode(name: str, data: bytes) -> Source:
    if b"\x00" in data[:8192]:
        return Source(name, None, "not a text file (binary content)", "binary")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return Source(name, None, f"not valid UTF-8 (byte {exc.start}, line {line})", "encoding")
    return Source(name, text.removeprefix("\ufeff"))


def expand(paths: list[str], max_bytes: int) -> list[Source]:
    out: list[Source] = []
    for raw in paths:
        if raw == "-":
            out.append(decode("<stdin>", sys.stdin.buffer.read()))
            continue
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix.lower() in MARKDOWN_SUFFIXES and p.is_file()
                           and not any(part.startswith(".") for part in p.relative_to(path).parts))
            if not found:
                out.append(Source(raw, None, "no Markdown files (*.md) in this directory", "no-markdown"))
            out.extend(read_path(p, max_bytes) for p in found)
        elif path.exists():
            out.append(read_path(path, max_bytes))
        else:
            out.append(Source(raw, None, "no such file or directory", "missing"))
    return out
