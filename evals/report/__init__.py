"""Report writers: results.json, summary.md, report.html (self-contained) and the terminal summary."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

from reviewer.evals.outcome import EvalOutcome


def jsonable(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {k: jsonable(v) for k, v in dataclasses.asdict(value).items()}
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, Path):
        return str(value)
    return value


def full_results(outcome: EvalOutcome) -> dict[str, Any]:
    """results.json: manifest, metrics, targets, gate and every per-item record."""
    out = dict(outcome.results)
    out["items"] = jsonable(outcome.details)
    return out


def write_reports(outcome: EvalOutcome, directory: Path, formats: tuple[str, ...] = ("json", "md", "html")
                  ) -> dict[str, Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}
    if "json" in formats:
        path = directory / "results.json"
        path.write_text(json.dumps(full_results(outcome), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        written["json"] = path
    if "md" in formats:
        from reviewer.evals.report.markdown import render_markdown

        path = directory / "summary.md"
        path.write_text(render_markdown(outcome.results), encoding="utf-8")
        written["md"] = path
    if "html" in formats:
        from reviewer.evals.report.html import render_html

        path = directory / "report.html"
        path.write_text(render_html(outcome), encoding="utf-8")
        written["html"] = path
    return written
