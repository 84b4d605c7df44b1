"""Streamed output (one file's part at a time) is byte-identical to the whole document at once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reviewer.cli.outcome import Outcome, OutputOptions, outcome
from reviewer.findings import FileReport, Report, ToolError
from reviewer.render.json_format import report_dict
from reviewer.render.sarif import file_results, sarif_log
from reviewer.render.stream import StreamWriter, render_all, render_part
from reviewer.review import review

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample.md"
BROKEN = FileReport("broken.md", errors=(ToolError("not valid UTF-8 (byte 3, line 1)", "encoding"),))
CLEAN = review("# Summary\n\nThe cache filled at 10:02 UTC.\n", "clean.md")


def _reports() -> dict[str, Report]:
    sample = review(SAMPLE.read_text(encoding="utf-8"), "postmortems/sample.md")
    other = review("# Root cause\n\nBob pushed the bad config.\n", "other.md")
    return {
        "empty": Report(()),
        "one": Report((sample,)),
        "error only": Report((BROKEN,)),
        "clean only": Report((CLEAN,)),
        "mixed": Report((CLEAN, sample, BROKEN, other, CLEAN)),
    }


def _whole(value: object) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"


@pytest.mark.parametrize("name", list(_reports()))
def test_json_stream_equals_one_dump(name):
    report = _reports()[name]
    assert render_all(report, "json") == _whole(report_dict(report))


@pytest.mark.parametrize("name", list(_reports()))
def test_sarif_stream_equals_one_dump(name):
    report = _reports()[name]
    results = [r for file in report.files for r in file_results(file)]
    notes = [{"level": "error", "message": {"text": f"{file.path}: {e.message}"}}
             for file in report.files for e in file.errors]
    assert render_all(report, "sarif") == _whole(sarif_log(results, notes))


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "rdjsonl", "github"])
def test_parts_written_one_by_one_equal_the_whole(fmt):
    report = _reports()["mixed"]
    written: list[str] = []
    writer = StreamWriter(fmt, written.append)
    for file in report.files:
        writer.add(render_part(file, fmt))
    writer.close()
    assert "".join(written) == render_all(report, fmt)
    assert len(written) > 1  # written as the files came, not at the end


def test_a_worker_sends_back_strings_not_the_report():
    sample = review(SAMPLE.read_text(encoding="utf-8"), "postmortems/sample.md")
    result = outcome(OutputOptions("json"), sample)
    assert isinstance(result, Outcome)
    assert result.part.text and result.part.counts[1] > 0
    assert not any(isinstance(v, FileReport) for v in (result.part, result.dropped, result.entries))
