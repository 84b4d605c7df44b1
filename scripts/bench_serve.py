#!/usr/bin/env python
"""Latency of `POST /v1/review` on a 1,000-line postmortem, over loopback HTTP.

Starts the real `pmreview serve --port 0` (a subprocess, as a user runs it), reads the URL
with its token from the first stdout line, and sends N requests one after another on one
keep-alive connection (httpx). Alternates each request with an in-process review of the
same text (the floor: what the HTTP layer adds is the difference), and also times the page's
request (`"annotations": true`). The document is fixtures/postmortems/*.md concatenated.

    .venv/bin/python scripts/bench_serve.py [--requests 200] [--lines 1000] [--json]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
TARGET_P95_MS = 150.0


def build_document(lines: int) -> str:
    out: list[str] = []
    for path in sorted((ROOT / "fixtures" / "postmortems").glob("*.md")):
        out.extend(path.read_text(encoding="utf-8").splitlines())
        out.append("")
        if len(out) >= lines:
            break
    if len(out) < lines:
        raise SystemExit(f"fixtures give only {len(out)} lines")
    return "\n".join(out[:lines]) + "\n"


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def summary(values: list[float]) -> dict[str, float]:
    return {"p50_ms": round(statistics.median(values), 1), "p95_ms": round(percentile(values, 0.95), 1),
            "min_ms": round(min(values), 1), "max_ms": round(max(values), 1), "n": len(values)}


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--lines", type=int, default=1000)
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args()

    from reviewer.config import Config
    from reviewer.serve import service

    text = build_document(args.lines)
    body = {"text": text, "path": "postmortem-1000.md"}
    proc, base, token = start_server()
    try:
        with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=60) as client:
            for _ in range(5):  # warm: connection, first-request paths
                client.post("/v1/review", json=body).raise_for_status()
                service.review(text, "postmortem-1000.md", Config())
            http, page, engine = [], [], []
            findings = 0
            for _ in range(args.requests):
                start = time.perf_counter()
                response = client.post("/v1/review", json=body)
                http.append((time.perf_counter() - start) * 1000)
                response.raise_for_status()
                findings = len(response.json()["files"][0]["findings"])
                start = time.perf_counter()
                service.review(text, "postmortem-1000.md", Config())
                engine.append((time.perf_counter() - start) * 1000)
            for _ in range(max(20, args.requests // 5)):
                start = time.perf_counter()
                client.post("/v1/review", json={**body, "annotations": True}).raise_for_status()
                page.append((time.perf_counter() - start) * 1000)
    finally:
        proc.terminate()
        proc.wait(10)

    result = {"lines": args.lines, "bytes": len(text.encode()), "findings": findings,
              "http_review": summary(http), "page_review_with_annotations": summary(page),
              "in_process_review": summary(engine),
              "http_over_in_process_p50": round(statistics.median(http) / statistics.median(engine), 2),
              "target_p95_ms": TARGET_P95_MS}
    if args.json:
        print(json.dumps(result, indent=2))
        return
    h, p, e = result["http_review"], result["page_review_with_annotations"], result["in_process_review"]
    print(f"{args.lines} lines, {result['bytes']} bytes, {findings} findings")
    print(f"POST /v1/review        p50 {h['p50_ms']:7.1f} ms  p95 {h['p95_ms']:7.1f} ms  (n={h['n']}, target p95 "
          f"< {TARGET_P95_MS:.0f} ms: {'met' if h['p95_ms'] < TARGET_P95_MS else 'MISSED'})")
    print(f"  with annotations     p50 {p['p50_ms']:7.1f} ms  p95 {p['p95_ms']:7.1f} ms  (n={p['n']}, the page's request)")
    print(f"in-process review      p50 {e['p50_ms']:7.1f} ms  p95 {e['p95_ms']:7.1f} ms  (alternating with HTTP)")
    print(f"HTTP / in-process (p50): {result['http_over_in_process_p50']}x")


if __name__ == "__main__":
    main()
