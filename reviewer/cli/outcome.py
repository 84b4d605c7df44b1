"""What `check` keeps of one reviewed file: its rendered part of the output, the baseline
entries it records and how many known findings the baseline hid. Built where the file was
reviewed (a worker process), so only these few strings travel back to the parent."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reviewer import baseline as baseline_mod
from reviewer.findings import FileReport
from reviewer.render.stream import FilePart, render_part


@dataclass(frozen=True)
class OutputOptions:
    fmt: str
    color: bool = False
    known: baseline_mod.Baseline | None = None  # --baseline: report only findings it does not hold
    record_root: Path | None = None  # --write-baseline: the baseline file's folder (paths are relative to it)


@dataclass(frozen=True, slots=True)
class Outcome:
    part: FilePart
    dropped: int = 0  # findings the baseline knows, not shown
    entries: tuple[str, list[dict]] | None = None  # what --write-baseline records for this file


def outcome(options: OutputOptions, report: FileReport) -> Outcome:
    entries = baseline_mod.file_entries(report, options.record_root) if options.record_root is not None else None
    dropped = 0
    if options.known is not None:
        report, dropped = baseline_mod.new_in(report, options.known)
    return Outcome(render_part(report, options.fmt, options.color), dropped, entries)
