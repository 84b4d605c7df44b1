"""The rich terminal summary and progress bar."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import contextmanager
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from reviewer.evals.outcome import EvalOutcome
from reviewer.evals.report.markdown import (
    FAMILY_HEADER,
    ORG_HEADER,
    ambiguous_line,
    documents_line,
    family_rows,
    fmt,
    headline_rows,
    organisation_rows,
)


@contextmanager
def progress_bar(console: Console):
    """Yields a factory: total -> advance(label). Silent when not on a terminal."""
    progress = Progress(TextColumn("[bold]eval[/]"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                        TextColumn("{task.description}"), console=console, transient=True,
                        disable=not console.is_terminal)
    with progress:
        def factory(total: int) -> Callable[[str], None]:
            task = progress.add_task("", total=total)

            def advance(label: str) -> None:
                progress.update(task, advance=1, description=label[-40:])
            return advance
        yield factory


def print_summary(outcome: EvalOutcome, console: Console) -> None:
    results: dict[str, Any] = outcome.results
    m = results["manifest"]
    on = f"data={m['data']} part={m['split']}" if m.get("data") else f"split={m['split']}"
    console.print(f"[bold]pmreview eval[/] reviewer={m['reviewer']} {on} "
                  f"dataset={m['dataset_version']} git={(m['git_sha'] or 'unknown')[:12]} cache={m['cache_mode']}")
    table = Table(title="Headline", show_lines=False)
    table.add_column("metric")
    table.add_column("value", justify="right")
    table.add_column("95% CI", justify="right")
    for row in headline_rows(results):
        table.add_row(*row)
    console.print(table)
    for title, header, rows in (("Per source family", FAMILY_HEADER, family_rows(results)),
                                ("Per organisation", ORG_HEADER, organisation_rows(results))):
        if rows:
            t = Table(title=title)
            for i, col in enumerate(header):
                t.add_column(col, justify="left" if i == 0 else "right")
            for row in rows:
                t.add_row(*row)
            console.print(t)
    for line in (ambiguous_line(results), documents_line(results)):
        if line:
            console.print(line, markup=False)
    if results.get("targets"):
        t = Table(title="Targets")
        t.add_column("target")
        t.add_column("value", justify="right")
        t.add_column("met")
        for row in results["targets"]:
            t.add_row(f"{row['name']} ≥ {row['target']}", fmt(row["value"]),
                      "[green]yes[/]" if row["met"] else "[red]no[/]")
        console.print(t)
    gate = results["gate"]
    changed = [r for r in gate.get("metrics", []) if r["status"] != "ok"]
    if changed:
        g = Table(title="Changed vs baseline")
        for col in ("metric", "baseline", "current", "delta", "status"):
            g.add_column(col)
        for r in changed:
            colour = "red" if r["status"] == "fail" else "green"
            g.add_row(r["metric"], fmt(r["baseline"]), fmt(r["current"]), f"{r['delta']:+.4f}",
                      f"[{colour}]{r['status']}[/]")
        console.print(g)
    for w in gate.get("warnings", []):
        console.print(f"[yellow]warning:[/] {escape(w)}")
    for f in gate.get("failures", []):
        console.print(f"[red]gate:[/] {escape(f)}")
    verdict = "[green]PASS[/]" if gate["passed"] else "[red]FAIL[/]"
    console.print(f"gate {verdict}" + (" (vs baseline)" if gate.get("baseline") else " (no baseline)"))
    for note in outcome.notes:
        console.print(f"note: {note}", markup=False)
    for kind, path in outcome.written.items():
        console.print(f"wrote {kind}: {path}")
