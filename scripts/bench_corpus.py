"""Whole-process speed on a corpus: `pmreview check` against `proselint check`, and --jobs scaling.

    python scripts/bench_corpus.py [--files 200] [--rounds 5] [--repeat 1] [--rss-files 10000]

Writes a synthetic corpus (scripts/gen_corpus.py, seeded) to a temp folder, then times whole
processes, as a user meets them: start-up, reading, parsing, rules and output included. The
tools alternate round by round so drift in machine speed hits both alike; the median round is
reported. Also: `--jobs 2` against `--jobs 1`, and the peak RSS of one run over --rss-files
files (children of the process pool included).

Beside wall time, each command's CPU time (user + system, pool workers included) is shown: on
a shared machine wall time mostly measures the neighbours, CPU time what the tool itself did.
pmreview's derived-data cache (regexes, word lists) is a folder of this run, filled by the
warm-up round as a user's first run fills theirs: other processes on the machine cannot change it.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gen_corpus import write_corpus  # noqa: E402

BIN = Path(sys.executable).parent


def _cpu() -> float:
    """User + system seconds of the children waited for so far (their own children included)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _run(cmd: list[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one whole process."""
    cpu, start = _cpu(), time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start, _cpu() - cpu


def alternate(commands: dict[str, list[str]], rounds: int) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """(wall times, CPU times) per command, the commands taking turns round by round."""
    for cmd in commands.values():
        _run(cmd)  # warm the OS file cache, .pyc files and pmreview's cache
    times: dict[str, list[float]] = {name: [] for name in commands}
    cpu: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(rounds):
        for name, cmd in commands.items():
            wall, used = _run(cmd)
            times[name].append(wall)
            cpu[name].append(used)
    return times, cpu


def compile_package() -> None:
    """Write .pyc files, as `pip install` does: a checkout run with PYTHONDONTWRITEBYTECODE=1
    would otherwise compile every module from source on each start (and proselint's are compiled)."""
    import reviewer

    subprocess.run([sys.executable, "-m", "compileall", "-q", str(Path(reviewer.__file__).parent)],
                   stdout=subprocess.DEVNULL, check=False)


def peak_rss_mb(cmd: list[str]) -> tuple[float, float]:
    """(seconds, peak RSS in MB of the largest process in the run, children included)."""
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    seconds = time.perf_counter() - start
    own = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KB on Linux: the largest child
    return seconds, own / 1024


def _timed_run(corpus: Path, files: list[str], pmreview: str, proselint: str, rounds: int) -> tuple[float, float]:
    """One alternating measurement, printed; returns its two median ratios (speed, --jobs scaling)."""
    times, cpu = alternate({
        "pmreview (default jobs)": [pmreview, "check", "--fail-on", "never", str(corpus)],
        "pmreview --jobs 1": [pmreview, "check", "--fail-on", "never", "--jobs", "1", str(corpus)],
        "pmreview --jobs 2": [pmreview, "check", "--fail-on", "never", "--jobs", "2", str(corpus)],
        "proselint": [proselint, "check", *files],
    }, rounds)
    med = {name: statistics.median(ts) for name, ts in times.items()}
    for name, value in med.items():
        print(f"  {name:<26} {value:6.2f} s  (best {min(times[name]):.2f} s)   "
              f"CPU {statistics.median(cpu[name]):5.2f} s  (best {min(cpu[name]):.2f} s)")
    best = {name: min(ts) for name, ts in times.items()}
    print(f"proselint / pmreview (default jobs): {med['proselint'] / med['pmreview (default jobs)']:.2f}x  (target >= 3x)")
    print(f"proselint / pmreview --jobs 1:       {med['proselint'] / med['pmreview --jobs 1']:.2f}x")
    print(f"--jobs 1 / --jobs 2:                 {med['pmreview --jobs 1'] / med['pmreview --jobs 2']:.2f}x  (target >= 1.6x)")
    print(f"best against best: proselint / default jobs {best['proselint'] / best['pmreview (default jobs)']:.2f}x, "
          f"--jobs 1 / --jobs 2 {best['pmreview --jobs 1'] / best['pmreview --jobs 2']:.2f}x")
    print(f"load average {os.getloadavg()[0]:.1f} at the end of the timed rounds")
    return med["proselint"] / med["pmreview (default jobs)"], med["pmreview --jobs 1"] / med["pmreview --jobs 2"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--rss-files", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=1,
                        help="Repeat the whole timed measurement this many times and report the spread of its "
                             "ratios: on a shared VM one run can land far from the next.")
    args = parser.parse_args()
    pmreview, proselint = str(BIN / "pmreview"), str(BIN / "proselint")
    compile_package()
    tmp = Path(tempfile.mkdtemp(prefix="pmreview-bench-"))
    os.environ["PMREVIEW_CACHE_DIR"] = str(tmp / "cache")
    try:
        corpus = tmp / "corpus"
        paths = write_corpus(corpus, args.files)
        size = sum(p.stat().st_size for p in paths) / 1e6
        print(f"corpus: {len(paths)} files, {size:.2f} MB; {os.cpu_count()} CPUs; median of {args.rounds} rounds; "
              f"load average {os.getloadavg()[0]:.1f} at the start")
        files = [str(p) for p in paths]
        runs = [_timed_run(corpus, files, pmreview, proselint, args.rounds) for _ in range(max(1, args.repeat))]
        if len(runs) > 1:
            speed, scaling = [r[0] for r in runs], [r[1] for r in runs]
            print(f"over {len(runs)} runs: proselint / default jobs {', '.join(f'{x:.2f}x' for x in speed)} "
                  f"(median {statistics.median(speed):.2f}x); --jobs 1 / --jobs 2 "
                  f"{', '.join(f'{x:.2f}x' for x in scaling)} (median {statistics.median(scaling):.2f}x)")
        if args.rss_files:
            big = tmp / "big"
            write_corpus(big, args.rss_files, seed=11)
            seconds, rss = peak_rss_mb([pmreview, "check", "--fail-on", "never", "--format", "json", str(big)])
            print(f"{args.rss_files} files: {seconds:.1f} s, peak RSS of the largest process {rss:.0f} MB (target < 300 MB)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
