"""pytest-lsp drives the real server (`python -m reviewer lsp`) over stdio.

The client records every publishDiagnostics (with its version), so tests can wait for the
diagnostics of one document version and check that stale versions were never published.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pygls.protocol import default_converter
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

ROOT = Path(__file__).resolve().parents[2]
SERVER = [sys.executable, "-m", "reviewer", "lsp"]
CLIENTS = ["neovim@v0.11.0", "visual-studio-code"]
TIMEOUT = 15.0

BLAME = (
    "# Incident 42: checkout errors\n\n"
    "## Summary\n\n"
    "Checkout failed for 20 minutes because Bob was careless and pushed a bad config.\n\n"
    "## Action items\n\n"
    "- Remind engineers to check the canary before promoting (@dana)\n"
)


class RecordingClient(LanguageClient):
    published: list[types.PublishDiagnosticsParams]
    registrations: list[types.Registration]
    changed: asyncio.Event


def _record(client: RecordingClient, params: types.PublishDiagnosticsParams) -> None:
    client.diagnostics[params.uri] = params.diagnostics
    client.published.append(params)
    client.changed.set()


def _register_capability(client: RecordingClient, params: types.RegistrationParams) -> None:
    client.registrations.extend(params.registrations)


def make_client() -> LanguageClient:
    client = RecordingClient(converter_factory=default_converter)
    client.published = []
    client.registrations = []
    client.changed = asyncio.Event()
    register_lsp_features(client, {**DEFAULT_CLIENT_FEATURES, types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: _record,
                                   types.CLIENT_REGISTER_CAPABILITY: _register_capability})
    return client


def server_config(env: dict[str, str] | None = None, command: list[str] | None = None) -> ClientServerConfig:
    import os

    return ClientServerConfig(server_command=command or SERVER, client_factory=make_client,
                              server_env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})})


async def diagnostics_for(client: RecordingClient, uri: str, version: int | None = None,
                          timeout: float = TIMEOUT, since: int = 0) -> types.PublishDiagnosticsParams:
    """Wait for a publishDiagnostics of `uri` (at `version`, when given; after `since` recorded ones)."""

    async def wait() -> types.PublishDiagnosticsParams:
        while True:
            for params in reversed(client.published[since:]):
                if params.uri == uri and (version is None or params.version == version):
                    return params
            client.changed.clear()
            await client.changed.wait()

    return await asyncio.wait_for(wait(), timeout)


def open_doc(client: LanguageClient, uri: str, text: str, version: int = 1, language_id: str = "markdown") -> None:
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id=language_id, version=version, text=text)))


def change_doc(client: LanguageClient, uri: str, version: int, text: str | None = None,
               rng: types.Range | None = None, new_text: str = "") -> None:
    change: types.TextDocumentContentChangeEvent
    if rng is None:
        change = types.TextDocumentContentChangeWholeDocument(text=text or "")
    else:
        change = types.TextDocumentContentChangePartial(range=rng, text=new_text)
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version), content_changes=[change]))


def apply_edits(text: str, edits: list[types.TextEdit], encoding: str = "utf-16") -> str:
    """Apply TextEdits the way an editor does (positions in the negotiated encoding)."""
    from reviewer.lsp.positions import LineIndex

    index = LineIndex(text, encoding)
    spans = sorted(((index.span(e.range), e.new_text) for e in edits), key=lambda x: x[0].start, reverse=True)
    for span, new in spans:
        text = text[: span.start] + new + text[span.end :]
    return text


def edits_of(edit: types.WorkspaceEdit, uri: str) -> list[types.TextEdit]:
    if edit.document_changes:
        out: list[types.TextEdit] = []
        for change in edit.document_changes:
            assert isinstance(change, types.TextDocumentEdit)
            assert change.text_document.uri == uri
            out.extend(e for e in change.edits if isinstance(e, types.TextEdit))
        return out
    assert edit.changes is not None
    return list(edit.changes[uri])


@pytest_lsp.fixture(config=server_config(), params=CLIENTS, scope="module")
async def client(lsp_client: LanguageClient, request, tmp_path_factory):
    root = tmp_path_factory.mktemp("ws")
    lsp_client.root = root  # type: ignore[attr-defined]
    lsp_client.capability_name = request.param  # type: ignore[attr-defined]
    lsp_client.init_result = await lsp_client.initialize_session(types.InitializeParams(  # type: ignore[attr-defined]
        capabilities=client_capabilities(request.param), root_uri=root.as_uri(),
        workspace_folders=[types.WorkspaceFolder(uri=root.as_uri(), name="ws")]))
    yield
    await lsp_client.shutdown_session()


@pytest.fixture
def doc_uri(client, request) -> str:
    name = request.node.name.replace("[", "_").replace("]", "").replace("@", "_").replace(".", "_")
    return (client.root / f"{name}.md").as_uri()
