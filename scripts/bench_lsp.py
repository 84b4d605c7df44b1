#!/usr/bin/env python
"""Latency of `pmreview lsp`: didChange -> publishDiagnostics on a 1,000-line postmortem.

Builds the document by concatenating fixtures/postmortems/*.md, starts the real server over
stdio (pygls' LanguageClient), applies N incremental edits one at a time and times each
edit until the diagnostics for that version arrive. Compares with a plain `pmreview check`
of the same file (a subprocess, so interpreter start-up is included, as a user sees it) and
with the in-process review time (`reviewer.review.review`), which is the floor for any edit.

    .venv/bin/python scripts/bench_lsp.py [--edits 50] [--lines 1000] [--debounce-ms N] [--json]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

ROOT = Path(__file__).resolve().parents[1]
SERVER_ARGS: list[str] = []
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))
from bench_common import build_document, percentile  # noqa: E402


def summary(values: list[float]) -> dict[str, float]:
    return {"median_ms": statistics.median(values), "p95_ms": percentile(values, 0.95),
            "min_ms": min(values), "max_ms": max(values), "n": len(values)}


def edit_line(text: str) -> int:
    """A prose line in the middle of the document to type into."""
    lines = text.split("\n")
    middle = len(lines) // 2
    for offset in range(len(lines)):
        for i in (middle + offset, middle - offset):
            if 0 <= i < len(lines) and len(lines[i]) > 40 and lines[i][:1].isalpha():
                return i
    return middle


async def bench_server(text: str, path: Path, edits: int, debounce_ms: int | None, paired: bool = True) -> dict:
    client = LanguageClient("bench", "1")
    published: dict[int | None, float] = {}
    arrived = asyncio.Event()

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_diagnostics(params: types.PublishDiagnosticsParams) -> None:
        published[params.version] = time.perf_counter()
        arrived.set()

    async def wait_version(version: int) -> float:
        while version not in published:
            arrived.clear()
            await asyncio.wait_for(arrived.wait(), 60)
        return published[version]

    await client.start_io(sys.executable, "-m", "reviewer", "lsp", *SERVER_ARGS, cwd=str(ROOT))
    server_log: list[str] = []

    async def drain() -> None:  # the server's stderr: read it so a chatty log level cannot block it
        stream = client._server.stderr if client._server else None
        buffer = b""
        while stream is not None and (chunk := await stream.read(1 << 16)):
            *lines, buffer = (buffer + chunk).split(b"\n")
            server_log.extend(line[:300].decode(errors="replace") for line in lines if b"reviewed" in line)

    drainer = asyncio.ensure_future(drain())
    options = {"pmReview": {"debounceMs": debounce_ms}} if debounce_ms is not None else None
    await client.initialize_async(types.InitializeParams(
        capabilities=types.ClientCapabilities(), root_uri=path.parent.as_uri(), initialization_options=options))
    client.initialized(types.InitializedParams())
    uri = path.as_uri()
    t0 = time.perf_counter()
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
        uri=uri, language_id="markdown", version=1, text=text)))
    open_ms = (await wait_version(1) - t0) * 1000

    line = edit_line(text)
    latencies: list[float] = []
    engine: list[float] = []
    engine_text = text if paired else None
    from reviewer.review import review

    review(text, str(path))
    for i in range(edits):
        version = i + 2
        # Alternate typing a blame word and deleting it again, at the end of the line.
        end = len(text.split("\n")[line])
        if i % 2 == 0:
            change = types.TextDocumentContentChangePartial(
                range=types.Range(start=types.Position(line=line, character=end),
                                  end=types.Position(line=line, character=end)), text=" Bob was careless.")
        else:
            change = types.TextDocumentContentChangePartial(
                range=types.Range(start=types.Position(line=line, character=end),
                                  end=types.Position(line=line, character=end + len(" Bob was careless."))), text="")
        start = time.perf_counter()
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version), content_changes=[change]))
        latencies.append((await wait_version(version) - start) * 1000)
        if engine_text is not None:  # paired sample under the same machine load: the floor for this edit
            text_now = text + (" Bob was careless." if i % 2 == 0 else "")  # only its length matters here
            t = time.perf_counter()
            review(text_now, str(path))
            engine.append((time.perf_counter() - t) * 1000)

    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    drainer.cancel()
    return {"open_ms": open_ms, "change": summary(latencies), "engine_paired": summary(engine) if engine else None,
            "server_log": [line for line in server_log if "pmreview" in line and "reviewed" in line]}


def bench_check(path: Path, runs: int) -> dict:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "reviewer", "check", str(path), "--format", "json"],
                       cwd=str(ROOT), capture_output=True, check=False)
        times.append((time.perf_counter() - start) * 1000)
    return summary(times)


def bench_engine(text: str, path: Path, runs: int) -> dict:
    from reviewer.review import review

    review(text, str(path))  # warm: lexicons, regexes
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        review(text, str(path))
        times.append((time.perf_counter() - start) * 1000)
    return summary(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--edits", type=int, default=50)
    parser.add_argument("--lines", type=int, default=1000)
    parser.add_argument("--check-runs", type=int, default=5)
    parser.add_argument("--debounce-ms", type=int, default=None, help="override the server's debounce (default: its own)")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--server-log-level", default=None, help="pass --log-level to the server (stderr)")
    args = parser.parse_args()
    if args.server_log_level:
        SERVER_ARGS.extend(["--log-level", args.server_log_level])

    text = build_document(args.lines)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "postmortem-1000.md"
        path.write_text(text, encoding="utf-8")
        server = asyncio.run(bench_server(text, path, args.edits, args.debounce_ms))
        check = bench_check(path, args.check_runs)
        engine = bench_engine(text, path, 10)

    result = {"lines": text.count("\n"), "bytes": len(text.encode()), "edits": args.edits,
              "debounce_ms": args.debounce_ms, "server": server, "pmreview_check": check, "review_in_process": engine,
              "target_p95_ms": 50, "meets_target": server["change"]["p95_ms"] < 50}
    if args.json:
        print(json.dumps(result, indent=2))
        return
    c, k, e = server["change"], check, engine
    print(f"document: {result['lines']} lines, {result['bytes']} bytes; {args.edits} sequential edits"
          f" (debounce: {'server default' if args.debounce_ms is None else str(args.debounce_ms) + ' ms'})")
    print(f"didOpen -> publishDiagnostics:          {server['open_ms']:8.1f} ms")
    print(f"didChange -> publishDiagnostics:        median {c['median_ms']:7.1f} ms   p95 {c['p95_ms']:7.1f} ms"
          f"   (min {c['min_ms']:.1f}, max {c['max_ms']:.1f})")
    print(f"pmreview check (subprocess, {k['n']} runs):  median {k['median_ms']:7.1f} ms   p95 {k['p95_ms']:7.1f} ms")
    print(f"review() (in process):                median {e['median_ms']:7.1f} ms   p95 {e['p95_ms']:7.1f} ms")
    if (p := server["engine_paired"]) is not None:
        print(f"  same, run after each edit (paired):   median {p['median_ms']:7.1f} ms   p95 {p['p95_ms']:7.1f} ms")
    print(f"target p95 < 50 ms: {'met' if result['meets_target'] else 'NOT met'}")
    reviews = [float(m.group(1)) for line in server["server_log"] if (m := re.search(r" in ([\d.]+) ms", line))]
    if len(reviews) > 2:
        r = summary(reviews[1:])  # without the first (cold) review of didOpen
        print(f"server-side review (worker thread):     median {r['median_ms']:7.1f} ms   p95 {r['p95_ms']:7.1f} ms"
              "   (config + parse + rules + diagnostics)")


if __name__ == "__main__":
    main()
