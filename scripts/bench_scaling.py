"""Review time against document size: a review must be linear in the size of the document.

Two series, each reviewed with the rules (no LLM) through the public `reviewer.review`:
  size      0.5, 1, 2 and 4 MB made of this repository's fixture postmortems, repeated;
  headings  1k, 10k and 100k subheadings under one title, each with a short paragraph.
For each point the best of --rounds runs is kept, and the cost per MB (per 1,000 headings)
is printed. Cost is process CPU time (wall time is printed too): on a shared, loaded
machine CPU time is what stays comparable between the sizes. The growth is linear when the largest and smallest cost per unit are within
--tolerance (default 1.5x) of each other; the exit code is 1 otherwise.

    python scripts/bench_scaling.py            # both series
    python scripts/bench_scaling.py --quick    # 0.25/0.5/1 MB and 1k/10k headings
    python scripts/bench_scaling.py --json     # machine-readable result on stdout
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reviewer import Config, review  # noqa: E402

CONFIG = Config(max_file_bytes=100_000_000)  # the 100k-heading document is over the default limit


def fixture_text() -> str:
    files = sorted((ROOT / "fixtures" / "postmortems").rglob("*.md"))
    if not files:
        raise SystemExit("no fixture postmortems found under fixtures/postmortems")
    return "\n\n".join(p.read_text(encoding="utf-8") for p in files)


def sized_document(base: str, megabytes: float) -> str:
    size = int(megabytes * 1_000_000)
    text = (base * (size // len(base) + 1))[:size]
    return text[: text.rfind("\n") + 1]  # whole lines only


def heading_document(count: int) -> str:
    parts = ["# Checkout outage\n\n"]
    for i in range(count):
        parts.append(f"## Step {i}\n\nThe queue grew by {i} messages while the consumer restarted.\n\n")
    return "".join(parts)


def timed(text: str, rounds: int) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of the fastest of `rounds` reviews."""
    best = (float("inf"), float("inf"))
    for _ in range(rounds):
        gc.collect()
        cpu, wall = time.process_time(), time.perf_counter()
        report = review(text, path="bench.md", config=CONFIG)
        best = min(best, (time.process_time() - cpu, time.perf_counter() - wall))
        if report.errors:  # an input error is not a review: the timing would mean nothing
            raise SystemExit(f"not reviewed: {report.errors[0].message}")
    return best


def series(name: str, points: list[tuple[str, float, str]], rounds: int, unit: str) -> dict:
    rows = []
    for label, amount, text in points:
        seconds, wall = timed(text, rounds)
        rows.append({"point": label, "cpu_seconds": round(seconds, 3), "wall_seconds": round(wall, 3),
                     f"seconds_per_{unit}": round(seconds / amount, 3)})
        print(f"  {name:8} {label:>8}: {seconds:7.2f} s CPU ({seconds / amount:.3f} s per {unit}; wall {wall:.2f} s)",
              file=sys.stderr)
    per = [r[f"seconds_per_{unit}"] for r in rows]
    return {"series": name, "unit": unit, "rows": rows, "spread": round(max(per) / min(per), 2)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes (a smoke run)")
    parser.add_argument("--rounds", type=int, default=2, help="runs per point; the best is kept")
    parser.add_argument("--tolerance", type=float, default=1.5, help="allowed max/min cost per unit")
    parser.add_argument("--json", action="store_true", help="print the result as JSON on stdout")
    args = parser.parse_args()

    sizes = [0.25, 0.5, 1.0] if args.quick else [0.5, 1.0, 2.0, 4.0]
    counts = [1_000, 10_000] if args.quick else [1_000, 10_000, 100_000]
    base = fixture_text()
    review(base[:20_000], path="warm-up.md")  # imports, lexicons and compiled patterns are not the point
    results = [
        series("size", [(f"{mb:g} MB", mb, sized_document(base, mb)) for mb in sizes], args.rounds, "MB"),
        series("headings", [(f"{n:,}", n / 1000, heading_document(n)) for n in counts], args.rounds,
               "1k_headings"),
    ]
    linear = all(r["spread"] <= args.tolerance for r in results)
    for r in results:
        print(f"{r['series']}: max/min cost per {r['unit']} = {r['spread']}x "
              f"({'linear' if r['spread'] <= args.tolerance else 'NOT linear'})", file=sys.stderr)
    if args.json:
        print(json.dumps({"results": results, "tolerance": args.tolerance, "linear": linear}, indent=2))
    return 0 if linear else 1


if __name__ == "__main__":
    raise SystemExit(main())
