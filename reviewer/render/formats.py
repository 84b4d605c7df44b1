"""Dispatch a Report to the renderer for a format name. Reports carry their documents."""

from __future__ import annotations

from collections.abc import Callable

from reviewer.findings import Report

Renderer = Callable[[Report], str]


def _text(report: Report) -> str:
    from reviewer.render.text import render_text

    return render_text(report)


def _json(report: Report) -> str:
    from reviewer.render.json_format import render_json

    return render_json(report)


def _sarif(report: Report) -> str:
    from reviewer.render.sarif import render_sarif

    return render_sarif(report)


def _rdjsonl(report: Report) -> str:
    from reviewer.render.rdjson import render_rdjsonl

    return render_rdjsonl(report)


def _github(report: Report) -> str:
    from reviewer.render.github_commands import render_github

    return render_github(report)


FORMATS: dict[str, Renderer] = {
    "text": _text, "json": _json, "sarif": _sarif, "rdjsonl": _rdjsonl, "github": _github,
}


def render(report: Report, fmt: str) -> str:
    if fmt not in FORMATS:
        raise KeyError(fmt)
    from reviewer.render.stream import render_all

    return render_all(report, fmt)
