"""Every finding the rules make on a set of documents and rows, written to one file, so that a
change meant only to make the rules faster can be checked to change no finding at all.

    python scripts/findings_snapshot.py OUT [--docs DIR ...] [--rows FILE.jsonl ...]
    diff <(before) <(after)         # or: cmp before.txt after.txt

Two views of the same review, both mechanical:
- `pmreview check --format json` per documents folder (the output users meet), run as a process
  of this interpreter, so `PYTHONPATH=<other checkout>` snapshots that checkout's code;
- in-process, each finding in full (span, severity, message, suggestion, edits, related spans),
  for the folders' documents and for each row of the given JSONL sets (a row's `text` reviewed
  on its own, and again as the one item of an action-item list).
Timing fields are not part of either view. Lines are sorted by unit, so the file diffs cleanly.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path


def _finding(f) -> list:
    return [f.rule, f.severity.value if hasattr(f.severity, "value") else str(f.severity),
            f.span.start, f.span.end, f.message, f.suggestion,
            [[e.span.start, e.span.end, e.text] for e in f.edits],
            [[r.start, r.end] for r in getattr(f, "related", ())]]


def _review_line(review, text: str, unit: str) -> str:
    report = review(text, unit)
    return json.dumps([unit, [_finding(f) for f in report.findings], [e.message for e in report.errors]],
                      ensure_ascii=False, sort_keys=True)


def snapshot_cli(folder: Path) -> str:
    """`pmreview check --format json` over one folder, the folder's own path taken out of it."""
    out = subprocess.run([sys.executable, "-m", "reviewer", "check", "--format", "json", "--fail-on", "never",
                          "--jobs", "1", str(folder)], capture_output=True, text=True, check=False)
    if out.returncode not in (0, 1):
        raise SystemExit(f"pmreview check {folder} exited {out.returncode}: {out.stderr.strip()}")
    return out.stdout.replace(str(folder), "<folder>")


def snapshot(docs: list[Path], rows: list[Path]) -> list[str]:
    from reviewer.review import review

    lines: list[str] = []
    for folder in docs:
        lines.append(json.dumps(["cli", folder.name, snapshot_cli(folder)], ensure_ascii=False))
        for path in sorted(folder.glob("*.md")):
            lines.append(_review_line(review, path.read_text(encoding="utf-8"), f"{folder.name}/{path.name}"))
    for jsonl in rows:
        for n, raw in enumerate(jsonl.read_text(encoding="utf-8").splitlines()):
            if not raw.strip():
                continue
            text = json.loads(raw)["text"]
            unit = f"{jsonl.parent.name}/{jsonl.name}:{n}"
            lines.append(_review_line(review, text, unit))
            lines.append(_review_line(review, f"## Action items\n\n- {text}\n", unit + ":item"))
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--docs", type=Path, nargs="*", default=[])
    parser.add_argument("--rows", type=Path, nargs="*", default=[])
    args = parser.parse_args()
    lines = snapshot(args.docs, args.rows)
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} units written to {args.out}")


if __name__ == "__main__":
    main()
