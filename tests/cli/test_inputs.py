"""Inputs that used to crash, hang or be read without bound (issue 10): each is a one-line
error with exit 2, and the other inputs are still reviewed."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from tests.cli.conftest import ROOT

BLAME = "# Summary\n\nRoot cause: human error.\n"
NOBODY = 65534


def files_of(proc) -> dict[str, dict]:
    return {Path(f["path"]).name: f for f in json.loads(proc.stdout)["files"]}


def one_line_errors(proc) -> list[str]:
    err = proc.stderr.decode()
    assert "Traceback" not in err and "internal error" not in err, err
    return err.strip().splitlines()


@pytest.fixture
def shared_dir():
    """A folder another user can enter (tmp_path is private to root), removed afterwards."""
    path = Path(tempfile.mkdtemp(prefix="pmreview-perm-", dir="/tmp"))
    path.chmod(0o755)
    yield path
    for folder, dirs, _ in os.walk(path):
        for d in dirs:
            os.chmod(os.path.join(folder, d), 0o755)
    shutil.rmtree(path)


def run_unprivileged(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """Permissions do not stop root: run the CLI as `nobody` when the tests run as root."""
    prefix: list[str] = []
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")  # util-linux; in Debian's base system
        assert setpriv, "running as root needs setpriv to test permissions"
        prefix = [setpriv, f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]
    return subprocess.run([*prefix, sys.executable, "-m", "reviewer", *args], capture_output=True, cwd=cwd,
                          timeout=60, env={**os.environ, "PYTHONPATH": str(ROOT)})


def test_unreadable_directory_and_file_under_it(shared_dir):
    (shared_dir / "good.md").write_text(BLAME)
    locked = shared_dir / "locked"
    locked.mkdir()
    (locked / "a.md").write_text(BLAME)
    locked.chmod(0)
    proc = run_unprivileged("check", "locked", "locked/a.md", "good.md", "-f", "json", cwd=shared_dir)
    assert proc.returncode == 2
    files = files_of(proc)
    assert files["locked"]["errors"][0]["message"] == "cannot read directory: Permission denied"
    assert files["a.md"]["errors"][0]["message"] == "cannot read: Permission denied"
    assert files["good.md"]["findings"] and not files["good.md"]["errors"]
    assert len(one_line_errors(proc)) == 2


def test_unreadable_subdirectory_is_named_and_the_rest_reviewed(shared_dir):
    (shared_dir / "pm").mkdir()
    (shared_dir / "pm" / "good.md").write_text(BLAME)
    (shared_dir / "pm" / "private").mkdir()
    (shared_dir / "pm" / "private" / "b.md").write_text(BLAME)
    (shared_dir / "pm" / "private").chmod(0)
    proc = run_unprivileged("check", "pm", "-f", "json", cwd=shared_dir)
    assert proc.returncode == 2
    files = files_of(proc)
    assert files["private"]["errors"][0]["message"].startswith("cannot read directory")
    assert files["good.md"]["findings"] and not files["good.md"]["errors"]
    assert "no Markdown files" not in proc.stdout.decode()


def test_config_discovery_inside_an_unreadable_directory(shared_dir):
    locked = shared_dir / "locked"
    locked.mkdir()
    (locked / ".pmreview.toml").write_text('select = ["BL"]\n')
    (locked / "a.md").write_text(BLAME)
    locked.chmod(0o311)  # enter and open by name only: no listing, config unreadable to others
    (locked / ".pmreview.toml").chmod(0)
    proc = run_unprivileged("check", "locked/a.md", cwd=shared_dir)
    [line] = one_line_errors(proc)
    assert proc.returncode == 2 and ".pmreview.toml: cannot read config" in line


def test_file_name_too_long(cli, tmp_path):
    (tmp_path / "good.md").write_text(BLAME)
    proc = cli("check", str(tmp_path / ("x" * 300 + ".md")), str(tmp_path / "good.md"), "-f", "json")
    assert proc.returncode == 2
    [long_name] = [f for name, f in files_of(proc).items() if name.startswith("xxx")]
    assert long_name["errors"][0]["message"] == "cannot read: File name too long"
    assert files_of(proc)["good.md"]["findings"]
    assert len(one_line_errors(proc)) == 1


def test_stdin_closed():
    proc = subprocess.run(["sh", "-c", f"exec {sys.executable} -m reviewer check - -f json <&-"],
                          capture_output=True, cwd=ROOT, timeout=60)
    [line] = one_line_errors(proc)
    assert proc.returncode == 2 and line == "pmreview: error: <stdin>: cannot read stdin: it is closed"


@pytest.mark.parametrize("special", ["/dev/zero", "fifo"])
def test_only_regular_files_are_read(cli, tmp_path, special):
    if special == "fifo":
        special = str(tmp_path / "pipe.md")
        os.mkfifo(special)  # nobody writes to it: opening it for reading used to wait forever
    (tmp_path / "good.md").write_text(BLAME)
    proc = cli("check", special, str(tmp_path / "good.md"), "-f", "json")
    assert proc.returncode == 2
    errors = [f["errors"][0]["message"] for f in json.loads(proc.stdout)["files"] if f["errors"]]
    assert errors == ["not a regular file (pipe, device or socket)"]
    assert files_of(proc)["good.md"]["findings"]


def test_stdin_is_read_only_up_to_the_limit(tmp_path):
    # /dev/zero as stdin never ends: the read stops at max-file-bytes + 1.
    (tmp_path / ".pmreview.toml").write_text("max-file-bytes = 1000\n")
    with open("/dev/zero", "rb") as zero:
        proc = subprocess.run([sys.executable, "-m", "reviewer", "check", "-", "--config",
                               str(tmp_path / ".pmreview.toml")], stdin=zero, capture_output=True, cwd=ROOT,
                              timeout=60)
    assert proc.returncode == 2
    assert "<stdin>: error: file is too large (more than the 1,000 bytes limit" in proc.stdout.decode()


def test_ascii_stdout_does_not_crash(cli, tmp_path):
    (tmp_path / "a.md").write_text("# Summary\n\nZoë pushed the bad config — twice.\n", encoding="utf-8")
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    proc = subprocess.run([sys.executable, "-m", "reviewer", "check", str(tmp_path / "a.md"), "--select", "BL"],
                          capture_output=True, cwd=ROOT, timeout=60, env=env)
    assert proc.returncode == 1, proc.stderr
    assert b"Zo\\xeb" in proc.stdout and b"Traceback" not in proc.stderr


def test_text_output_names_a_file_error_once(cli, tmp_path):
    (tmp_path / "good.md").write_text(BLAME)
    proc = cli("check", str(tmp_path / "missing.md"), str(tmp_path / "good.md"))
    both = proc.stdout.decode() + proc.stderr.decode()
    assert proc.returncode == 2 and both.count("no such file or directory") == 1


def test_empty_file_is_reviewed(cli, tmp_path):
    (tmp_path / "empty.md").write_text("")
    proc = cli("check", str(tmp_path / "empty.md"), "-f", "json")
    [file] = json.loads(proc.stdout)["files"]
    assert file["errors"] == [] and proc.returncode in (0, 1)
