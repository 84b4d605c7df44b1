"""The wheel ships every package, the lexicons, the prompt templates and the eval harness, and a
plain (non-editable) install runs `pmreview eval --data DIR` with no source checkout around."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import tomllib
import zipfile
from pathlib import Path

import pytest

from tests.evals.datadir import write_data_dir

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
                          capture_output=True, timeout=300)
    assert proc.returncode == 0, proc.stderr.decode()[-2000:]
    (built,) = out.glob("pmreview-*.whl")
    return built


def test_every_package_is_listed_in_pyproject():
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "reviewer").rglob("__init__.py")}
    found.add("reviewer.prompts")
    found.add("reviewer.serve.static")  # data only (the review page's files): listed so setuptools ships it without a warning
    found |= {".".join(("reviewer", *p.parent.relative_to(ROOT).parts)) for p in (ROOT / "evals").rglob("__init__.py")}
    assert found == listed


def test_wheel_contains_prompts_lexicons_and_the_harness(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for template in ("system.j2", "detect.j2", "rewrite.j2", "actions.j2"):
        assert f"reviewer/prompts/{template}" in names
    assert "reviewer/rules/lexicons/blame.yaml" not in names  # sanity: the real names below
    assert {"reviewer/rules/lexicons/moral.yaml", "reviewer/rules/lexicons/reminders.yaml"} <= names
    assert {f"reviewer/serve/static/{n}" for n in ("index.html", "app.js", "app.css", "favicon.svg")} <= names
    assert "reviewer/llm/chain.py" in names and "reviewer/cli/app.py" in names
    assert {"reviewer/evals/harness.py", "reviewer/evals/suites/blame.py", "reviewer/evals/llm_reviewer.py",
            "reviewer/evals/report/template.html.j2"} <= names
    assert not any(n.startswith(("evals/", "fixtures/")) for n in names), "no top-level evals or fixtures"


def test_wheel_install_runs_eval_on_a_data_directory(wheel, tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    bindir = venv / ("Scripts" if os.name == "nt" else "bin")
    python = bindir / "python"
    target = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                            capture_output=True, text=True, check=True).stdout.strip()
    # Offline and fast: install only our wheel (no index, no dependencies) and borrow the
    # dependencies from the running environment through a .pth line. A directory named in a .pth
    # file is added to sys.path without running its own .pth files, so an editable install of
    # pmreview there stays inert and `reviewer` can only come from the wheel.
    proc = subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps",
                           "--no-index", "-q", str(wheel)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    deps = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    Path(target, "zz-borrowed-deps.pth").write_text("".join(f"{d}\n" for d in sorted(deps)))
    pmreview = bindir / "pmreview"  # the console script the wheel installed
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    where = subprocess.run([str(python), "-c", "import reviewer.evals, reviewer.rules; "
                            "print(reviewer.evals.__file__); print(reviewer.rules.__file__)"],
                           capture_output=True, text=True, cwd=tmp_path, env=env, timeout=120)
    assert where.returncode == 0, where.stderr
    assert all(line.startswith(target) for line in where.stdout.split()), where.stdout

    corpus = write_data_dir(tmp_path / "corpus")
    run = subprocess.run([str(pmreview), "eval", "--data", str(corpus), "--resamples", "50"],
                         capture_output=True, text=True, cwd=tmp_path, env=env, timeout=600)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    results = json.loads((tmp_path / "pmreview-eval-report" / "results.json").read_text())
    assert set(results["suites"]["blame"]["families"]) == {"github", "web"}
    assert (tmp_path / "pmreview-eval-report" / "report.html").is_file()

    # the LLM adapter ships too: replay with nothing recorded is a one-line harness error, never a call
    llm = subprocess.run([str(pmreview), "eval", "--data", str(corpus), "--suite", "blame", "--llm", "some-model",
                          "--cache-mode", "replay", "--cassettes", str(tmp_path / "cassettes")],
                         capture_output=True, text=True, cwd=tmp_path, env=env, timeout=600)
    first = llm.stderr.splitlines()[0] if llm.stderr else ""
    assert llm.returncode == 2 and first.startswith("pmreview: error:") and "not recorded" in first, llm.stderr

    # without --data an installed package has no fixtures: a one-line error, exit 2
    bare = subprocess.run([str(pmreview), "eval"], capture_output=True, text=True, cwd=tmp_path,
                          env=env, timeout=300)
    assert bare.returncode == 2 and "--data" in bare.stderr and "Traceback" not in bare.stderr
