"""`pmreview lsp`: the language server (see reviewer/lsp and docs/editors.md)."""

from __future__ import annotations

from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    @app.command("lsp")
    def lsp(
        tcp: Annotated[bool, typer.Option("--tcp", help="Listen on TCP instead of stdio.")] = False,
        host: Annotated[str, typer.Option(help="TCP address (loopback only unless --allow-remote).")] = "127.0.0.1",
        port: Annotated[int, typer.Option(help="TCP port.")] = 2087,
        allow_remote: Annotated[bool, typer.Option("--allow-remote", help="Allow a non-loopback --host "
                                                   "(the protocol has no authentication).")] = False,
        log_level: Annotated[str, typer.Option(help="stderr log level: debug, info, warning, error.")] = "warning",
        llm: Annotated[bool, typer.Option("--llm", help="Offer 'Rewrite neutrally (LLM)' quick fixes.")] = False,
        llm_model: Annotated[str | None, typer.Option(help="Model name.")] = None,
        llm_base_url: Annotated[str | None, typer.Option(help="OpenAI-compatible server URL.")] = None,
    ) -> None:
        """Run the pmreview language server (stdio by default)."""
        from reviewer.lsp.server import create_server
        from reviewer.lsp.transport import serve

        rewriter = None
        if llm:
            from pathlib import Path

            from reviewer import config as config_mod
            from reviewer.llm.editor import LLMRewriter

            config = config_mod.load(config_mod.discover(Path.cwd())).config
            rewriter = LLMRewriter(config, model=llm_model, base_url=llm_base_url)
        raise typer.Exit(serve(tcp, host, port, allow_remote, log_level, server=create_server(rewriter=rewriter)))
