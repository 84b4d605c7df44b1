"""codeAction/resolve plumbing for LLM rewrites, with a fake Rewriter (tests/lsp/fake_rewriter_server.py)."""

from __future__ import annotations

import asyncio
import sys

import pytest
import pytest_lsp
from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pytest_lsp import LanguageClient, client_capabilities

from tests.lsp.conftest import ROOT, apply_edits, change_doc, diagnostics_for, edits_of, open_doc, server_config

pytestmark = pytest.mark.asyncio(loop_scope="module")
FAKE = [sys.executable, str(ROOT / "tests" / "lsp" / "fake_rewriter_server.py")]
TEXT = "# Incident\n\n## Summary\n\nCheckout failed because Bob was careless with the config.\n"


@pytest_lsp.fixture(config=server_config(command=FAKE), scope="module", params=["visual-studio-code", "emacs"])
async def llm_client(lsp_client: LanguageClient, request, tmp_path_factory):
    root = tmp_path_factory.mktemp("llm")
    lsp_client.root = root  # type: ignore[attr-defined]
    lsp_client.capability_name = request.param  # type: ignore[attr-defined]
    await lsp_client.initialize_session(types.InitializeParams(
        capabilities=client_capabilities(request.param), root_uri=root.as_uri()))
    yield
    await lsp_client.shutdown_session()


async def _rewrite_action(client, uri, text):
    open_doc(client, uri, text)
    params = await diagnostics_for(client, uri, 1)
    diag = next(d for d in params.diagnostics if d.code == "BL005")
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=diag.range,
        context=types.CodeActionContext(diagnostics=[diag])))
    return [a for a in actions or [] if "Rewrite neutrally (LLM)" in a.title]


async def test_rewrite_is_resolved_lazily_with_progress_and_cached(llm_client):
    uri = (llm_client.root / "rewrite.md").as_uri()
    found = await _rewrite_action(llm_client, uri, TEXT)
    if llm_client.capability_name == "emacs":  # no resolveSupport for "edit": not offered
        assert found == []
        return
    (action,) = found
    assert action.edit is None and action.data["kind"] == "pmreview.rewrite"
    before = set(llm_client.progress_reports)
    resolved = await llm_client.code_action_resolve_async(action)
    new_text = apply_edits(TEXT, edits_of(resolved.edit, uri))
    assert "careless" not in new_text and "(rewrite 1)" in new_text
    assert new_text.startswith("# Incident\n\n## Summary\n\n")  # only the paragraph changed
    (token,) = set(llm_client.progress_reports) - before
    kinds = [type(r).__name__ for r in llm_client.progress_reports[token]]
    assert kinds[0] == "WorkDoneProgressBegin" and kinds[-1] == "WorkDoneProgressEnd"
    # Same paragraph again: served from the cache, the fake is not called a second time.
    again = await llm_client.code_action_resolve_async(action)
    assert "(rewrite 1)" in edits_of(again.edit, uri)[0].new_text
    # Applied, the finding is gone.
    change_doc(llm_client, uri, 2, text=new_text)
    assert "BL005" not in {d.code for d in (await diagnostics_for(llm_client, uri, 2)).diagnostics}
    # Resolving an action computed for an older version is refused (ContentModified).
    with pytest.raises(JsonRpcException) as err:
        await llm_client.code_action_resolve_async(action)
    assert err.value.code == -32801


async def test_resolve_can_be_cancelled(llm_client):
    uri = (llm_client.root / "slow.md").as_uri()
    found = await _rewrite_action(llm_client, uri, TEXT.replace("Checkout", "SLOW checkout"))
    if llm_client.capability_name == "emacs":  # no resolveSupport for "edit": nothing to cancel
        assert found == []
        return
    (action,) = found
    msg_id = "resolve-slow"
    pending = asyncio.ensure_future(
        llm_client.protocol.send_request_async(types.CODE_ACTION_RESOLVE, action, msg_id=msg_id))
    await asyncio.sleep(0.3)
    llm_client.protocol.notify(types.CANCEL_REQUEST, types.CancelParams(id=msg_id))
    with pytest.raises(JsonRpcException) as err:
        await asyncio.wait_for(pending, 5)
    assert err.value.code == -32800
    # Still responsive.
    hover = await llm_client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=0, character=0)))
    assert hover is None or hover.contents
