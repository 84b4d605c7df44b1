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
    ) -> None:
        """Run the pmreview language server (stdio by default)."""
        from reviewer.lsp.transport import serve

        raise typer.Exit(serve(tcp, host, port, allow_remote, log_level))
