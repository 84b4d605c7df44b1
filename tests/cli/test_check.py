"""`pmreview check` end to end, as a subprocess: exit codes, inputs, options, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "fixtures" / "postmortems"
BLAMELESS = FIXTURES / "pm-013-fraud-scorer-mtls-expiry.md"
HEAVY = FIXTURES / "pm-001-cartwheel-skip-canary.md"


def findings(proc) -> list[dict]:
    return [f for file in json.loads(proc.stdout)["files"] for f in file["findings"]]


def test_flags_blame_and_reminders_in_a_heavy_draft(cli):
    proc = cli("check", str(HEAVY), "--format", "json")
    assert proc.returncode == 1, proc.stderr
    rules = {f["rule"] for f in findings(proc)}
    assert {"BL001", "BL003", "AC001", "HR001"} <= rules
    for f in findings(proc):
        assert f["range"]["start"]["line"] >= 1 and f["range"]["start"]["column"] >= 1
        assert f["suggestion"] or f["message"]


def test_clean_blameless_draft_passes(cli):
    proc = cli("check", str(BLAMELESS))
    assert proc.returncode == 0, proc.stdout.decode()
    assert b"No findings" in proc.stdout


def test_text_output_has_a_code_frame(cli):
    proc = cli("check", str(HEAVY), "--no-color")
    out = proc.stdout.decode()
    assert " | " in out and "^" in out and "pm-001-cartwheel-skip-canary.md:" in out


def test_stdin_is_reviewed(cli):
    proc = cli("check", "-", "--format", "json", stdin=b"# Summary\n\nRoot cause: human error.\n")
    assert proc.returncode == 1
    assert [f["rule"] for f in findings(proc) if f["rule"] == "BL002"] == ["BL002"]
    assert json.loads(proc.stdout)["files"][0]["path"] == "<stdin>"


def test_directory_is_recursed_for_markdown(cli, tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.md").write_text("# Summary\n\nRoot cause: human error.\n")
    (tmp_path / "notes.txt").write_text("Root cause: human error.\n")
    proc = cli("check", str(tmp_path), "--format", "json")
    paths = [f["path"] for f in json.loads(proc.stdout)["files"]]
    assert paths == [str(tmp_path / "a" / "one.md")]


@pytest.mark.parametrize(("fail_on", "code"), [("error", 1), ("never", 0)])
def test_fail_on(cli, fail_on, code):
    proc = cli("check", "-", "--fail-on", fail_on, stdin=b"Root cause: human error.\n")
    assert proc.returncode == code


def test_fail_on_error_ignores_warnings(cli):
    proc = cli("check", "-", "--fail-on", "error", "--select", "BL003",
               stdin=b"Maria should have checked the canary.\n")
    assert proc.returncode == 0 and b"BL003" in proc.stdout


def test_select_and_ignore(cli):
    text = b"Root cause: human error. Maria should have checked the canary.\n"
    only = {f["rule"] for f in findings(cli("check", "-", "-f", "json", "--select", "BL002", stdin=text))}
    assert only == {"BL002"}
    rest = {f["rule"] for f in findings(cli("check", "-", "-f", "json", "--ignore", "BL002,ST", stdin=text))}
    assert "BL002" not in rest and "BL003" in rest and not any(r.startswith("ST") for r in rest)


@pytest.mark.parametrize("args", [["--select", "BL999"], ["--ignore", "nonsense-rule"], ["--format", "xml"],
                                  ["--fail-on", "sometimes"]])
def test_usage_errors_exit_2_with_one_line(cli, args):
    proc = cli("check", "-", *args, stdin=b"x\n")
    assert proc.returncode == 2
    err = proc.stderr.decode().strip()
    assert err.count("\n") == 0 and "Traceback" not in err and err.startswith("pmreview: error:")


def test_bad_inputs_are_reported_and_others_still_reviewed(cli, tmp_path):
    binary = tmp_path / "b.md"
    binary.write_bytes(b"\x89PNG\x00\x00\x00binary")
    latin1 = tmp_path / "l.md"
    latin1.write_bytes("Caf\xe9 outage".encode("latin-1"))
    empty = tmp_path / "e.md"
    empty.write_text("")
    good = tmp_path / "g.md"
    good.write_text("Root cause: human error.\n")
    nomd = tmp_path / "nomd"
    nomd.mkdir()
    proc = cli("check", str(binary), str(latin1), str(empty), str(tmp_path / "missing.md"), str(nomd), str(good),
               "--format", "json", "--select", "BL")
    assert proc.returncode == 2
    files = {Path(f["path"]).name: f for f in json.loads(proc.stdout)["files"]}
    assert files["b.md"]["errors"][0]["code"] == "binary"
    assert files["l.md"]["errors"][0]["code"] == "encoding" and "line 1" in files["l.md"]["errors"][0]["message"]
    assert files["e.md"]["errors"] == [] and files["e.md"]["findings"] == []  # empty: reviewed, nothing found
    assert files["missing.md"]["errors"][0]["code"] == "missing"
    assert files["nomd"]["errors"][0]["code"] == "no-markdown"
    assert [f["rule"] for f in files["g.md"]["findings"]] == ["BL002"]
    stderr = proc.stderr.decode()
    assert "Traceback" not in stderr and len(stderr.strip().splitlines()) == 4


def test_a_20_mb_file_is_refused_in_one_line(cli, tmp_path):
    big = tmp_path / "big.md"
    big.write_text("Root cause: human error.\n" * 800_000)
    proc = cli("check", str(big))
    assert proc.returncode == 2
    both = proc.stdout.decode() + proc.stderr.decode()
    assert both.count("too large") == 1 and "Traceback" not in both  # text output: in the report, once


def test_crlf_file_positions(cli, tmp_path):
    path = tmp_path / "crlf.md"
    path.write_bytes(b"# Summary\r\n\r\nRoot cause: human error.\r\n")
    f = findings(cli("check", str(path), "-f", "json", "--select", "BL002"))[0]
    assert f["range"] == {"start": {"line": 3, "column": 13}, "end": {"line": 3, "column": 24}}


def test_the_input_file_is_never_modified(cli, tmp_path):
    path = tmp_path / "draft.md"
    path.write_bytes(HEAVY.read_bytes())
    before = path.read_bytes()
    cli("check", str(path))
    assert path.read_bytes() == before


def test_rules_and_rule_commands(cli):
    listing = cli("rules", "--format", "json")
    rows = json.loads(listing.stdout)
    assert {"BL001", "AC001", "ST001", "TL003", "HR001"} <= {r["id"] for r in rows}
    page = cli("rule", "reminder-action-item")
    assert page.returncode == 0 and page.stdout.startswith(b"# AC001 reminder-action-item")
    assert cli("rule", "BL999").returncode == 2


def test_python_dash_m_and_console_script_agree(cli):
    assert cli("--help").returncode == 0
