"""`pmreview report PATH... --out DIR`: the audit of a postmortem collection.

Writes report.html (self-contained, with charts when matplotlib is installed), report.json
and documents.csv. Rules only by default; `--llm` runs the chain on every document first.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer


def _facts_task(task):
    """Worker: review one source and keep only its audit facts (small to send back)."""
    from reviewer.audit.collect import facts
    from reviewer.review import review

    source, config = task
    report = review(source, config=config)
    return facts(report, report.document)


def run_report(paths: list[str], out: Path, config_path: Path | None, jobs: int | None, llm_options) -> int:
    from reviewer import config as config_mod
    from reviewer.audit.collect import facts
    from reviewer.audit.summary import summarise
    from reviewer.audit.write import write_all
    from reviewer.cli.check import start_llm, with_batches
    from reviewer.cli.many import default_jobs, map_ordered
    from reviewer.review import review
    from reviewer.sources import expand

    loaded = config_mod.load_config(config_path, paths[0] if paths else ".")
    session = start_llm(llm_options, loaded)
    sources = expand(paths, loaded.config.max_file_bytes)
    tasks = [(s, loaded.for_path(s.path)) for s in sources]
    if session is not None:
        def with_llm(task):
            source, config = task
            report = review(source, config=config, stage=session)
            return facts(report, report.document)
        docs = with_batches(llm_options, session,
                            lambda: list(map_ordered(with_llm, tasks, 1, "reviewing with the LLM")))
    else:
        docs = list(map_ordered(_facts_task, tasks, default_jobs(len(tasks)) if jobs is None else jobs))
    from reviewer.rules.structure.sections import REQUIRED_SECTIONS

    # Each document was held to its own (per-path) required sections: the columns are their union.
    required = dict.fromkeys([*loaded.config.option(REQUIRED_SECTIONS),
                              *(name for _, config in tasks for name in config.option(REQUIRED_SECTIONS))])
    summary = summarise(docs, tuple(required))
    written = write_all(out, summary, docs)
    for doc in docs:
        if doc.error is not None:
            print(f"pmreview: error: {doc.path}: {doc.error}", file=sys.stderr)
    print(f"pmreview: {summary['reviewed']} of {summary['documents']} documents; wrote "
          + ", ".join(str(p) for p in written), file=sys.stderr)
    if session is not None:
        print(f"pmreview: {session.usage.summary(session.settings)}", file=sys.stderr)
    return 2 if summary["not_reviewed"] else 0


def register(app: typer.Typer) -> None:
    @app.command("report")
    def report(
        paths: Annotated[list[str], typer.Argument(help="Postmortem files or directories (recursed for *.md).")],
        out: Annotated[Path, typer.Option("--out", "-o", help="Folder for report.html, report.json, documents.csv.")],
        config: Annotated[Path | None, typer.Option(help="Config file (default: nearest .pmreview.toml or pyproject.toml).")] = None,
        jobs: Annotated[int | None, typer.Option("--jobs", "-j", min=1, help="Processes (default: one per core for large runs).")] = None,
        llm: Annotated[bool, typer.Option("--llm", help="Review every document with the LLM chain too.")] = False,
        llm_model: Annotated[str | None, typer.Option(help="Model name.")] = None,
        llm_base_url: Annotated[str | None, typer.Option(help="OpenAI-compatible server.")] = None,
        llm_batch: Annotated[bool, typer.Option("--llm-batch", help="Through the provider's Batch API (half price).")] = False,
        llm_batch_state: Annotated[Path, typer.Option(help="Batch run state file (resume).")] = Path(".pmreview-batch.json"),
        llm_batch_poll: Annotated[float, typer.Option(min=0.0, help="Seconds between batch status checks.")] = 30.0,
    ) -> None:
        """Audit a postmortem collection: counts by rule family, trends, reminder-style and ownerless action items."""
        from reviewer.cli.check import LLMOptions

        options = LLMOptions(llm or llm_batch, llm_model, llm_base_url, batch=llm_batch, batch_state=llm_batch_state,
                             batch_poll=llm_batch_poll)
        raise typer.Exit(run_report(paths, out, config, jobs, options))
