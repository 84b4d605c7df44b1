"""The real server with a fake Rewriter plugged in: exercises the lazy-resolve plumbing only.

No LLM is involved (the chain does not exist yet); this stands in for one so the
codeAction -> codeAction/resolve -> progress -> cache -> cancel path is tested end to end.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from reviewer.findings import Finding  # noqa: E402
from reviewer.lsp.server import create_server  # noqa: E402
from reviewer.lsp.transport import serve  # noqa: E402


class FakeRewriter:
    model_id = "fake-rewriter-1"

    def __init__(self) -> None:
        self.calls = 0

    def applies_to(self, finding: Finding) -> bool:
        return finding.rule.startswith("BL")

    async def rewrite(self, paragraph: str, finding: Finding) -> str | None:
        self.calls += 1
        if "SLOW" in paragraph:
            await asyncio.sleep(60)
        if "NOANSWER" in paragraph:
            return None
        return f"A config change reached production without a canary stage (rewrite {self.calls})."


if __name__ == "__main__":
    serve(server=create_server(rewriter=FakeRewriter()))
