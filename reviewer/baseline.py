"""Baselines: record today's findings so a team can adopt pmreview without fixing its history.

`pmreview check --write-baseline FILE` records each finding by fingerprint (rule + normalised
excerpt + stable message part: no line numbers, so moving text keeps it known); `--baseline FILE`
then reports only findings the baseline does not hold. Counts matter: if a document had one
"human error" and now has two, the second is new.

Paths are stored relative to the baseline file's folder, so a baseline at the repository root
matches the same files from the CLI, pre-commit and the GitHub review.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from reviewer.atomic_file import write_atomically
from reviewer.errors import UsageError
from reviewer.findings import FileReport, Finding, Report
from reviewer.jsonfile import read_json

FORMAT_VERSION = 1


@dataclass(frozen=True)
class Baseline:
    """Known findings: path key -> fingerprint -> how many times it was seen."""

    root: Path
    known: Mapping[str, Mapping[str, int]]

    def key_for(self, path: str) -> str:
        return path_key(path, self.root)


def path_key(path: str, root: Path) -> str:
    """`path` relative to `root` in POSIX form; stdin and paths outside root stay as given."""
    if path.startswith("<"):
        return path
    try:
        return Path(os.path.relpath(Path(path).resolve(), root.resolve())).as_posix()
    except ValueError:  # another drive on Windows
        return Path(path).as_posix()


def _counted(findings: Iterable[Finding]) -> Counter[str]:
    return Counter(f.fingerprint for f in findings if not f.dismissed)


def file_entries(file: FileReport, root: Path) -> tuple[str, list[dict]] | None:
    """(path key, entries) a baseline records for one file; None when it records nothing."""
    if file.errors:
        return None
    counts = _counted(file.findings)
    first = {f.fingerprint: f for f in reversed(file.findings)}
    entries = [{"fingerprint": fp, "rule": first[fp].rule, "excerpt": first[fp].excerpt[:120], "count": n}
               for fp, n in sorted(counts.items(), key=lambda kv: (first[kv[0]].rule, kv[0]))]
    return (path_key(file.path, root), entries) if entries else None


def document(files: Iterable[tuple[str, list[dict]]]) -> dict:
    """The JSON document `--write-baseline` writes, from the files' entries."""
    return {"version": FORMAT_VERSION, "tool": "pmreview", "files": dict(sorted(files, key=lambda kv: kv[0]))}


def from_report(report: Report, baseline_file: Path) -> dict:
    """The JSON document `--write-baseline` writes."""
    recorded = (file_entries(file, baseline_file.parent) for file in report.files)
    return document(e for e in recorded if e is not None)


def write(report: Report, baseline_file: Path) -> int:
    """Write the baseline atomically; returns the number of findings recorded."""
    return write_document(from_report(report, baseline_file), baseline_file)


def write_document(data: dict, baseline_file: Path) -> int:
    """Write a baseline document atomically; returns the number of findings recorded."""
    try:
        write_atomically(baseline_file, (json.dumps(data, indent=1, ensure_ascii=False) + "\n").encode("utf-8"))
    except OSError as exc:
        raise UsageError(f"--write-baseline {baseline_file}: {exc.strerror or exc}") from None
    return sum(e["count"] for entries in data["files"].values() for e in entries)


def load(baseline_file: Path) -> Baseline:
    data = read_json(baseline_file, f"--baseline {baseline_file}", UsageError)
    if not isinstance(data, dict) or data.get("version") != FORMAT_VERSION or not isinstance(data.get("files"), dict):
        raise UsageError(f"--baseline {baseline_file}: not a pmreview baseline (version {FORMAT_VERSION})")
    known: dict[str, dict[str, int]] = {}
    for path, entries in data["files"].items():
        if not isinstance(entries, list):
            raise UsageError(f"--baseline {baseline_file}: files.{path} must be a list")
        counts: dict[str, int] = {}
        for entry in entries:
            if not isinstance(entry, dict) or not isinstance(entry.get("fingerprint"), str):
                raise UsageError(f"--baseline {baseline_file}: files.{path}: an entry has no fingerprint")
            count = entry.get("count", 1)
            counts[entry["fingerprint"]] = count if isinstance(count, int) and count > 0 else 1
        known[path] = counts
    return Baseline(baseline_file.parent, known)


def new_in(file: FileReport, baseline: Baseline) -> tuple[FileReport, int]:
    """One file's report without the findings the baseline knows; and how many were dropped."""
    remaining = Counter(baseline.known.get(baseline.key_for(file.path), {}))
    kept: list[Finding] = []
    dropped = 0
    for finding in file.findings:
        fp = finding.fingerprint
        if not finding.dismissed and remaining[fp] > 0:
            remaining[fp] -= 1
            dropped += 1
            continue
        kept.append(finding)
    return replace(file, findings=tuple(kept)), dropped


def only_new(report: Report, baseline: Baseline) -> tuple[Report, int]:
    """The report without findings the baseline knows; and how many were dropped."""
    pairs = [new_in(file, baseline) for file in report.files]
    return replace(report, files=tuple(f for f, _ in pairs)), sum(n for _, n in pairs)
