"""Generated rule pages must match the registry (regenerate with scripts/gen_rule_docs.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_rule_docs_are_fresh():
    proc = subprocess.run([sys.executable, "scripts/gen_rule_docs.py", "--check"], cwd=ROOT, capture_output=True)
    assert proc.returncode == 0, proc.stdout.decode()
