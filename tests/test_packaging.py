"""The wheel ships every package, the lexicons, the prompt templates and the eval harness."""

from __future__ import annotations

import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_package_is_listed_in_pyproject():
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "reviewer").rglob("__init__.py")}
    found.add("reviewer.prompts")
    found |= {".".join(("reviewer", *p.parent.relative_to(ROOT).parts)) for p in (ROOT / "evals").rglob("__init__.py")}
    assert found == listed


def test_wheel_contains_prompts_and_lexicons(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q",
                           "-w", str(tmp_path), str(ROOT)], capture_output=True, timeout=300)
    assert proc.returncode == 0, proc.stderr.decode()[-2000:]
    (wheel,) = tmp_path.glob("pmreview-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for template in ("system.j2", "detect.j2", "rewrite.j2", "actions.j2"):
        assert f"reviewer/prompts/{template}" in names
    assert "reviewer/rules/lexicons/blame.yaml" not in names  # sanity: the real names below
    assert {"reviewer/rules/lexicons/moral.yaml", "reviewer/rules/lexicons/reminders.yaml"} <= names
    assert {f"reviewer/serve/static/{n}" for n in ("index.html", "app.js", "app.css", "favicon.svg")} <= names
    assert "reviewer/llm/chain.py" in names and "reviewer/cli/app.py" in names
    assert {"reviewer/evals/harness.py", "reviewer/evals/suites/blame.py", "reviewer/evals/llm_reviewer.py",
            "reviewer/evals/report/template.html.j2"} <= names
