#!/usr/bin/env python
"""Latency of `POST /v1/review` on a 1,000-line postmortem, over loopback HTTP.

Starts the real `pmreview serve --port 0` (a subprocess, as a user runs it), reads the URL
with its token from the first stdout line, and sends N requests one after another on one
keep-alive connection (httpx). Series, alternating so machine load hits all alike: the same
draft again (the issue's measure), the draft with one line edited (the page reviewing as
someone types: the server's parse and segment caches re-check only what changed), the page's
own request (`"annotations": true`), and an in-process review with no caches at all (what a
never-seen 1,000-line draft costs). The document is fixtures/postmortems/*.md concatenated.

    .venv/bin/python scripts/bench_serve.py [--requests 200] [--lines 1000] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))
from bench_common import build_document, percentile  # noqa: E402

TARGET_P95_MS = 150.0


def summary(values: list[float]) -> dict[str, float]:
    return {"p50_ms": round(statistics.median(values), 1), "p95_ms": round(percentile(values, 0.95), 1),
            "min_ms": round(min(values), 1), "max_ms": round(max(values), 1), "n": len(values)}


def cpu_ms(pid: int) -> float:
    """CPU time (user + system) the process has used, in ms (Linux /proc): unlike wall time it
    hardly moves when other work shares the machine, so it shows what the review costs."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def start_server() -> tuple[subprocess.Popen, str, str]:
    proc = subprocess.Popen([sys.executable, "-m", "reviewer", "serve", "--port", "0"], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert proc.stdout is not None
    url = proc.stdout.readline().strip()
    if "/?token=" not in url:
        proc.kill()
        raise SystemExit(f"pmreview serve did not print its URL: {url!r}")
    base, token = url.split("/?token=")
    return proc, base, token


def edited(text: str, i: int) -> str:
    """The draft with one prose line changed, as when someone types and pauses."""
    lines = text.split("\n")
    k = next(j for j in range(len(lines) // 2, len(lines)) if len(lines[j]) > 40 and lines[j][0].isalpha())
    lines[k] = f"{lines[k]} Edit {i}."
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--lines", type=int, default=1000)
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args()

    from reviewer.config import Config
    from reviewer.review import review

    text = build_document(args.lines)
    body = {"text": text, "path": "postmortem-1000.md"}
    proc, base, token = start_server()
    series: dict[str, list[float]] = {"same": [], "edited": [], "page": [], "uncached": []}
    cpu: dict[str, list[float]] = {"same": [], "edited": []}
    findings = 0
    try:
        with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=60) as client:
            for _ in range(3):  # warm: connection, first-request paths
                client.post("/v1/review", json=body).raise_for_status()
                review(text, "postmortem-1000.md", config=Config())
            for i in range(args.requests):  # the four series alternate, so load on the machine hits all alike
                before, start = cpu_ms(proc.pid), time.perf_counter()
                response = client.post("/v1/review", json=body)
                series["same"].append((time.perf_counter() - start) * 1000)
                cpu["same"].append(cpu_ms(proc.pid) - before)
                response.raise_for_status()
                findings = len(response.json()["files"][0]["findings"])
                before, start = cpu_ms(proc.pid), time.perf_counter()
                client.post("/v1/review", json={**body, "text": edited(text, i)}).raise_for_status()
                series["edited"].append((time.perf_counter() - start) * 1000)
                cpu["edited"].append(cpu_ms(proc.pid) - before)
                if i % 5 == 0:
                    start = time.perf_counter()
                    client.post("/v1/review", json={**body, "text": edited(text, -i), "annotations": True})
                    series["page"].append((time.perf_counter() - start) * 1000)
                    start = time.perf_counter()
                    review(edited(text, -i - 1), "postmortem-1000.md", config=Config())
                    series["uncached"].append((time.perf_counter() - start) * 1000)
    finally:
        proc.terminate()
        proc.wait(10)

    result = {"lines": args.lines, "bytes": len(text.encode()), "findings": findings,
              **{name: summary(values) for name, values in series.items()},
              **{f"server_cpu_{name}": summary(values) for name, values in cpu.items()},
              "load_average": os.getloadavg(), "cpus": os.cpu_count(), "target_p95_ms": TARGET_P95_MS}
    if args.json:
        print(json.dumps(result, indent=2))
        return
    labels = {"same": "POST /v1/review, same draft",
              "edited": "POST /v1/review, one line edited",
              "page": "  the page's request (annotations)",
              "uncached": "in-process review, no caches"}
    print(f"{args.lines} lines, {result['bytes']} bytes, {findings} findings; loopback, one keep-alive connection")
    for name, label in labels.items():
        r = result[name]
        print(f"{label:36s} p50 {r['p50_ms']:7.1f} ms  p95 {r['p95_ms']:7.1f} ms  (n={r['n']})")
    for name in cpu:
        r = result[f"server_cpu_{name}"]
        print(f"{'  server CPU per request, ' + name:36s} p50 {r['p50_ms']:7.1f} ms  p95 {r['p95_ms']:7.1f} ms  "
              f"(clock ticks of {1000 / os.sysconf('SC_CLK_TCK'):.0f} ms)")
    load = ", ".join(f"{x:.1f}" for x in result["load_average"])
    print(f"load average {load} on {result['cpus']} CPUs: wall times grow with it, CPU times hardly do")
    met = result["same"]["p95_ms"] < TARGET_P95_MS
    print(f"target p95 < {TARGET_P95_MS:.0f} ms for POST /v1/review: {'met' if met else 'MISSED'}")


if __name__ == "__main__":
    main()
