"""A rules-only run never imports the LLM or web stacks, and starts fast."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("langchain", "langchain_core", "langchain_openai", "openai", "tiktoken", "httpx", "jinja2", "pygls",
         "githubkit", "matplotlib", "fastapi", "starlette", "uvicorn", "selenium")


def test_rules_only_check_imports_no_llm_modules(tmp_path):
    draft = tmp_path / "a.md"
    draft.write_text("# Summary\n\nRoot cause: human error.\n")
    code = (
        "import sys, runpy\n"
        f"sys.argv = ['pmreview', 'check', {str(draft)!r}, '--format', 'json']\n"
        "try:\n    runpy.run_module('reviewer', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "import json\n"
        f"print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in {HEAVY!r})), file=sys.stderr)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60)
    loaded = json.loads(proc.stderr.decode().strip().splitlines()[-1])
    assert loaded == [], f"rules-only run imported {loaded}"
    assert b"BL002" in proc.stdout
