"""Dispatch a Report to the renderer for a format name."""

from __future__ import annotations

from collections.abc import Callable

from reviewer.findings import Report

Renderer = Callable[[Report, dict[str, str]], str]


def _text(report: Report, sources: dict[str, str]) -> str:
    from reviewer.render.text import render_text

    return render_text(report, sources)


def _json(report: Report, sources: dict[str, str]) -> str:
    from reviewer.render.json_format import render_json

    return render_json(report)


def _sarif(report: Report, sources: dict[str, str]) -> str:
    from reviewer.render.sarif import render_sarif

    return render_sarif(report)


def _rdjsonl(report: Report, sources: dict[str, str]) -> str:
    from reviewer.render.rdjson import render_rdjsonl

    return render_rdjsonl(report, sources)


def _github(report: Report, sources: dict[str, str]) -> str:
    from reviewer.render.github_commands import render_github

    return render_github(report)


FORMATS: dict[str, Renderer] = {
    "text": _text, "json": _json, "sarif": _sarif, "rdjsonl": _rdjsonl, "github": _github,
}


def render(report: Report, fmt: str, sources: dict[str, str] | None = None) -> str:
    return FORMATS[fmt](report, sources or {})
