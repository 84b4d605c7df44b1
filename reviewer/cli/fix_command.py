"""`pmreview fix`: show (or, with --write, apply) the findings' mechanical edits.

Exit codes: 0 nothing to change, or the diff was printed / the files written; 2 usage or
input errors (one line each on stderr; the other files are still processed) and files that
changed since they were read (not written).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from reviewer.cli.check import LLMOptions
from reviewer.errors import UsageError

STDIN = "-"


def run_fix(paths: list[str], write: bool, select: list[str] | None, ignore: list[str] | None,
            config_path: Path | None, llm: LLMOptions | None = None) -> int:
    from reviewer import config as config_mod
    from reviewer.cli.check import _split, _validate_selectors, review_sources, start_llm
    from reviewer.config import load_config
    from reviewer.fix import FileChangedError, Snapshot, plan_until_stable, write_atomic
    from reviewer.review import check_input, review

    if write and STDIN in paths:
        raise UsageError("--write cannot be used with stdin (-); run `pmreview fix -` to print the diff")
    _validate_selectors("--select", select)
    _validate_selectors("--ignore", ignore)
    loaded = load_config(config_path, paths[0] if paths else ".")
    session = start_llm(llm or LLMOptions(), loaded)
    report = review_sources(paths, loaded, _split(select), _split(ignore), session, keep_documents=True)
    if session is not None:
        print(f"pmreview: {session.usage.summary(session.settings)}", file=sys.stderr)

    def error(path: str, message: str) -> None:
        print(f"pmreview: error: {path}: {message}", file=sys.stderr)

    failed = False
    edits = files = skipped = 0
    seen: set[str] = set()
    for file in report.files:
        if file.errors or file.document is None:
            failed = True
            for problem in file.errors:
                error(file.path, problem.message)
            continue
        key = file.path if file.path == "<stdin>" else os.path.realpath(file.path)
        if key in seen:  # the same file named twice: fixed once
            continue
        seen.add(key)
        source = file.document.source
        overrides = {**({"select": _split(select)} if select else {}), **({"ignore": _split(ignore)} if ignore else {})}
        config = config_mod.with_overrides(loaded.for_path(file.path), overrides, "command line: ")

        def rereview(text: str, path: str = file.path, config: config_mod.Config = config) -> list:
            return list(review(text, path=path, config=config).findings)  # rules only: later rounds

        plan = plan_until_stable(file.path, source, file.findings, rereview)
        skipped += plan.skipped
        if plan.skipped:
            print(f"pmreview: {file.path}: {plan.skipped} overlapping edits skipped", file=sys.stderr)
        for finding in plan.guidance:  # their edits would change the block structure: advice only
            print(f"pmreview: {file.path}:{finding.start.line}: {finding.rule} not applied (it would change "
                  f"the document's block structure); suggestion: {finding.suggestion}", file=sys.stderr)
        if not plan.changed:
            continue
        if not write:
            sys.stdout.write(plan.diff())
        else:
            try:
                data = Path(file.path).read_bytes()
                if check_input(data, len(data) + 1) != source:
                    raise FileChangedError(f"{file.path} changed since it was read; not written")
                write_atomic(file.path, plan.after, Snapshot.of(data))
            except FileChangedError as exc:
                print(f"pmreview: error: {exc}", file=sys.stderr)
                failed = True
                continue
            except (OSError, UnicodeEncodeError) as exc:
                reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
                error(file.path, f"cannot write: {reason}; not written")
                failed = True
                continue
        edits += len(plan.edits)
        files += 1
    sys.stdout.flush()
    print(f"{edits} edits in {files} files ({skipped} skipped)", file=sys.stderr)
    return 2 if failed else 0


def register(app: typer.Typer) -> None:
    @app.command("fix")
    def fix(
        paths: Annotated[list[str], typer.Argument(help="Markdown files, directories (recursed for *.md), or - for stdin (diff only).")],
        write: Annotated[bool, typer.Option("--write", help="Apply the edits in place (atomically) instead of printing a diff.")] = False,
        select: Annotated[list[str] | None, typer.Option(help="Only these rules' edits (id, name or group such as BL).")] = None,
        ignore: Annotated[list[str] | None, typer.Option(help="Skip these rules' edits.")] = None,
        config: Annotated[Path | None, typer.Option(help="Config file (default: nearest .pmreview.toml or pyproject.toml).")] = None,
        llm: Annotated[bool, typer.Option("--llm", help="Include the LLM's verified rewrites.")] = False,
        llm_model: Annotated[str | None, typer.Option(help="Model name.")] = None,
        llm_base_url: Annotated[str | None, typer.Option(help="OpenAI-compatible server URL.")] = None,
        no_redact: Annotated[bool, typer.Option("--no-redact", help="Send secrets unredacted.")] = False,
        llm_timeout: Annotated[float | None, typer.Option(help="Seconds for one LLM answer (config [llm] timeout).")] = None,
    ) -> None:
        """Show the suggested edits (rules, and verified LLM rewrites with --llm) as a diff; --write applies them."""
        options = LLMOptions(llm, llm_model, llm_base_url, False, not no_redact, timeout=llm_timeout)
        raise typer.Exit(run_fix(paths, write, select, ignore, config, options))
