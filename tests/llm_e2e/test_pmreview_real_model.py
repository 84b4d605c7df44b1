"""pmreview --llm against a real (tiny) model behind a real OpenAI-compatible server.

SmolLM2-135M is often wrong: this proves the wiring end to end and that verification turns
bad answers into RV notes instead of crashes or bad rewrites. Quality is measured in evals/.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DRAFT = ROOT / "fixtures" / "postmortems" / "pm-011-ratelimit-config-push.md"


def _run(server, cache: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("OPENAI_")}
    env["PMREVIEW_CACHE_DIR"] = str(cache)
    config = cache.parent / "llm.toml"
    # Output is capped so that one answer of a 135M model cannot run to the end of its context
    # (a timeout is the one failure the cache does not keep; a cut-off answer is a rejected one).
    config.write_text("[llm]\ntimeout = 120\nmax-retries = 0\nmax-concurrency = 1\ntoken-budget = 600\n"
                      "max-output-tokens = 256\ndeadline = 1500\n")
    return subprocess.run(
        [sys.executable, "-m", "reviewer", "check", str(DRAFT), "--llm", "--llm-base-url", server.base_url,
         "--llm-model", server.model, "--format", "json", "--config", str(config)],
        capture_output=True, cwd=ROOT, env=env, timeout=1800)


def test_real_model_end_to_end(llama_server, tmp_path):
    cache = tmp_path / "cache"
    first = _run(llama_server, cache)
    stderr = first.stderr.decode()
    assert first.returncode in (0, 1), stderr  # findings or not, never a crash or a usage error
    assert "Traceback" not in stderr
    files = json.loads(first.stdout)["files"]
    findings = files[0]["findings"]
    rule_ids = {f["rule"] for f in findings}
    assert {"BL002", "AC001"} <= rule_ids  # the rule findings survive whatever the model says
    usage = next(line for line in stderr.splitlines() if line.startswith("pmreview: LLM:"))
    assert " requests for " in usage
    print(usage)  # the numbers for the issue note: requests, batches, tokens, rewrites rejected
    # Every rewrite verification rejected is reported as an RV002 note; accepted ones reached findings.
    accepted = int(re.search(r"(\d+) rewrites accepted", usage).group(1))
    rejected = int(re.search(r"(\d+) rejected,", usage).group(1))
    proposals = re.search(r"(\d+) guardrail proposals rejected", usage)
    rejected += int(proposals.group(1)) if proposals else 0  # a refused guardrail proposal is an RV002 too
    assert len([f for f in findings if f["rule"] == "RV002"]) == rejected
    assert len({f["suggestion"] for f in findings if "rewrite by the LLM" in (f.get("note") or "")}) <= accepted

    second = _run(llama_server, cache)
    again = next(line for line in second.stderr.decode().splitlines() if line.startswith("pmreview: LLM:"))
    print(again)
    assert again.startswith("pmreview: LLM: 0 requests")
    assert json.loads(second.stdout) == json.loads(first.stdout)
