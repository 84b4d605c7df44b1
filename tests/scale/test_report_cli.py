"""`pmreview report`: the audit files of a small collection, from the real CLI."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
from gen_corpus import write_corpus  # noqa: E402


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "reviewer", *args], capture_output=True, text=True, timeout=300)


def test_report_writes_html_json_and_csv(tmp_path):
    corpus = tmp_path / "pms"
    write_corpus(corpus, 12, seed=5)
    out = tmp_path / "audit"
    result = run("report", str(corpus), "--out", str(out), "--jobs", "2")
    assert result.returncode == 0, result.stderr
    data = json.loads((out / "report.json").read_text())
    summary = data["summary"]
    assert summary["documents"] == summary["reviewed"] == 12
    assert summary["action_items"] > 0 and 0 <= summary["reminder_share"] <= 1
    assert summary["undated_documents"] == 0  # front matter or the title carries every date
    assert sum(m["documents"] for m in summary["trend_by_month"]) == 12
    rows = list(csv.DictReader((out / "documents.csv").open()))
    assert [r["path"] for r in rows] == sorted(str(p) for p in corpus.glob("*.md"))
    assert sum(int(r["BL"]) for r in rows) == summary["findings_by_group"]["BL"]
    html = (out / "report.html").read_text()
    assert "<html" in html and "Postmortem audit" in html
    assert "http://" not in html and "https://" not in html  # self-contained: nothing fetched


def test_report_names_unreadable_inputs_and_exits_2(tmp_path):
    good = tmp_path / "a.md"
    good.write_text("# Summary\n\nThe outage was caused by human error.\n")
    result = run("report", str(good), str(tmp_path / "missing.md"), "--out", str(tmp_path / "audit"))
    assert result.returncode == 2
    assert "missing.md" in result.stderr and "Traceback" not in result.stderr
    summary = json.loads((tmp_path / "audit" / "report.json").read_text())["summary"]
    assert summary["reviewed"] == 1 and summary["not_reviewed"][0]["path"].endswith("missing.md")
