"""End to end over stdio, once per emulated client (Neovim 0.11, VS Code 1.65)."""

from __future__ import annotations

import asyncio

import pytest
from lsprotocol import types

from reviewer.review import review
from tests.lsp.conftest import BLAME, apply_edits, change_doc, diagnostics_for, edits_of, open_doc

pytestmark = pytest.mark.asyncio(loop_scope="module")


def encoding_of(client) -> str:
    return "utf-8" if client.capability_name.startswith("neovim@v0.11") else "utf-16"


async def test_initialize_advertises_features(client):
    caps = client.init_result.capabilities
    assert client.init_result.server_info.name == "pmreview"
    assert caps.text_document_sync.change == types.TextDocumentSyncKind.Incremental
    assert caps.text_document_sync.open_close
    assert caps.code_action_provider.resolve_provider is True
    assert caps.hover_provider
    assert caps.position_encoding == encoding_of(client)


async def test_open_publishes_rule_diagnostics(client, doc_uri):
    open_doc(client, doc_uri, BLAME)
    params = await diagnostics_for(client, doc_uri, 1)
    by_code = {d.code: d for d in params.diagnostics}
    assert {"BL005", "AC001", "ST001"} <= set(by_code)
    moral = by_code["BL005"]
    assert moral.source == "pmreview"
    assert moral.severity in (types.DiagnosticSeverity.Error, types.DiagnosticSeverity.Warning)
    assert moral.code_description.href.endswith("/BL005.md")
    line = BLAME.split("\n")[moral.range.start.line]
    assert line[moral.range.start.character : moral.range.end.character] == "careless"
    assert "careless" in moral.message


async def test_positions_follow_negotiated_encoding(client, doc_uri):
    text = "# 🔥 事故\n\n## Summary\n\n🔥🔥 Checkout 停止 because Bob was careless.\n"
    open_doc(client, doc_uri, text)
    params = await diagnostics_for(client, doc_uri, 1)
    moral = next(d for d in params.diagnostics if d.code == "BL005")
    prefix = "🔥🔥 Checkout 停止 because Bob was "
    expected = len(prefix.encode("utf-8")) if encoding_of(client) == "utf-8" else len(prefix.encode("utf-16-le")) // 2
    assert moral.range.start.line == 4
    assert moral.range.start.character == expected


async def test_change_updates_diagnostics(client, doc_uri):
    open_doc(client, doc_uri, BLAME)
    first = await diagnostics_for(client, doc_uri, 1)
    moral = next(d for d in first.diagnostics if d.code == "BL005")
    # Incremental edit: replace "careless" with "paged".
    change_doc(client, doc_uri, 2, rng=moral.range, new_text="paged")
    second = await diagnostics_for(client, doc_uri, 2)
    assert "BL005" not in {d.code for d in second.diagnostics}
    assert "AC001" in {d.code for d in second.diagnostics}


async def test_rapid_changes_publish_only_latest(client, doc_uri):
    open_doc(client, doc_uri, BLAME)
    await diagnostics_for(client, doc_uri, 1)
    start = len(client.published)
    text = BLAME
    for version in range(2, 22):
        text = text + f"\nThe operator was careless, step {version}.\n"
        change_doc(client, doc_uri, version, text=text)
    final = await diagnostics_for(client, doc_uri, 21)
    mine = [p for p in client.published[start:] if p.uri == doc_uri]
    versions = [p.version for p in mine]
    assert versions == sorted(versions), versions  # never an older version after a newer one
    assert len(mine) < 20, versions  # coalesced: not one review per keystroke
    expected = {(f.rule, f.start.line) for f in review(text, "x.md").findings}
    assert {(d.code, d.range.start.line + 1) for d in final.diagnostics} == expected
    await asyncio.sleep(0.3)
    assert [p.version for p in client.published[start:] if p.uri == doc_uri][-1] == 21


async def _actions(client, uri, diagnostic):
    return await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=diagnostic.range,
        context=types.CodeActionContext(diagnostics=[diagnostic])))


async def _apply_and_recheck(client, uri, text, action, version):
    assert action.edit is not None
    new_text = apply_edits(text, edits_of(action.edit, uri), encoding_of(client))
    change_doc(client, uri, version, text=new_text)
    return new_text, await diagnostics_for(client, uri, version)


async def test_apply_suggestion_removes_finding(client, doc_uri):
    text = "# Incident\n\n## Summary\n\nThe engineer accidentally removed the index.\n"
    open_doc(client, doc_uri, text)
    params = await diagnostics_for(client, doc_uri, 1)
    diag = next(d for d in params.diagnostics if d.code == "BL006")
    actions = await _actions(client, doc_uri, diag)
    fix = next(a for a in actions if a.is_preferred)
    assert fix.kind == types.CodeActionKind.QuickFix and fix.diagnostics[0].code == "BL006"
    new_text, after = await _apply_and_recheck(client, doc_uri, text, fix, 2)
    assert "accidentally" not in new_text
    assert "BL006" not in {d.code for d in after.diagnostics}


async def test_guardrail_action_replaces_reminder_keeps_owner(client, doc_uri):
    open_doc(client, doc_uri, BLAME)
    params = await diagnostics_for(client, doc_uri, 1)
    diag = next(d for d in params.diagnostics if d.code == "AC001")
    actions = await _actions(client, doc_uri, diag)
    guard = next(a for a in actions if "guardrail" in a.title)
    new_text, after = await _apply_and_recheck(client, doc_uri, BLAME, guard, 2)
    assert "Remind engineers" not in new_text and "(@dana)" in new_text
    assert "AC001" not in {d.code for d in after.diagnostics}


async def test_disable_comment_suppresses_finding(client, doc_uri):
    open_doc(client, doc_uri, BLAME)
    params = await diagnostics_for(client, doc_uri, 1)
    diag = next(d for d in params.diagnostics if d.code == "BL005")
    actions = await _actions(client, doc_uri, diag)
    disable = next(a for a in actions if a.title == "pmreview: Disable BL005 on this line")
    new_text, after = await _apply_and_recheck(client, doc_uri, BLAME, disable, 2)
    assert '<!-- pmreview-disable-next-line BL005 reason="' in new_text
    assert "BL005" not in {d.code for d in after.diagnostics}
    assert "AC001" in {d.code for d in after.diagnostics}


async def test_hover_explains_rule(client, doc_uri):
    open_doc(client, doc_uri, BLAME)
    params = await diagnostics_for(client, doc_uri, 1)
    diag = next(d for d in params.diagnostics if d.code == "BL005")
    result = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=doc_uri), position=diag.range.start))
    assert result is not None and result.contents.kind == types.MarkupKind.Markdown
    assert "BL005" in result.contents.value and "## Why" in result.contents.value
    assert result.range == diag.range
    nothing = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=doc_uri), position=types.Position(line=2, character=1)))
    assert nothing is None


async def test_close_clears_diagnostics(client, doc_uri):
    open_doc(client, doc_uri, BLAME)
    await diagnostics_for(client, doc_uri, 1)
    start = len(client.published)
    client.text_document_did_close(types.DidCloseTextDocumentParams(
        text_document=types.TextDocumentIdentifier(uri=doc_uri)))
    for _ in range(100):
        cleared = [p for p in client.published[start:] if p.uri == doc_uri]
        if cleared:
            break
        await asyncio.sleep(0.05)
    assert cleared and len(cleared[-1].diagnostics) == 0


async def test_non_markdown_file_is_ignored(client):
    py_uri = (client.root / "script.py").as_uri()
    open_doc(client, py_uri, "# Bob was careless\nprint('stupid')\n", language_id="python")
    md_uri = (client.root / "after_python.md").as_uri()
    open_doc(client, md_uri, BLAME)
    await diagnostics_for(client, md_uri, 1)  # later document answered, so the .py was handled
    assert not [p for p in client.published if p.uri == py_uri]
    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=py_uri), position=types.Position(line=0, character=8)))
    assert hover is None
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=py_uri),
        range=types.Range(start=types.Position(line=0, character=0), end=types.Position(line=0, character=5)),
        context=types.CodeActionContext(diagnostics=[])))
    assert not actions


async def test_unknown_method_answers_error_and_server_lives(client, doc_uri):
    from pygls.exceptions import JsonRpcMethodNotFound

    with pytest.raises(JsonRpcMethodNotFound):
        await client.protocol.send_request_async("pmreview/noSuchMethod", {"x": 1})
    client.protocol.notify("pmreview/noSuchNotification", {"x": 1})
    open_doc(client, doc_uri, BLAME)
    assert (await diagnostics_for(client, doc_uri, 1)).diagnostics


async def test_oversized_document_gets_one_notice(client, doc_uri):
    line = "The deploy job accidentally removed the index and Bob was careless about it.\n"
    big = "# Incident\n\n## Summary\n\n" + line * (20_000_000 // len(line))
    assert len(big) > 19_000_000
    open_doc(client, doc_uri, big)
    params = await diagnostics_for(client, doc_uri, 1, timeout=30)
    assert len(params.diagnostics) == 1
    only = params.diagnostics[0]
    assert only.code == "too-large" and only.severity == types.DiagnosticSeverity.Information
    # Still serving, and an edit of the huge buffer is handled too.
    change_doc(client, doc_uri, 2, rng=types.Range(start=types.Position(line=0, character=0),
                                                   end=types.Position(line=0, character=1)), new_text="#")
    assert len((await diagnostics_for(client, doc_uri, 2, timeout=30)).diagnostics) == 1
    client.text_document_did_close(types.DidCloseTextDocumentParams(
        text_document=types.TextDocumentIdentifier(uri=doc_uri)))


async def test_incremental_edits_after_unicode_line_separator(client, doc_uri):
    # U+2028 is not a line break for LSP clients; pygls' splitlines() treats it as one.
    text = "# Incident\n\n## Summary\n\nPasted\u2028text from a doc.\n\nBob was careless.\n"
    open_doc(client, doc_uri, text)
    await diagnostics_for(client, doc_uri, 1)
    line = 6
    assert text.split("\n")[line] == "Bob was careless."
    rng = types.Range(start=types.Position(line=line, character=8), end=types.Position(line=line, character=16))
    change_doc(client, doc_uri, 2, rng=rng, new_text="paged")
    after = await diagnostics_for(client, doc_uri, 2)
    expected = text.replace("careless", "paged")
    assert "BL005" not in {d.code for d in after.diagnostics}
    assert {d.code for d in after.diagnostics} == {f.rule for f in review(expected, "x.md").findings}
