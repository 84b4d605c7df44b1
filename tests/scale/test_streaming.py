"""A corpus run keeps nothing per file: memory does not grow with the number of files, and
pool workers send back each file's rendered part, not its report."""

from __future__ import annotations

import functools
import sys
import tracemalloc
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
from gen_corpus import write_corpus  # noqa: E402

from reviewer.cli.check import run_check  # noqa: E402
from reviewer.cli.many import review_all  # noqa: E402
from reviewer.cli.outcome import Outcome, OutputOptions, outcome  # noqa: E402
from reviewer.config import Config  # noqa: E402
from reviewer.render.stream import StreamWriter  # noqa: E402
from reviewer.sources import locate  # noqa: E402


class _Sink:
    """stdout that keeps nothing (a StringIO would grow with the output)."""

    def write(self, text: str) -> int:
        return len(text)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False


def _peak_bytes(folder: Path, monkeypatch) -> int:
    monkeypatch.setattr(sys, "stdout", _Sink())
    run_check([str(folder)], "json", "never", None, None, None, False, jobs=1)  # warm: lexicons, patterns
    tracemalloc.start()
    try:
        run_check([str(folder)], "json", "never", None, None, None, False, jobs=1)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_does_not_grow_with_the_number_of_files(tmp_path, monkeypatch):
    write_corpus(tmp_path / "few", 15, seed=5)
    write_corpus(tmp_path / "many", 120, seed=5)
    few, many = _peak_bytes(tmp_path / "few", monkeypatch), _peak_bytes(tmp_path / "many", monkeypatch)
    # 8x the files: a run that kept each file's report (or its output) would need ~8x the memory.
    assert many < 1.6 * few, (few, many)


@pytest.mark.parametrize("fmt", ["text", "sarif"])
def test_pool_workers_send_back_parts_in_input_order(tmp_path, fmt):
    paths = write_corpus(tmp_path / "corpus", 24, seed=9)
    items = locate([str(tmp_path / "corpus")], Config().max_file_bytes)
    after = functools.partial(outcome, OutputOptions(fmt))
    runs = {}
    for jobs in (1, 2):
        results = list(review_all(items, lambda _path: Config(), jobs, limit=Config().max_file_bytes, after=after))
        assert all(isinstance(r, Outcome) for r in results)
        out: list[str] = []
        writer = StreamWriter(fmt, out.append)
        for r in results:
            writer.add(r.part)
        writer.close()
        runs[jobs] = "".join(out)
        assert [r.part.path for r in results] == [str(p) for p in paths]
    assert runs[1] == runs[2] and runs[1]
