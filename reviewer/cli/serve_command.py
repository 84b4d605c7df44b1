"""`pmreview serve`: the local review page and HTTP API (see reviewer/serve and docs/api.md).

The web stack is the optional extra `serve`; without it the command says so in one line.
Nothing web-related is imported until the command runs.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Annotated

import typer

from reviewer.errors import UsageError

MISSING_EXTRA = "pmreview serve needs the 'serve' extra: pip install 'pmreview[serve]'"


def run_serve(host: str, port: int, open_browser: bool, config_path: Path | None, llm: bool,
              llm_model: str | None, llm_base_url: str | None) -> int:
    if any(importlib.util.find_spec(m) is None for m in ("fastapi", "starlette", "uvicorn")):
        raise UsageError(MISSING_EXTRA)
    if not 0 <= port <= 65535:
        raise UsageError(f"--port {port}: use 0 (any free port) to 65535")
    from reviewer.cli.check import load_config
    from reviewer.serve.runner import run

    loaded = load_config(config_path, ".")
    rewriter = None
    if llm:
        from reviewer.serve.rewrite import SegmentRewriter

        rewriter = SegmentRewriter(loaded.config, llm_model, llm_base_url)  # raises LLMNotConfigured
    return run(host, port, loaded.config, rewriter, open_browser)


def register(app: typer.Typer) -> None:
    @app.command("serve")
    def serve(
        host: Annotated[str, typer.Option(help="Address to listen on (other than loopback: a warning).")] = "127.0.0.1",
        port: Annotated[int, typer.Option(help="Port; 0 picks a free one.")] = 8765,
        open_browser: Annotated[bool, typer.Option("--open", help="Open the page in the default browser.")] = False,
        config: Annotated[Path | None, typer.Option(help="Config file (default: nearest .pmreview.toml or "
                                                         "pyproject.toml from the current directory).")] = None,
        llm: Annotated[bool, typer.Option("--llm", help="Offer 'Rewrite neutrally' (verified LLM rewrites).")] = False,
        llm_model: Annotated[str | None, typer.Option(help="Model name.")] = None,
        llm_base_url: Annotated[str | None, typer.Option(help="OpenAI-compatible server URL.")] = None,
    ) -> None:
        """Run the local review page and HTTP API; prints the URL (with its access token) to open."""
        raise typer.Exit(run_serve(host, port, open_browser, config, llm, llm_model, llm_base_url))
