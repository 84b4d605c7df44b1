"""`fix --write` keeps the file's owner and group, or refuses with one line (issue 10 item 10)."""

from __future__ import annotations

import os
import sys

import pytest

from reviewer import fix
from reviewer.cli.fix_command import run_fix

DRAFT = "# Summary\n\nObviously, the cache was misconfigured.\n"

posix_root = pytest.mark.skipif(sys.platform == "win32" or os.geteuid() != 0,
                                reason="giving a file to another owner needs root (CI runs as root in its container)")


@posix_root
def test_write_keeps_owner_group_and_mode(tmp_path, cli):
    path = tmp_path / "pm.md"
    path.write_text(DRAFT)
    os.chown(path, 1234, 5678)
    os.chmod(path, 0o640)
    proc = cli("fix", "--write", "--select", "BL004", str(path))
    assert proc.returncode == 0, proc.stderr
    info = path.stat()
    assert path.read_text() == DRAFT.replace("Obviously, the", "The")
    assert (info.st_uid, info.st_gid, info.st_mode & 0o7777) == (1234, 5678, 0o640)


def test_refuses_when_the_owner_cannot_be_kept(tmp_path, monkeypatch, capsys):
    path = tmp_path / "pm.md"
    path.write_text(DRAFT)
    real_stat = os.stat
    target = real_stat(path)

    def stat_as_if_owned_by_someone_else(p, *args, **kwargs):
        info = real_stat(p, *args, **kwargs)
        if str(p).endswith(".pmreview-tmp"):
            return os.stat_result((info.st_mode, info.st_ino, info.st_dev, info.st_nlink,
                                   target.st_uid + 1, target.st_gid, info.st_size, 0, 0, 0))
        return info

    def refuse(*args):
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(fix.os, "stat", stat_as_if_owned_by_someone_else)
    monkeypatch.setattr(fix.os, "chown", refuse)
    code = run_fix([str(path)], True, ["BL004"], None, None)
    err = capsys.readouterr().err
    assert code == 2
    assert path.read_text() == DRAFT  # untouched
    assert [p.name for p in tmp_path.iterdir()] == ["pm.md"]  # no temporary file left behind
    problem = [line for line in err.splitlines() if "error" in line]
    assert len(problem) == 1 and "cannot keep its owner and group" in problem[0] and "not written" in problem[0]
