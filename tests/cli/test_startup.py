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
    """The `heavy` modules a `pmreview ARGS` run in `cwd` imported, and the run itself. Listed by
    an atexit handler: a plain check ends without the interpreter's teardown (os._exit)."""
    code = (
        "import atexit, json, sys, runpy\n"
        f"sys.argv = ['pmreview', *{args!r}]\n"
        "atexit.register(lambda: print(json.dumps(sorted(m for m in sys.modules\n"
        f"                                               if m.split('.')[0] in {heavy!r})), file=sys.stderr))\n"
        "runpy.run_module('reviewer', run_name='__main__')\n"
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


def _run_with_witness(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    """`pmreview ARGS` in a process holding an object that says so when the interpreter frees it."""
    code = (
        "import sys, runpy\n"
        "class Witness:\n    def __del__(self):\n        sys.stderr.write('torn down\\n')\n"
        "witness = Witness()\n"
        f"sys.argv = ['pmreview', *{args!r}]\n"
        "runpy.run_module('reviewer', run_name='__main__')\n"
    )
    return subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=120, cwd=cwd, env=env)


def test_a_plain_check_ends_without_teardown_and_loses_nothing(tmp_path):
    """Freeing everything at exit was ~20 ms of a one-file check: a plain check leaves by
    os._exit after the atexit handlers and a flush. Its whole output (more than a pipe holds)
    arrives, its exit code stands and its caches are written; the typer path exits as before."""
    drafts = []
    for n in range(40):
        draft = tmp_path / f"{n:02d}.md"
        draft.write_text(f"# Summary\n\nRoot cause: human error on host-{n}.\n\n## Action items\n\n"
                         "- Remind engineers to be more careful\n")
        drafts.append(str(draft))
    env = {**os.environ, "PMREVIEW_CACHE_DIR": str(tmp_path / "cache")}
    plain = _run_with_witness(["check", "--format", "json", "--jobs", "1", *drafts], tmp_path, env)
    assert plain.returncode == 1, plain.stderr
    assert b"torn down" not in plain.stderr
    assert len(plain.stdout) > 65536 and len(json.loads(plain.stdout)["files"]) == 40
    assert (tmp_path / "cache" / "regex").is_dir() and (tmp_path / "cache" / "dataclasses").is_dir()
    through_typer = _run_with_witness(["check", "-fjson", "--jobs", "1", *drafts], tmp_path, env)  # -fjson: typer's
    assert b"torn down" in through_typer.stderr
    assert through_typer.returncode == 1 and through_typer.stdout == plain.stdout
    missing = _run_with_witness(["check", str(tmp_path / "nowhere.md")], tmp_path, env)
    assert missing.returncode == 2 and b"no such file" in missing.stdout
    unknown = _run_with_witness(["check", "--select", "XX999", drafts[0]], tmp_path, env)
    assert (unknown.returncode, unknown.stderr) == (2, b"pmreview: error: --select XX999: unknown rule (see `pmreview rules`)\n")
