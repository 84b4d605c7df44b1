"""The typer app: `pmreview check`, `rules`, `rule`, and the commands other modules register.

Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it; 2 usage, config,
input or tool error. Errors are one line on stderr; no traceback reaches the user.
Entered through reviewer.cli.app.main, which runs a plain `check` without typer.
"""

from __future__ import annotations

import copy
import sys
from pathlib import Path
from typing import Annotated

import typer

from reviewer.cli.choices import FailOnChoice, OutputFormat
from reviewer.cli.coercion import install as install_plain_coercion
from reviewer.errors import UsageError

app = typer.Typer(
    name="pmreview",
    help="Review incident postmortems: blame language, reminder-style action items, structure.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.command()
def check(
    paths: Annotated[list[str], typer.Argument(help="Markdown files, directories (recursed for *.md), or - for stdin.")],
    output_format: Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")] = OutputFormat.text,
    fail_on: Annotated[FailOnChoice | None, typer.Option(help="Exit 1 when a finding is at or above this severity.")] = None,
    select: Annotated[list[str] | None, typer.Option(help="Only these rules (id, name or group such as BL).")] = None,
    ignore: Annotated[list[str] | None, typer.Option(help="Skip these rules.")] = None,
    config: Annotated[Path | None, typer.Option(help="Config file (default: nearest .pmreview.toml or pyproject.toml).")] = None,
    color: Annotated[bool | None, typer.Option("--color/--no-color", help="Colour text output (default: when a terminal).")] = None,
    llm: Annotated[bool, typer.Option("--llm", help="Add the LLM review (judgement in context, verified rewrites).")] = False,
    llm_model: Annotated[str | None, typer.Option(help="Model name (default: config, then gpt-4o-mini for OpenAI).")] = None,
    llm_base_url: Annotated[str | None, typer.Option(help="OpenAI-compatible server, e.g. http://localhost:11434/v1.")] = None,
    llm_required: Annotated[bool, typer.Option("--llm-required", help="Exit 2 when the LLM review is incomplete.")] = False,
    no_redact: Annotated[bool, typer.Option("--no-redact", help="Send secrets, emails and IPs unredacted.")] = False,
    llm_batch: Annotated[bool, typer.Option("--llm-batch", help="Send the LLM requests through the provider's Batch "
                                            "API (half price; waits for the batch, resumable).")] = False,
    llm_batch_state: Annotated[Path, typer.Option(help="Where a batch run records its batches, to resume after an "
                                                  "interruption.")] = Path(".pmreview-batch.json"),
    llm_batch_poll: Annotated[float, typer.Option(min=0.0, help="Seconds between batch status checks.")] = 30.0,
    llm_timeout: Annotated[float | None, typer.Option(help="Seconds for one LLM answer (config [llm] timeout, default 30).")] = None,
    llm_may_dismiss: Annotated[bool, typer.Option("--llm-may-dismiss", help="Let the LLM's 'not blame in context' "
                                                  "verdicts lower the exit code (default: they only add a note).")] = False,
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", min=1,
                                             help="Processes for the rules (default: one per core for large runs).")] = None,
    baseline: Annotated[Path | None, typer.Option(help="Report only findings not recorded in this baseline file.")] = None,
    write_baseline: Annotated[Path | None, typer.Option(help="Record today's findings in this baseline file.")] = None,
) -> None:
    """Review postmortem drafts: the rules always, the LLM chain with --llm."""
    from reviewer.cli.check import LLMOptions, run_check

    options = LLMOptions(llm or llm_required or llm_batch, llm_model, llm_base_url, llm_required, not no_redact,
                         llm_batch, llm_batch_state, llm_batch_poll, timeout=llm_timeout, may_dismiss=llm_may_dismiss)
    code = run_check(paths, output_format.value, fail_on.value if fail_on else None, select, ignore, config, color,
                     options, jobs=jobs, baseline=baseline, write_baseline=write_baseline)
    raise typer.Exit(code)


@app.command("rules")
def list_rules(
    output_format: Annotated[str, typer.Option("--format", "-f", help="table or json")] = "table",
) -> None:
    """List every rule: id, name, severity and summary."""
    from reviewer.cli.docs import print_rules

    print_rules(output_format)


@app.command("rule")
def show_rule(rule_id: Annotated[str, typer.Argument(help="Rule id (BL001) or name (blame-individual).")]) -> None:
    """Show one rule's documentation page."""
    from reviewer.cli.docs import print_rule

    print_rule(rule_id)


def _register_optional_commands() -> None:
    """Commands living in their own modules; each exposes register(app)."""
    import importlib

    for module in ("reviewer.cli.fix_command", "reviewer.cli.eval_command", "reviewer.cli.lsp_command",
                   "reviewer.cli.github_command", "reviewer.cli.report_command", "reviewer.cli.serve_command"):
        try:
            mod = importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name == module:
                continue
            raise
        mod.register(app)


_register_optional_commands()


def _click_command(args: list[str]):
    """The click command for this run. Typer builds every registered command's parameters from
    its signature (most of the CLI's own start-up beside importing typer); when the first
    argument names a command, the group is built with that command alone."""
    named = [info for info in app.registered_commands if args and info.callback is not None
             and (info.name or typer.main.get_command_name(info.callback.__name__)) == args[0]]
    if len(named) != 1:
        return typer.main.get_command(app)
    only = copy.copy(app)
    only.registered_commands = named
    return typer.main.get_group(only)


def run(args: list[str]) -> None:
    """Parse `args` with typer and run the command (reviewer.cli.app.main handles errors)."""
    try:
        command = _click_command(args)
        install_plain_coercion(command)
        code = command(args, standalone_mode=False)
        sys.exit(code if isinstance(code, int) else 0)
    except typer.Exit as exc:
        sys.exit(exc.exit_code if isinstance(exc.exit_code, int) else 0)
    except typer.Abort:
        print("pmreview: aborted", file=sys.stderr)
        sys.exit(2)


__all__ = ["app", "run", "UsageError"]
