"""A rules-only run never imports the LLM, web or validation stacks, and starts fast.

pydantic (imported by typer's own option coercion and by the config schema) was a third of a
rules-only `pmreview check`'s start-up: a run without a config file, overrides or the LLM
must not import it. With a config file it is imported to validate the file, as before.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

HEAVY = ("langchain", "langchain_core", "langchain_openai", "openai", "tiktoken", "httpx", "jinja2", "pygls",
         "githubkit", "matplotlib", "fastapi", "starlette", "uvicorn", "selenium", "pydantic", "pydantic_core",
         "rich")


def _imported(args: list[str], cwd: Path, heavy: tuple[str, ...] = HEAVY,
              env: dict[str, str] | None = None) -> tuple[list[str], subprocess.CompletedProcess]:
    """The `heavy` modules a `pmreview ARGS` run in `cwd` imported, and the run itself."""
    code = (
        "import sys, runpy\n"
        f"sys.argv = ['pmreview', *{args!r}]\n"
        "try:\n    runpy.run_module('reviewer', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "import json\n"
        f"print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in {heavy!r})), file=sys.stderr)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60, cwd=cwd, env=env)
    return json.loads(proc.stderr.decode().strip().splitlines()[-1]), proc


def test_rules_only_check_imports_no_llm_web_or_validation_modules(tmp_path):
    draft = tmp_path / "a.md"
    draft.write_text("# Summary\n\nRoot cause: human error.\n")
    for args in (["check", str(draft), "--format", "json"], ["check", str(draft)],
                 ["check", "--jobs", "1", "--fail-on", "error", "--format", "sarif", str(draft)]):
        loaded, proc = _imported(args, tmp_path)
        assert loaded == [], f"rules-only `pmreview {' '.join(args)}` imported {loaded}"
        assert b"BL002" in proc.stdout


def test_a_config_file_is_still_validated(tmp_path):
    """The pydantic-free path is only for runs with nothing to validate."""
    (tmp_path / ".pmreview.toml").write_text('select = ["ST001"]\n')
    draft = tmp_path / "a.md"
    draft.write_text("# Summary\n\nRoot cause: human error.\n")
    loaded, proc = _imported(["check", str(draft), "--format", "json"], tmp_path)
    assert "pydantic" in loaded and "langchain_core" not in loaded
    assert {f["rule"] for f in json.loads(proc.stdout)["files"][0]["findings"]} == {"ST001"}
    (tmp_path / ".pmreview.toml").write_text('select = ["XX999"]\n')
    _, proc = _imported(["check", str(draft)], tmp_path)
    assert proc.stderr.decode().splitlines()[0] == f"pmreview: error: {tmp_path / '.pmreview.toml'}: select: unknown rule 'XX999'"


def test_a_second_run_builds_patterns_and_word_lists_from_the_cache(tmp_path):
    """The first run compiles the rules' regexes and parses their word lists (yaml); later runs
    read both from the cache (reviewer.disk_cache) and import no yaml."""
    draft = tmp_path / "a.md"
    draft.write_text("# Summary\n\nRoot cause: human error.\n")
    env = {**os.environ, "PMREVIEW_CACHE_DIR": str(tmp_path / "cache")}
    first, _ = _imported(["check", str(draft)], tmp_path, ("yaml",), env)
    assert "yaml" in first
    assert (tmp_path / "cache" / "regex").is_dir() and (tmp_path / "cache" / "lexicons").is_dir()
    second, proc = _imported(["check", str(draft)], tmp_path, ("yaml",), env)
    assert second == []
    assert b"BL002" in proc.stdout
