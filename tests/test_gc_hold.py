"""Garbage collection held off while pmreview loads (reviewer.gc_hold): never changed for a
program that only imports reviewer, and back on, past the loaded rules, in a corpus run."""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys

import pytest

from reviewer import gc_hold


@pytest.fixture
def collector():
    enabled = gc.isenabled()
    yield
    gc.unfreeze()
    gc.enable() if enabled else gc.disable()
    gc_hold._held = False


@pytest.mark.parametrize("enabled", [True, False])
def test_an_import_block_leaves_the_collector_as_it_found_it(collector, enabled):
    gc.enable() if enabled else gc.disable()
    with gc_hold.while_importing():
        assert not gc.isenabled()
    assert gc.isenabled() is enabled


def test_loaded_changes_nothing_unless_hold_held_the_collector(collector):
    gc.enable()
    gc_hold.loaded()  # e.g. the eval harness or the editor server: its garbage is never frozen
    assert gc.get_freeze_count() == 0 and gc.isenabled()
    gc_hold.hold()
    assert not gc.isenabled()
    gc_hold.loaded()
    assert gc.isenabled() and gc.get_freeze_count() > 0
    gc.disable()
    gc_hold.hold()  # held by someone else: not ours to turn back on
    gc_hold.loaded()
    assert not gc.isenabled()


def _collector_at_exit(args: list[str], cwd) -> dict:
    code = ("import atexit, gc, json, sys, runpy\n"
            f"sys.argv = ['pmreview', *{args!r}]\n"
            "atexit.register(lambda: print(json.dumps({'enabled': gc.isenabled(), 'frozen': gc.get_freeze_count()}),"
            " file=sys.stderr))\n"
            "runpy.run_module('reviewer', run_name='__main__')\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=cwd,
                          env={**os.environ, "PMREVIEW_CACHE_DIR": str(cwd / "cache")})
    assert proc.returncode == 1, proc.stderr
    return json.loads(proc.stderr.strip().splitlines()[-1])


def test_a_check_collects_again_once_the_first_review_has_loaded_the_rules(tmp_path):
    drafts = []
    for n in range(3):
        draft = tmp_path / f"{n}.md"
        draft.write_text("# Summary\n\nRoot cause: human error.\n")
        drafts.append(str(draft))
    plain = _collector_at_exit(["check", "--jobs", "1", *drafts], tmp_path)
    assert plain["enabled"] and plain["frozen"] > 10_000  # the rules, word lists and patterns
    through_typer = _collector_at_exit(["check", "-ftext", "--jobs", "1", *drafts], tmp_path)
    assert through_typer == {"enabled": True, "frozen": 0}  # never held: as before
