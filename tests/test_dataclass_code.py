"""Our dataclasses' methods come from the code cache (reviewer.dataclass_code) and behave as
compiled afresh; other modules' dataclasses never touch it."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
import types

import pytest

from reviewer import dataclass_code


@pytest.fixture
def fresh(tmp_path, monkeypatch):
    monkeypatch.setenv("PMREVIEW_CACHE_DIR", str(tmp_path))
    dataclass_code.CODE.forget()
    yield tmp_path
    dataclass_code.CODE.forget()


def _define(module_name: str):
    module = types.ModuleType(module_name)
    sys.modules[module_name] = module
    try:
        exec("from dataclasses import dataclass, field\n"
             "@dataclass(frozen=True, slots=True, order=True)\n"
             "class Point:\n    x: int\n    y: int = 0\n    tags: tuple = field(default=(), compare=False)\n",
             module.__dict__)
        return module.Point
    finally:
        del sys.modules[module_name]


def test_a_cached_class_behaves_as_one_compiled_afresh(fresh, monkeypatch):
    assert "exec" in vars(dataclasses)  # installed by `import reviewer`
    first = _define("reviewer.example_points")
    assert dataclass_code.CODE._new  # its methods were compiled and recorded
    dataclass_code.CODE.save()
    dataclass_code.CODE.forget()  # as in a new process
    monkeypatch.setattr(dataclass_code, "compile", lambda *a: pytest.fail("compiled again"), raising=False)
    second = _define("reviewer.example_points")
    for cls in (first, second):
        p = cls(1, tags=("a",))
        assert (p.x, p.y, p.tags) == (1, 0, ("a",))
        assert repr(p) == "Point(x=1, y=0, tags=('a',))"
        assert p == cls(1, 0) and p < cls(2) and hash(p) == hash(cls(1, 0))
        with pytest.raises(dataclasses.FrozenInstanceError):
            p.x = 3  # type: ignore[misc]
        with pytest.raises(TypeError):
            cls()  # type: ignore[call-arg]


def test_other_modules_dataclasses_do_not_use_the_cache(fresh):
    _define("someone_else.points")
    assert not dataclass_code.CODE._new


def test_a_damaged_cache_file_means_compiling_as_before(fresh):
    _define("reviewer.example_points")
    dataclass_code.CODE.save()
    path = dataclass_code.CODE.path()
    path.write_bytes(b"not marshal data")
    dataclass_code.CODE.forget()
    assert _define("reviewer.example_points")(4).x == 4


def test_a_check_run_writes_the_cache_once_and_reads_it_after(tmp_path):
    draft = tmp_path / "a.md"
    draft.write_text("# Summary\n\nRoot cause: human error.\n")
    env_cache = tmp_path / "cache"
    # Counted by an atexit handler (a plain check ends with os._exit after running them),
    # registered after the cache's own, so it runs before the cache is saved.
    code = ("import atexit, sys, runpy\nsys.argv = ['pmreview', 'check', sys.argv[1]]\n"
            "from reviewer import dataclass_code\n"
            "atexit.register(lambda: print(len(dataclass_code.CODE._used), len(dataclass_code.CODE._new),"
            " file=sys.stderr))\n"
            "runpy.run_module('reviewer', run_name='__main__')\n")
    import os
    env = {**os.environ, "PMREVIEW_CACHE_DIR": str(env_cache)}
    runs = [subprocess.run([sys.executable, "-c", code, str(draft)], capture_output=True, text=True, env=env,
                           timeout=60) for _ in range(2)]
    assert runs[0].stdout == runs[1].stdout and "BL002" in runs[0].stdout
    assert int(runs[0].stderr.split()[-1]) > 20  # the first run compiled and recorded them
    used, new = map(int, runs[1].stderr.split()[-2:])
    assert new == 0 and used > 20  # the second run compiled none of our classes' methods
