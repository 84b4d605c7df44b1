"""The editor's "Rewrite neutrally (LLM)" with the real chain and ChatOpenAI, against a local
fake OpenAI-compatible server (started for this module, before the language server)."""

from __future__ import annotations

import atexit
import json
import sys
import tempfile

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import LanguageClient, client_capabilities

from tests.llm.fake_openai import FakeOpenAI, Reply
from tests.lsp.conftest import apply_edits, diagnostics_for, edits_of, open_doc, server_config

pytestmark = pytest.mark.asyncio(loop_scope="module")
TEXT = "# Incident\n\n## Summary\n\nAt 14:02 UTC Bob carelessly pushed config v2.3.1 to prod.\n"
NEUTRAL = "At 14:02 UTC config v2.3.1 reached prod through a push with no validation step."


def _answer(request):
    if request.schema_name == "RewriteAnswer":
        rewrites = [{"id": sid, "rewrite": NEUTRAL} for sid in request.segments()]
        return Reply(content=json.dumps({"rewrites": rewrites}))
    return Reply(status=400)


FAKE = FakeOpenAI(_answer).__enter__()
atexit.register(FAKE.__exit__, None, None, None)
CACHE = tempfile.mkdtemp(prefix="pmreview-lsp-llm-")
COMMAND = [sys.executable, "-m", "reviewer", "lsp", "--llm", "--llm-base-url", FAKE.base_url,
           "--llm-model", "fake-model"]


@pytest_lsp.fixture(config=server_config(command=COMMAND, env={"PMREVIEW_CACHE_DIR": CACHE}), scope="module")
async def llm_lsp(lsp_client: LanguageClient, tmp_path_factory):
    root = tmp_path_factory.mktemp("llm-real")
    lsp_client.root = root  # type: ignore[attr-defined]
    await lsp_client.initialize_session(types.InitializeParams(
        capabilities=client_capabilities("visual-studio-code"), root_uri=root.as_uri()))
    yield
    await lsp_client.shutdown_session()


async def test_rewrite_action_uses_the_verified_chain(llm_lsp):
    uri = (llm_lsp.root / "pm.md").as_uri()
    open_doc(llm_lsp, uri, TEXT)
    params = await diagnostics_for(llm_lsp, uri, 1)
    diag = next(d for d in params.diagnostics if d.code == "BL005")
    actions = await llm_lsp.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=diag.range,
        context=types.CodeActionContext(diagnostics=[diag])))
    (action,) = [a for a in actions or [] if "Rewrite neutrally (LLM)" in a.title]
    assert action.edit is None  # computed lazily
    resolved = await llm_lsp.code_action_resolve_async(action)
    new_text = apply_edits(TEXT, edits_of(resolved.edit, uri))
    assert NEUTRAL in new_text and "carelessly" not in new_text
    requests = [r for r in FAKE.requests if r.schema_name == "RewriteAnswer"]
    assert len(requests) == 1 and "14:02 UTC" in requests[0].user
