"""Every output format, one file at a time: a corpus run renders each file's part as soon as
it is reviewed (in a worker process, if need be) and drops the file's report.

`render_part` is pure and runs where the report is; `StreamWriter` joins parts in input order
and writes what only the whole run knows (the text summary, SARIF's notifications). Joining
the parts gives exactly what rendering the whole report at once gives: `render(report, fmt)`
is this writer over the report's files.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

from reviewer.findings import FileReport, Report, Severity

_SENTINEL = "\x00pmreview-stream\x00"


@dataclass(frozen=True, slots=True)
class FilePart:
    """One file's share of the output, and what the run's totals need from it."""

    path: str
    text: str  # this file's piece ("" when it adds nothing, e.g. a SARIF file without results)
    counts: tuple[int, int, int]  # findings not dismissed: info, warning, error
    errors: tuple[str, ...] = ()  # the file's tool-error messages

    def fails(self, level: Severity | None) -> bool:
        """A finding at or above `level` (None: never)."""
        return level is not None and any(n for s, n in zip(Severity, self.counts, strict=True) if s >= level)


def _indent(text: str, spaces: int) -> str:
    pad = " " * spaces
    return "\n".join(pad + line for line in text.split("\n"))


def _dumps(value: object) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False)


def render_part(file: FileReport, fmt: str, color: bool = False) -> FilePart:
    counts = file.counts()
    text: str
    if fmt == "text":
        from reviewer.render.text import file_lines

        text = "".join(line + "\n" for line in file_lines(file, color))
    elif fmt == "json":
        from reviewer.render.json_format import file_dict

        text = _indent(_dumps(file_dict(file)), 4)
    elif fmt == "sarif":
        from reviewer.render.sarif import file_results

        text = ",\n".join(_indent(_dumps(r), 8) for r in file_results(file))
    elif fmt == "rdjsonl":
        from reviewer.render.rdjson import file_rows

        text = "".join(row + "\n" for row in file_rows(file))
    elif fmt == "github":
        from reviewer.render.github_commands import file_commands

        text = "".join(line + "\n" for line in file_commands(file))
    else:
        raise ValueError(f"unknown format {fmt!r}")
    return FilePart(file.path, text, (counts[Severity.INFO], counts[Severity.WARNING], counts[Severity.ERROR]),
                    tuple(e.message for e in file.errors))


class StreamWriter:
    """Writes parts in the order given; `close()` writes the end of the output."""

    def __init__(self, fmt: str, write: Callable[[str], object], color: bool = False) -> None:
        self.fmt = fmt
        self.color = color
        self._write = write
        self.files = 0
        self.counts = [0, 0, 0]
        self.has_errors = False
        self._items = 0  # JSON files / SARIF results written so far
        self._notifications: list[dict] = []

    def add(self, part: FilePart) -> None:
        self.files += 1
        for i, n in enumerate(part.counts):
            self.counts[i] += n
        self.has_errors = self.has_errors or bool(part.errors)
        if self.fmt == "sarif":
            self._notifications += [{"level": "error", "message": {"text": f"{part.path}: {m}"}}
                                    for m in part.errors]
        if self.fmt in ("json", "sarif"):
            if not part.text:
                return
            if self._items == 0:
                self._write(self._head() + part.text)
            else:
                self._write(",\n" + part.text)
            self._items += 1
        elif part.text:
            self._write(part.text)

    def close(self) -> None:
        if self.fmt == "text":
            from reviewer.render.text import summary_line

            self._write(summary_line(self.counts, self.files, self.has_errors) + "\n")
        elif self.fmt in ("json", "sarif"):
            if self._items == 0:
                self._write(self._skeleton([]))
            else:
                self._write("\n" + _split(self._skeleton([_SENTINEL]))[1])

    # -- JSON and SARIF: the document around the streamed array --------------------------
    def _head(self) -> str:
        return _split(self._skeleton([_SENTINEL]))[0]

    def _skeleton(self, items: list) -> str:
        if self.fmt == "json":
            from reviewer.render.json_format import VERSION

            return _dumps({"version": VERSION, "files": items}) + "\n"
        from reviewer.render.sarif import sarif_log

        return _dumps(sarif_log(items, self._notifications)) + "\n"


def _split(skeleton: str) -> tuple[str, str]:
    """(text before the array's first item, text after its last item) of a one-item skeleton."""
    marker = json.dumps(_SENTINEL)
    line_start = skeleton.index(marker)
    line_start = skeleton.rindex("\n", 0, line_start) + 1
    line_end = skeleton.index("\n", line_start)
    return skeleton[:line_start], skeleton[line_end + 1 :]


def render_all(report: Report, fmt: str, color: bool = False) -> str:
    """The whole report in one string: the same parts, joined."""
    out: list[str] = []
    writer = StreamWriter(fmt, out.append, color)
    for file in report.files:
        writer.add(render_part(file, fmt, color))
    writer.close()
    return "".join(out)
