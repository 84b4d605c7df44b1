"""`pmreview fix` end to end, as a subprocess: the diff, --write, line endings, errors."""

from __future__ import annotations

import stat
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BLAMELESS = ROOT / "fixtures" / "postmortems" / "pm-013-fraud-scorer-mtls-expiry.md"

DRAFT = """\
# Incident 42: cache outage

## Summary

Obviously, the cache was misconfigured. Tom carelessly deleted the index!!!

## Timeline

- 10:00 UTC alert fired
"""
FIXED = DRAFT.replace("Obviously, the cache", "The cache").replace("Tom carelessly deleted", "Tom deleted") \
    .replace("index!!!", "index.")
RULES = ("--select", "BL004,BL005,BL007")


def draft(tmp_path: Path, text: str = DRAFT, name: str = "pm.md") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode())
    return path


def test_diff_shows_the_deterministic_suggestions_and_writes_nothing(cli, tmp_path):
    path = draft(tmp_path)
    proc = cli("fix", str(path), *RULES)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.decode() == (
        f"--- a/{path}\n"
        f"+++ b/{path}\n"
        "@@ -2,7 +2,7 @@\n"
        " \n"
        " ## Summary\n"
        " \n"
        "-Obviously, the cache was misconfigured. Tom carelessly deleted the index!!!\n"
        "+The cache was misconfigured. Tom deleted the index.\n"
        " \n"
        " ## Timeline\n"
        " \n"
    )
    assert proc.stderr.decode().strip().splitlines()[-1] == "3 edits in 1 files (0 skipped)"
    assert path.read_text() == DRAFT


def test_diff_path_headers_are_as_given(cli, tmp_path):
    draft(tmp_path)
    proc = cli("fix", "pm.md", *RULES, cwd=tmp_path)
    assert proc.stdout.decode().splitlines()[:2] == ["--- a/pm.md", "+++ b/pm.md"]


def test_write_applies_exactly_those_spans_then_nothing_is_left(cli, tmp_path):
    path = draft(tmp_path)
    path.chmod(0o640)
    proc = cli("fix", "--write", str(path), *RULES)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == b""
    assert path.read_bytes() == FIXED.encode()
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pm.md"]
    again = cli("fix", str(path), *RULES)
    assert again.returncode == 0 and again.stdout == b""
    assert b"0 edits in 0 files (0 skipped)" in again.stderr


def test_write_with_all_rules_reaches_a_fixed_point(cli, tmp_path):
    path = draft(tmp_path)
    assert cli("fix", "--write", str(path)).returncode == 0
    again = cli("fix", str(path))
    assert again.returncode == 0 and again.stdout == b""


def test_crlf_file_stays_crlf_and_keeps_its_missing_final_newline(cli, tmp_path):
    text = DRAFT.rstrip("\n").replace("\n", "\r\n")
    path = draft(tmp_path, text)
    diff = cli("fix", str(path), *RULES)
    assert diff.returncode == 0
    assert b"-Obviously, the cache was misconfigured. Tom carelessly deleted the index!!!\r\n" in diff.stdout
    proc = cli("fix", "--write", str(path), *RULES)
    assert proc.returncode == 0, proc.stderr
    assert path.read_bytes() == FIXED.rstrip("\n").replace("\n", "\r\n").encode()


def test_bom_is_kept(cli, tmp_path):
    path = tmp_path / "pm.md"
    path.write_bytes(b"\xef\xbb\xbf" + DRAFT.encode())
    assert cli("fix", "--write", str(path), *RULES).returncode == 0
    assert path.read_bytes() == b"\xef\xbb\xbf" + FIXED.encode()


def test_select_and_ignore_limit_the_edits(cli, tmp_path):
    path = draft(tmp_path)
    only = cli("fix", str(path), "--select", "BL007").stdout.decode()
    assert "+Obviously, the cache was misconfigured. Tom carelessly deleted the index.\n" in only
    ignored = cli("fix", str(path), *RULES, "--ignore", "BL004").stdout.decode()
    assert "+Obviously, the cache was misconfigured. Tom deleted the index.\n" in ignored
    bad = cli("fix", str(path), "--select", "NOPE999")
    assert bad.returncode == 2 and b"unknown rule" in bad.stderr


def test_no_op_file_exits_0_with_an_empty_diff(cli):
    proc = cli("fix", str(BLAMELESS), *RULES)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == b""
    assert b"0 edits in 0 files (0 skipped)" in proc.stderr


def test_missing_file_exits_2_and_other_files_are_still_fixed(cli, tmp_path):
    path = draft(tmp_path)
    missing = tmp_path / "nope.md"
    proc = cli("fix", "--write", str(missing), str(path), *RULES)
    assert proc.returncode == 2
    lines = proc.stderr.decode().splitlines()
    assert f"pmreview: error: {missing}: no such file or directory" in lines
    assert lines[-1] == "3 edits in 1 files (0 skipped)"
    assert path.read_bytes() == FIXED.encode()


def test_directory_is_recursed(cli, tmp_path):
    (tmp_path / "a").mkdir()
    one = draft(tmp_path / "a", name="one.md")
    two = draft(tmp_path, name="two.md")
    proc = cli("fix", str(tmp_path), *RULES)
    assert proc.returncode == 0
    out = proc.stdout.decode()
    assert f"--- a/{one}\n" in out and f"--- a/{two}\n" in out
    assert b"6 edits in 2 files (0 skipped)" in proc.stderr


def test_stdin_prints_the_diff(cli):
    proc = cli("fix", "-", *RULES, stdin=DRAFT.encode())
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.decode().startswith("--- a/<stdin>\n+++ b/<stdin>\n")


def test_stdin_cannot_be_written(cli):
    proc = cli("fix", "--write", "-", stdin=DRAFT.encode())
    assert proc.returncode == 2
    assert proc.stderr.decode().count("\n") == 1 and b"stdin" in proc.stderr
    assert proc.stdout == b""
