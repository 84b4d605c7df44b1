"""Write the audit: report.json, documents.csv and a self-contained report.html."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape

from reviewer.audit.charts import charts
from reviewer.audit.collect import DocumentFacts

GROUP_NAMES = {"BL": "blame language", "AC": "action items", "ST": "structure", "TL": "timeline", "HR": "HR language"}
CSV_COLUMNS = ("path", "date", "words", "BL", "AC", "ST", "TL", "HR", "action_items", "reminder_items",
               "unowned_items", "missing_sections", "error")


def document_row(d: DocumentFacts) -> dict:
    return {
        "path": d.path, "date": d.date.isoformat() if d.date else "", "words": d.words,
        **{g: d.by_group.get(g, 0) for g in GROUP_NAMES},
        "action_items": d.action_items, "reminder_items": d.reminder_items, "unowned_items": d.unowned_items,
        "missing_sections": " ".join(d.missing_sections), "error": d.error or "",
    }


def documents_csv(docs: Sequence[DocumentFacts]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for d in docs:
        writer.writerow(document_row(d))
    return buf.getvalue()


def report_json(summary: dict, docs: Sequence[DocumentFacts]) -> str:
    return json.dumps({"summary": summary, "documents": [document_row(d) for d in docs]}, indent=1,
                      ensure_ascii=False) + "\n"


def report_html(summary: dict, docs: Sequence[DocumentFacts]) -> str:
    env = Environment(loader=PackageLoader("reviewer.audit", "."), autoescape=select_autoescape(["j2", "html"]))
    template = env.get_template("report.html.j2")
    rows = sorted((document_row(d) for d in docs), key=lambda r: (-sum(r[g] for g in GROUP_NAMES), r["path"]))
    return template.render(summary=summary, rows=rows, groups=GROUP_NAMES, charts=charts(summary))


def write_all(out: Path, summary: dict, docs: Sequence[DocumentFacts]) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    files = {"report.json": report_json(summary, docs), "documents.csv": documents_csv(docs),
             "report.html": report_html(summary, docs)}
    written = []
    for name, text in files.items():
        path = out / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
