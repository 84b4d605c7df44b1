"""The forked worker pool (reviewer.cli.forked): results in task order whatever finishes first,
a chunk's exception raised where the chunk's results would be, a dead worker an error (never
a hang), and no worker left behind when the caller stops early."""

from __future__ import annotations

import os
import time

import pytest

from reviewer.cli.forked import WorkerDied, forked_map


def _slow_evens(n: int) -> tuple[int, int]:
    if n % 2 == 0:
        time.sleep(0.002)  # even tasks finish last: order must not follow finishing time
    return n, os.getpid()


@pytest.mark.parametrize(("tasks", "jobs", "chunk"), [(1, 2, 1), (7, 2, 3), (100, 3, 1), (100, 2, 8), (5, 8, 1)])
def test_results_come_in_task_order_from_several_workers(tasks, jobs, chunk):
    results = list(forked_map(_slow_evens, list(range(tasks)), jobs, chunk))
    assert [n for n, _ in results] == list(range(tasks))
    workers = {pid for _, pid in results}
    assert os.getpid() not in workers
    if tasks >= 100:
        assert len(workers) == jobs  # every worker took chunks


def _fails_on_13(n: int) -> int:
    if n == 13:
        raise ValueError("thirteen")
    return n


def test_a_chunk_that_raises_raises_in_the_caller_after_the_results_before_it():
    got = []
    with pytest.raises(ValueError, match="thirteen"):
        for n in forked_map(_fails_on_13, list(range(40)), 2, 2):
            got.append(n)
    assert got == list(range(12))  # 12 and 13 share the chunk that raised


def _dies_on_5(n: int) -> int:
    if n == 5:
        os._exit(3)  # a worker killed mid-run (out of memory, a signal)
    return n


def test_a_worker_that_dies_is_an_error_not_a_hang():
    with pytest.raises(WorkerDied):
        list(forked_map(_dies_on_5, list(range(10)), 1, 1))


def _children() -> set[int]:
    path = f"/proc/{os.getpid()}/task/{os.getpid()}/children"
    return set(map(int, open(path).read().split())) if os.path.exists(path) else set()


def test_stopping_early_leaves_no_worker_behind():
    before = _children()
    results = forked_map(_slow_evens, list(range(1000)), 2, 1)
    assert next(results)[0] == 0
    results.close()
    assert _children() == before


def test_a_pooled_check_with_a_terminal_on_stderr_shows_a_bar_there_and_keeps_stdout_clean(tmp_path):
    """The bar's thread starts after the workers are forked; stdout is the same as without a terminal."""
    import pty
    import subprocess
    import sys

    for i in range(24):
        (tmp_path / f"{i:02d}.md").write_text(f"# Summary\n\nRoot cause {i}: human error.\n", encoding="utf-8")
    command = [sys.executable, "-m", "reviewer", "check", "--jobs", "2", "--format", "json", str(tmp_path)]
    plain = subprocess.run(command, capture_output=True, timeout=120)
    primary, secondary = pty.openpty()
    try:
        with_bar = subprocess.run(command, stdout=subprocess.PIPE, stderr=secondary, timeout=120)
        os.close(secondary)
        shown = b""
        while True:
            try:
                data = os.read(primary, 1 << 16)
            except OSError:  # the terminal's other side is closed: all read
                break
            if not data:
                break
            shown += data
    finally:
        os.close(primary)
    assert with_bar.returncode == plain.returncode == 1
    assert with_bar.stdout == plain.stdout and b'"BL002"' in plain.stdout
    assert b"reviewing" in shown and plain.stderr == b""


def test_each_worker_runs_at_end_after_its_work_and_the_caller_waits_for_it(tmp_path):
    """How a worker keeps what it built (reviewer.disk_cache.save_all): it leaves by os._exit,
    so no atexit handler would run; the caller's run ends only once every at_end is done."""
    def at_end() -> None:
        time.sleep(0.05)  # still saving when the last result has arrived
        (tmp_path / str(os.getpid())).write_text("saved")

    results = list(forked_map(_slow_evens, list(range(40)), 2, 2, at_end=at_end))
    assert [n for n, _ in results] == list(range(40))
    assert {p.name for p in tmp_path.iterdir()} == {str(pid) for _, pid in results}
