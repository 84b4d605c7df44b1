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


def time_rounds(fns, docs, rounds: int) -> dict[str, tuple[list[float], list[float]]]:
    """{name: (cpu seconds, wall seconds) per round}. The tools alternate round by round, so
    drift in machine speed (frequency, neighbours) hits both alike."""
    for fn in fns.values():
        fn(docs[:2])  # warm-up: imports, compiled regexes, registries
    out: dict[str, tuple[list[float], list[float]]] = {name: ([], []) for name in fns}
    for _ in range(rounds):
        for name, fn in fns.items():
            start_cpu, start_wall = time.process_time(), time.perf_counter()
            fn(docs)
            out[name][0].append(time.process_time() - start_cpu)
            out[name][1].append(time.perf_counter() - start_wall)
    return out


def run_pmreview(docs) -> int:
    from reviewer.review import review

    return sum(len(review(text, path).findings) for path, text in docs)


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
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--corpus", type=Path, default=ROOT / "fixtures" / "postmortems")
    args = parser.parse_args()
    docs = corpus(args.corpus)
    words = sum(len(text.split()) for _, text in docs)
    print(f"corpus: {len(docs)} documents, {words} words, {sum(len(t) for _, t in docs)} characters")
    fns = {"pmreview": run_pmreview, "proselint": run_proselint}
    timings = time_rounds(fns, docs, args.rounds)
    best, typical = {}, {}
    for name, (cpu, wall) in timings.items():
        best[name], typical[name] = min(cpu), statistics.median(cpu)
        print(f"{name:>10}: CPU per pass min {best[name] * 1000:7.1f} ms, median {typical[name] * 1000:7.1f} ms "
              f"(wall median {statistics.median(wall) * 1000:.1f} ms, {args.rounds} rounds) -> "
              f"{words / best[name]:,.0f} words/s at best; findings {fns[name](docs)}")
    print(f"ratio: pmreview throughput is {best['proselint'] / best['pmreview']:.2f}x proselint's on the best "
          f"round, {typical['proselint'] / typical['pmreview']:.2f}x on the median (target >= 3x)")
    start = cold_start(docs[0][0])
    print(f"cold start: `pmreview check` on one document, median of 5: {start * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
