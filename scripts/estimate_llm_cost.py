"""Capacity estimate for LLM corpus runs: tokens and cost per 1,000 postmortems.

    python scripts/estimate_llm_cost.py [--corpus fixtures/postmortems]

Runs the real `pmreview check --llm` (cache off) over the corpus against a local stand-in
for an OpenAI-compatible server. The stand-in answers every step with schema-shaped JSON and
reports `usage` as the tiktoken count (o200k, the default model's encoding) of the exact
messages it received and of its answer, so the run's own usage line carries real prompt sizes.
The stand-in's answers have the real shape (a verdict per sentence, whole rewritten sentences,
a label per action item) but terse reasons; the estimate also shows output x3 as a ceiling. Prices: gpt-4o-mini list price per 1M tokens (input $0.15, output
$0.60); the Batch API costs half.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PRICE_IN, PRICE_OUT = 0.15 / 1e6, 0.60 / 1e6  # gpt-4o-mini, USD per token
USAGE = re.compile(r"LLM: (\d+) requests .*?(\d+) tokens in / (\d+) out")


def serve():
    from reviewer.llm.tokens import count_tokens
    from tests.llm.conftest import smart
    from tests.llm.fake_openai import FakeOpenAI

    def responder(request):
        reply = smart(request)
        prompt = sum(count_tokens(m["content"], "gpt-4o-mini") for m in request.body["messages"])
        reply.usage = {"prompt_tokens": prompt, "completion_tokens": count_tokens(reply.content or "", "gpt-4o-mini")}
        return reply

    return FakeOpenAI(responder)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "fixtures" / "postmortems")
    args = parser.parse_args()
    docs = sorted(args.corpus.glob("*.md"))
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in docs)
    with serve() as server, tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "PMREVIEW_CACHE_DIR": cache}
        result = subprocess.run(
            [sys.executable, "-m", "reviewer", "check", "--fail-on", "never", "--format", "json", "--llm",
             "--llm-base-url", server.base_url, "--llm-model", "gpt-4o-mini", *map(str, docs)],
            capture_output=True, text=True, env=env, cwd=ROOT)
    found = USAGE.search(result.stderr)
    if not found:
        sys.exit(f"no usage line in the run's stderr:\n{result.stderr[-2000:]}")
    requests, tokens_in, tokens_out = map(int, found.groups())
    per = 1000 / len(docs)
    tin, tout = tokens_in * per, tokens_out * per
    print(f"corpus: {len(docs)} postmortems, {words / len(docs):.0f} words each on average")
    print(f"usage line: {found.group(0)}")
    print(f"per 1,000 postmortems: {requests * per:,.0f} requests, {tin:,.0f} tokens in, {tout:,.0f} tokens out")
    for label, out in (("output as measured", tout), ("output x3", tout * 3)):
        direct = tin * PRICE_IN + out * PRICE_OUT
        print(f"  cost at gpt-4o-mini list price, {label}: ${direct:,.2f} direct, ${direct / 2:,.2f} with --llm-batch")


if __name__ == "__main__":
    main()
