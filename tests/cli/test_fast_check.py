"""The typer-free `check` (reviewer.cli.fast_check) calls run_check exactly as the typer app
does for the same words, and leaves every other command line to typer."""

from __future__ import annotations

import subprocess
import sys

import pytest

from reviewer.cli import check as check_mod
from reviewer.cli import fast_check
from reviewer.cli.commands import _click_command

SURE = [
    ["check", "a.md"],
    ["check", "-"],
    ["check", "a.md", "b/", "-", ""],
    ["check", "--format", "json", "a.md"],
    ["check", "a.md", "-f", "sarif", "--fail-on", "never"],
    ["check", "--format=rdjsonl", "--fail-on=error", "a.md"],
    ["check", "a.md", "--select", "BL", "--select", "AC,ST", "--ignore", "BL007", "--ignore=HR"],
    ["check", "--jobs", "2", "a.md", "-j", "1"],
    ["check", "--jobs=04", "a.md"],
    ["check", "--color", "a.md", "--no-color"],
    ["check", "--no-color", "--color", "a.md"],
    ["check", "--config", "x/.pmreview.toml", "--baseline", "b.json", "--write-baseline", "c.json", "a.md"],
    ["check", "--format", "json", "--format", "github", "a.md"],
    ["check", "a.md", "--", "-b.md", "--format"],
]

LEFT_TO_TYPER = [
    [], ["rules"], ["fix", "a.md"], ["check"], ["check", "--help"], ["check", "a.md", "--llm"],
    ["check", "a.md", "--llm-model", "x"], ["check", "--format", "JSON", "a.md"], ["check", "--format", "xml", "a.md"],
    ["check", "-fjson", "a.md"], ["check", "-f=json", "a.md"], ["check", "-j2", "a.md"], ["check", "--jobs", "0", "a.md"],
    ["check", "--jobs", "1.5", "a.md"], ["check", "--jobs", "-1", "a.md"], ["check", "a.md", "--jobs"],
    ["check", "--select", "--ignore", "a.md"], ["check", "--select=", "a.md"], ["check", "--config", "", "a.md"],
    ["check", "--color=yes", "a.md"], ["check", "--fail-on", "warn", "a.md"], ["check", "-x", "a.md"],
    ["check", "--fromat", "json", "a.md"], ["--help"], ["check", "--", ], ["check", "a.md", "--version"],
]


def _calls_through(monkeypatch, runner) -> tuple:
    calls = []
    monkeypatch.setattr(check_mod, "run_check", lambda *a, **k: calls.append((a, k)) or 0)
    runner()
    assert len(calls) == 1
    return calls[0]


@pytest.mark.parametrize("args", SURE, ids=" ".join)
def test_a_plain_check_calls_run_check_as_typer_does(monkeypatch, args):
    request = fast_check.parse(args)
    assert request is not None
    fast = _calls_through(monkeypatch, lambda: fast_check.run(request))
    typer_side = _calls_through(monkeypatch, lambda: _click_command(args)(args, standalone_mode=False))
    assert fast == typer_side


@pytest.mark.parametrize("args", LEFT_TO_TYPER, ids=lambda a: " ".join(a) or "(none)")
def test_anything_else_is_left_to_typer(args):
    assert fast_check.parse(args) is None


def test_a_plain_check_imports_no_typer_and_errors_still_read_as_typer_writes_them(tmp_path):
    draft = tmp_path / "a.md"
    draft.write_text("# Summary\n\nRoot cause: human error.\n")
    # Listed at exit by an atexit handler: a plain check ends with os._exit after running them.
    code = ("import atexit, sys, runpy\nsys.argv = ['pmreview', 'check', '--format', 'json', sys.argv[1]]\n"
            "atexit.register(lambda: print('loaded', [m for m in sys.modules if m.split('.')[0] in ('typer', 'click')],"
            " file=sys.stderr))\n"
            "runpy.run_module('reviewer', run_name='__main__')\n")
    proc = subprocess.run([sys.executable, "-c", code, str(draft)], capture_output=True, text=True, timeout=60)
    assert proc.stderr.strip().splitlines()[-1] == "loaded []"
    assert proc.returncode == 1
    assert '"rule": "BL002"' in proc.stdout
    bad = subprocess.run([sys.executable, "-m", "reviewer", "check", "--jobs", "0", str(draft)],
                         capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2
    assert bad.stderr.startswith("pmreview: error: Invalid value for '--jobs' / '-j'")
