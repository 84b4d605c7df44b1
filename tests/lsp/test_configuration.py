"""Editor settings (workspace/configuration, didChangeConfiguration) and file config."""

from __future__ import annotations

import asyncio

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import LanguageClient, client_capabilities

from reviewer import Config, review
from tests.lsp.conftest import BLAME, diagnostics_for, open_doc, server_config

pytestmark = pytest.mark.asyncio(loop_scope="module")


@pytest_lsp.fixture(config=server_config(), scope="module")
async def configured(lsp_client: LanguageClient, tmp_path_factory):
    root = tmp_path_factory.mktemp("cfg")
    lsp_client.root = root  # type: ignore[attr-defined]
    lsp_client.set_configuration({"ignore": ["AC005"]}, section="pmReview")
    await lsp_client.initialize_session(types.InitializeParams(
        capabilities=client_capabilities("neovim@v0.11.0"), root_uri=root.as_uri()))
    yield
    await lsp_client.shutdown_session()


def codes(params) -> set[str]:
    return {str(d.code) for d in params.diagnostics}


async def test_workspace_configuration_applies_and_changes(configured):
    uri = (configured.root / "settings.md").as_uri()
    open_doc(configured, uri, BLAME)
    first = await diagnostics_for(configured, uri, 1)
    assert "AC005" not in codes(first) and "BL005" in codes(first)

    configured.set_configuration({"ignore": ["BL005"], "severity": {"AC001": "error"}}, section="pmReview")
    start = len(configured.published)
    configured.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=None))
    second = await diagnostics_for(configured, uri, 1, since=start)
    assert "BL005" not in codes(second) and "AC005" in codes(second)
    ac001 = next(d for d in second.diagnostics if d.code == "AC001")
    assert ac001.severity == types.DiagnosticSeverity.Error


async def test_bad_editor_setting_is_reported_not_fatal(configured):
    configured.set_configuration({"ignore": ["NOPE999"], "debounceMs": "soon"}, section="pmReview")
    uri = (configured.root / "bad_settings.md").as_uri()
    start = len(configured.published)
    open_doc(configured, uri, BLAME)
    await diagnostics_for(configured, uri, 1, since=start)
    start = len(configured.published)
    configured.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=None))
    params = await diagnostics_for(configured, uri, 1, since=start)
    assert codes(params) == {"config"}
    assert "NOPE999" in params.diagnostics[0].message
    assert any("debounceMs" in m.message for m in configured.messages)
    configured.set_configuration({}, section="pmReview")
    start = len(configured.published)
    configured.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=None))
    assert "BL005" in codes(await diagnostics_for(configured, uri, 1, since=start))


async def test_file_config_is_read_like_the_cli(configured):
    project = configured.root / "project"
    (project / "postmortems").mkdir(parents=True)
    (project / ".pmreview.toml").write_text('ignore = ["ST"]\n[severity]\nBL005 = "info"\n')
    uri = (project / "postmortems" / "pm.md").as_uri()
    open_doc(configured, uri, BLAME)
    params = await diagnostics_for(configured, uri, 1)
    assert not any(c.startswith("ST") for c in codes(params))
    moral = next(d for d in params.diagnostics if d.code == "BL005")
    assert moral.severity == types.DiagnosticSeverity.Information

    # A broken config file: one error diagnostic naming the file and key, no crash.
    (project / ".pmreview.toml").write_text('ignroe = ["ST"]\n')
    start = len(configured.published)
    configured.text_document_did_save(types.DidSaveTextDocumentParams(
        text_document=types.TextDocumentIdentifier(uri=(project / ".pmreview.toml").as_uri())))
    broken = await diagnostics_for(configured, uri, 1, since=start)
    assert codes(broken) == {"config"}
    assert ".pmreview.toml" in broken.diagnostics[0].message and "ignroe" in broken.diagnostics[0].message
    assert broken.diagnostics[0].severity == types.DiagnosticSeverity.Error


async def test_config_file_change_outside_the_editor_is_watched(configured):
    # Neovim 0.11 does not offer dynamic file watching, so the server did not ask for it;
    # a client that does (VS Code, Emacs) sends didChangeWatchedFiles, simulated here.
    assert configured.registrations == []
    project = configured.root / "watched"
    project.mkdir()
    uri = (project / "pm.md").as_uri()
    open_doc(configured, uri, BLAME)
    assert "ST001" in codes(await diagnostics_for(configured, uri, 1))
    (project / ".pmreview.toml").write_text('ignore = ["ST001"]\n')
    start = len(configured.published)
    configured.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(changes=[types.FileEvent(
        uri=(project / ".pmreview.toml").as_uri(), type=types.FileChangeType.Created)]))
    assert "ST001" not in codes(await diagnostics_for(configured, uri, 1, since=start))


@pytest_lsp.fixture(config=server_config(), scope="module")
async def init_options_client(lsp_client: LanguageClient, tmp_path_factory):
    root = tmp_path_factory.mktemp("initopts")
    lsp_client.root = root  # type: ignore[attr-defined]
    caps = client_capabilities("emacs")  # eglot-like: settings only through initializationOptions here
    caps.workspace.configuration = False
    await lsp_client.initialize_session(types.InitializeParams(
        capabilities=caps, root_uri=root.as_uri(),
        initialization_options={"pmReview": {"select": ["BL"], "run": "onSave"}}))
    yield
    await lsp_client.shutdown_session()


async def test_initialization_options_and_on_save_mode(init_options_client):
    SAVED = BLAME + "\nIt was a stupid mistake.\n"  # noqa: N806 - the text saved, and what check says of it
    client = init_options_client
    for _ in range(50):  # emacs offers dynamic file watching: the server registers config watchers
        if client.registrations:
            break
        await asyncio.sleep(0.02)
    (registration,) = client.registrations
    assert registration.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES
    globs = {w["globPattern"] for w in registration.register_options["watchers"]}
    assert globs == {"**/.pmreview.toml", "**/pyproject.toml"}
    uri = (client.root / "init.md").as_uri()
    open_doc(client, uri, BLAME)
    params = await diagnostics_for(client, uri, 1)
    assert codes(params) == {"BL005"}
    start = len(client.published)
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text=SAVED)]))
    client.text_document_did_save(types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri)))
    saved = await diagnostics_for(client, uri, 2, since=start)
    assert [p.version for p in client.published[start:] if p.uri == uri] == [2]  # nothing on change, once on save
    expected = review(SAVED, "init.md", config=Config(select=["BL"])).findings
    assert [(d.code, d.range.start.line) for d in saved.diagnostics] == [(f.rule, f.start.line - 1) for f in expected]
    assert len(saved.diagnostics) > len(params.diagnostics)
