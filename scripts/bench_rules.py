"""Throughput of pmreview's rule pass against proselint on the same corpus, in one run.

    python scripts/bench_rules.py [--rounds 5] [--corpus fixtures/postmortems]

Both tools get the same in-memory Markdown texts; each round times one full pass over the
corpus with the process CPU clock (so other load on the machine does not skew the ratio;
wall time is printed too), and the median round is reported in words per second.
proselint is the baseline Python prose linter. Also reports the cold start of a rules-only
`pmreview check`.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def corpus(folder: Path) -> list[tuple[str, str]]:
    return [(str(p), p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.md"))]


def time_rounds(fn, docs, rounds: int) -> tuple[list[float], list[float]]:
    """(cpu seconds, wall seconds) per round."""
    fn(docs[:2])  # warm-up: imports, compiled regexes, registries
    cpu, wall = [], []
    for _ in range(rounds):
        start_cpu, start_wall = time.process_time(), time.perf_counter()
        fn(docs)
        cpu.append(time.process_time() - start_cpu)
        wall.append(time.perf_counter() - start_wall)
    return cpu, wall


def run_pmreview(docs) -> int:
    from reviewer.engine import review_text

    return sum(len(review_text(text, path).findings) for path, text in docs)


def run_proselint(docs) -> int:
    from proselint.checks import __register__
    from proselint.registry import CheckRegistry
    from proselint.tools import LintFile

    registry = CheckRegistry()
    if not registry.checks:  # the CLI registers the checks at start-up; so do we, once
        registry.register_many(__register__)
    return sum(len(LintFile(path, text).lint()) for path, text in docs)


def cold_start(path: str, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "reviewer", "check", path, "--fail-on", "never"],
                       capture_output=True, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--corpus", type=Path, default=ROOT / "fixtures" / "postmortems")
    args = parser.parse_args()
    docs = corpus(args.corpus)
    words = sum(len(text.split()) for _, text in docs)
    print(f"corpus: {len(docs)} documents, {words} words, {sum(len(t) for _, t in docs)} characters")
    results = {}
    for name, fn in (("pmreview", run_pmreview), ("proselint", run_proselint)):
        cpu, wall = time_rounds(fn, docs, args.rounds)
        median = statistics.median(cpu)
        results[name] = words / median
        print(f"{name:>10}: median {median * 1000:8.1f} ms CPU per pass ({args.rounds} rounds, min "
              f"{min(cpu) * 1000:.1f} ms; wall median {statistics.median(wall) * 1000:.1f} ms) -> "
              f"{results[name]:,.0f} words/s; findings {fn(docs)}")
    ratio = results["pmreview"] / results["proselint"]
    print(f"ratio: pmreview throughput is {ratio:.2f}x proselint's (target >= 3x)")
    start = cold_start(docs[0][0])
    print(f"cold start: `pmreview check` on one document, median of 5: {start * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
