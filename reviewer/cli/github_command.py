"""`pmreview github-review`: the pull-request review for GitHub Actions (see docs/github.md)."""

from __future__ import annotations

import os
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from reviewer.cli.choices import FailOnChoice


class _FilterMode(StrEnum):
    added = "added"
    diff_context = "diff_context"
    file = "file"
    nofilter = "nofilter"


def _split_globs(values: list[str] | None) -> list[str]:
    out: list[str] = []
    for value in values or []:
        out += [g.strip() for g in value.replace("\n", ",").split(",") if g.strip()]
    return out


def github_review(
    globs: Annotated[list[str] | None, typer.Argument(
        help="Globs of postmortem files (comma- or newline-separated also accepted). "
             "Default: postmortems/**/*.md, docs/postmortems/**/*.md, **/*postmortem*.md.")] = None,
    filter_mode: Annotated[_FilterMode, typer.Option(
        "--filter-mode", help="added: findings on added/modified lines; diff_context: anywhere in the diff hunks; "
                              "file / nofilter: every finding in changed postmortems (outside the diff: in the summary)."
    )] = _FilterMode.added,
    fail_on: Annotated[FailOnChoice | None, typer.Option(help="Exit 1 when a reported finding is at or above this "
                                                         "severity (default: the config's fail-on).")] = None,
    max_comments: Annotated[int, typer.Option(min=0, max=100, help="Inline comments per PR; the rest go to the "
                                                                  "summary comment.")] = 30,
    config: Annotated[Path | None, typer.Option(help="Config file (default: nearest .pmreview.toml or "
                                                     "pyproject.toml from the working directory).")] = None,
    bot_login: Annotated[str | None, typer.Option(help="Login the token posts as; only its comments are updated or "
                                                       "deleted (default: github-actions\\[bot], "
                                                       "or $PMREVIEW_BOT_LOGIN).")] = None,
    read_only: Annotated[bool, typer.Option("--read-only", help="Never write to the PR: annotations and job "
                                                                "summary only.")] = False,
    retry_wait_scale: Annotated[float, typer.Option(hidden=True, min=0.0, help="Multiply every retry wait "
                                                                                "(tests).")] = 1.0,
    max_wait: Annotated[float, typer.Option(min=0.0, help="Longest rate-limit wait (seconds) to sleep through "
                                                          "before giving up.")] = 120.0,
    llm: Annotated[bool, typer.Option("--llm", help="Add the LLM chain's verified rewrites as suggestions "
                                      "(OPENAI_API_KEY / OPENAI_BASE_URL, or the config's [llm]).")] = False,
    llm_model: Annotated[str | None, typer.Option(help="Model name.")] = None,
    llm_base_url: Annotated[str | None, typer.Option(help="OpenAI-compatible server URL.")] = None,
    llm_timeout: Annotated[float | None, typer.Option(min=0.001, help="Seconds for one LLM answer "
                                                                      "(config [llm] timeout).")] = None,
    baseline: Annotated[Path | None, typer.Option(help="Report only findings not recorded in this baseline file "
                                                       "(written by `pmreview check --write-baseline`).")] = None,
) -> None:
    """Review the postmortems a pull request changes and post one review with suggested changes."""
    from reviewer.github.action import DEFAULT_GLOBS, PullRequestOptions, run
    from reviewer.github.plan import FilterMode

    scale_env = os.environ.get("PMREVIEW_RETRY_WAIT_SCALE")
    if scale_env and retry_wait_scale == 1.0:
        try:
            retry_wait_scale = float(scale_env)
        except ValueError:
            from reviewer.errors import UsageError

            raise UsageError(f"PMREVIEW_RETRY_WAIT_SCALE={scale_env!r}: not a number") from None
    options = PullRequestOptions(
        globs=tuple(_split_globs(globs)) or DEFAULT_GLOBS,
        filter_mode=FilterMode(filter_mode.value),
        fail_on=fail_on.value if fail_on else None,
        max_comments=max_comments,
        config=config,
        bot_login=bot_login or os.environ.get("PMREVIEW_BOT_LOGIN") or "github-actions[bot]",
        read_only=read_only,
        wait_scale=retry_wait_scale,
        max_wait=max_wait,
        llm=llm,
        llm_model=llm_model,
        llm_base_url=llm_base_url,
        llm_timeout=llm_timeout,
        baseline=baseline,
    )
    outcome = run(options)
    raise typer.Exit(outcome.exit_code)


def register(app: typer.Typer) -> None:
    app.command("github-review")(github_review)
