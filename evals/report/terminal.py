"""The rich terminal summary and progress bar."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import contextmanager
from typing import Any

from reviewer.evals.outcome import EvalOutcome
from reviewer.evals.report.markdown import fmt, headline_rows
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table


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
    console.print(f"[bold]pmreview eval[/] reviewer={m['reviewer']} split={m['split']} "
                  f"dataset={m['dataset_version']} git={(m['git_sha'] or 'unknown')[:12]} cache={m['cache_mode']}")
    table = Table(title="Headline", show_lines=False)
    table.add_column("metric")
    table.add_column("value", justify="right")
    table.add_column("95% CI", justify="right")
    for row in headline_rows(results):
        table.add_row(*row)
    console.print(table)
    if results.get("targets"):
        t = Table(title="Targets (issue 4)")
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
        console.print(f"[yellow]warning:[/] {w}")
    for f in gate.get("failures", []):
        console.print(f"[red]gate:[/] {f}")
    verdict = "[green]PASS[/]" if gate["passed"] else "[red]FAIL[/]"
    console.print(f"gate {verdict}" + (" (vs baseline)" if gate.get("baseline") else " (no baseline)"))
    for kind, path in outcome.written.items():
        console.print(f"wrote {kind}: {path}")
