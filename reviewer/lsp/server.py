"""The pmreview language server: thin pygls handlers over reviewer/lsp's pure parts.

Push diagnostics on open, change (debounced) and save; code actions; hover; editor
settings through workspace/configuration. Reviews run in a worker thread with a time
limit, so the event loop keeps answering (and cancelling) while a large document is read.
"""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import PurePath
from typing import Any

from lsprotocol import types
from pygls.exceptions import JsonRpcContentModified, JsonRpcInternalError
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path
from pygls.workspace.text_document import TextDocument

from reviewer import __version__
from reviewer.config import Config
from reviewer.edits import EditModel
from reviewer.errors import PmreviewError
from reviewer.lsp import actions as action_mod
from reviewer.lsp.diagnostics import notice, overlaps, same_place
from reviewer.lsp.hover import hover as hover_for
from reviewer.lsp.positions import LineIndex, lsp_lines
from reviewer.lsp.protocol import PmreviewProtocol
from reviewer.lsp.review import BufferVersion, Result, is_markdown, review_buffer
from reviewer.lsp.rewrite import ACTION_TITLE, RewriteCache, Rewriter, RewriteRequest, cache_key
from reviewer.lsp.scheduler import Scheduler
from reviewer.lsp.settings import SECTION, ClientSettings, ConfigResolver
from reviewer.review import ReviewCache

log = logging.getLogger(__name__)
CONFIG_FILES = (".pmreview.toml", "pyproject.toml")


class PmreviewServer(LanguageServer):
    def __init__(self, review_timeout: float = 10.0, rewriter: Rewriter | None = None) -> None:
        super().__init__("pmreview", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental,
                         protocol_cls=PmreviewProtocol)
        self.settings = ClientSettings()
        self.resolver = ConfigResolver()
        self.results: dict[str, Result] = {}
        self.review_caches: dict[str, tuple[Config, ReviewCache]] = {}
        self.scheduler = Scheduler(self.review_and_publish)
        self.executor = ThreadPoolExecutor(max_workers=2, thread_name_prefix="pmreview-review")
        self.review_timeout = review_timeout
        self.rewriter = rewriter
        self.rewrite_cache = RewriteCache()
        self._shown_problems: set[str] = set()
        self.settings_ready = asyncio.Event()  # set once the client's settings were asked for

    # -- helpers ----------------------------------------------------------------------
    def _capability(self, path: str, default: Any = None) -> Any:
        node: Any = self.client_capabilities
        for part in path.split("."):
            node = getattr(node, part, None)
            if node is None:
                return default
        return node

    @property
    def encoding(self) -> str:
        return str(self.workspace.position_encoding or types.PositionEncodingKind.Utf16)

    def reviewable(self, uri: str) -> bool:
        doc = self.workspace.text_documents.get(uri)
        return doc is not None and self.settings.enable and is_markdown(doc.language_id, _fs_path(uri) or uri)

    def snapshot(self, uri: str) -> BufferVersion | None:
        doc = self.workspace.text_documents.get(uri)
        if doc is None:
            return None
        return BufferVersion(uri, doc.version, doc.source, _fs_path(uri), self.encoding)

    def current(self, uri: str) -> Result | None:
        """The last result, if it is for the document's current version."""
        doc = self.workspace.text_documents.get(uri)
        result = self.results.get(uri)
        if doc is None or result is None or result.version != doc.version:
            return None
        return result

    def _review_sync(self, snapshot: BufferVersion, settings: ClientSettings) -> Result:
        try:
            config = self.resolver.config_for(snapshot.path, self.workspace.root_path, settings)
        except PmreviewError as exc:
            return review_buffer(snapshot, exc)
        # Unchanged paragraphs reuse their rule hits; a config change starts a fresh cache.
        cache = self.review_caches.get(snapshot.uri)
        if cache is None or cache[0] != config:
            cache = (config, ReviewCache())
            self.review_caches[snapshot.uri] = cache
        return review_buffer(snapshot, config, cache[1])

    async def review(self, uri: str) -> Result | None:
        """Review the current version in the worker pool; None if the document changed meanwhile."""
        snapshot = self.snapshot(uri)
        if snapshot is None:
            return None
        loop = asyncio.get_running_loop()
        started = time.perf_counter()
        work = loop.run_in_executor(self.executor, self._review_sync, snapshot, self.settings)
        try:
            result = await asyncio.wait_for(work, self.review_timeout)
        except TimeoutError:
            log.error("review of %s took longer than %.0f s; skipped", uri, self.review_timeout)
            message = f"pmreview: not reviewed: the review took longer than {self.review_timeout:.0f} s"
            result = Result(uri, snapshot.version, LineIndex("", self.encoding),
                            diagnostics=(notice(message, "timeout"),))
        doc = self.workspace.text_documents.get(uri)
        log.info("reviewed %s v%s in %.1f ms", uri, snapshot.version, (time.perf_counter() - started) * 1000)
        if doc is None or doc.version != snapshot.version:
            log.debug("dropping stale review of %s v%s", uri, snapshot.version)
            return None
        self.results[uri] = result
        return result

    async def review_and_publish(self, uri: str) -> None:
        if not self.settings_ready.is_set():  # don't publish with defaults the editor overrides
            try:
                await asyncio.wait_for(self.settings_ready.wait(), 5.0)
            except TimeoutError:
                self.settings_ready.set()
        if not self.reviewable(uri):
            return
        result = await self.review(uri)
        if result is not None:
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
                uri=uri, version=result.version, diagnostics=list(result.diagnostics)))

    def clear(self, uri: str) -> None:
        self.scheduler.cancel(uri)
        self.review_caches.pop(uri, None)
        if self.results.pop(uri, None) is not None:
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    def review_all(self) -> None:
        for uri in list(self.workspace.text_documents):
            if self.reviewable(uri):
                self.scheduler.schedule(uri)
            else:
                self.clear(uri)

    def apply_settings(self, settings: ClientSettings) -> None:
        self.settings = settings
        for problem in settings.problems:
            if problem not in self._shown_problems:
                self._shown_problems.add(problem)
                self.window_show_message(types.ShowMessageParams(
                    type=types.MessageType.Warning, message=f"pmreview: editor settings: {problem}"))

    async def pull_settings(self) -> None:
        """Ask the client for the "pmReview" section (workspace/configuration)."""
        if not self._capability("workspace.configuration", False):
            return
        try:
            answer = await self.workspace_configuration_async(types.ConfigurationParams(
                items=[types.ConfigurationItem(section=SECTION)]))
        except Exception as exc:  # a client that errors here still gets file-config reviews
            log.warning("workspace/configuration failed: %s", exc)
            return
        raw = answer[0] if answer else None
        if raw is not None:
            self.apply_settings(ClientSettings.parse(raw))

    async def watch_config_files(self) -> None:
        """Ask the client to tell us when a config file changes (editors attach this server to
        Markdown only, so a saved .pmreview.toml never reaches didSave)."""
        if not self._capability("workspace.did_change_watched_files.dynamic_registration", False):
            return
        watchers = [types.FileSystemWatcher(glob_pattern=f"**/{name}") for name in CONFIG_FILES]
        try:
            await self.client_register_capability_async(types.RegistrationParams(registrations=[types.Registration(
                id=str(uuid.uuid4()), method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                register_options=types.DidChangeWatchedFilesRegistrationOptions(watchers=watchers))]))
        except Exception as exc:  # not fatal: config changes are still seen on the next review
            log.info("client did not register file watchers: %s", exc)

    def target(self, uri: str, version: int | None) -> action_mod.EditTarget:
        return action_mod.EditTarget(uri, version, bool(self._capability("workspace.workspace_edit.document_changes")))

    def can_resolve_edits(self) -> bool:
        props = self._capability("text_document.code_action.resolve_support.properties", []) or []
        return "edit" in props

    def shutdown_work(self) -> None:
        self.scheduler.cancel_all()
        self.rewrite_cache.cancel_all()
        self.executor.shutdown(wait=False, cancel_futures=True)


def _fs_path(uri: str) -> str | None:
    return to_fs_path(uri) if uri.startswith("file:") else None


def _lsp_line_splitting() -> None:
    """pygls 2.1.1 splits a document with str.splitlines(), which also breaks lines at U+2028,
    U+2029, U+0085, \\v, \\f and \\x1c-\\x1e. Clients break lines only at \\n, \\r\\n and \\r, so
    an incremental edit below such a character (pasted text has U+2028) would be applied to
    the wrong line and the server's copy of the document would silently diverge."""
    TextDocument.lines = property(lambda self: tuple(lsp_lines(self.source)))  # type: ignore[method-assign,assignment]


def create_server(review_timeout: float = 10.0, rewriter: Rewriter | None = None) -> PmreviewServer:
    _lsp_line_splitting()
    server = PmreviewServer(review_timeout, rewriter)

    @server.feature(types.INITIALIZE)
    def initialize(ls: PmreviewServer, params: types.InitializeParams) -> None:
        if params.initialization_options is not None:
            ls.apply_settings(ClientSettings.parse(params.initialization_options))

    @server.feature(types.INITIALIZED)
    async def initialized(ls: PmreviewServer, params: types.InitializedParams) -> None:
        try:
            await ls.pull_settings()
        finally:
            ls.settings_ready.set()
        await ls.watch_config_files()

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: PmreviewServer, params: types.DidOpenTextDocumentParams) -> None:
        if ls.reviewable(params.text_document.uri):
            ls.scheduler.schedule(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: PmreviewServer, params: types.DidChangeTextDocumentParams) -> None:
        uri = params.text_document.uri
        if ls.settings.run == "onType" and ls.reviewable(uri):
            ls.scheduler.schedule(uri, ls.settings.debounce_ms / 1000)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE, types.SaveOptions(include_text=False))
    def did_save(ls: PmreviewServer, params: types.DidSaveTextDocumentParams) -> None:
        uri = params.text_document.uri
        if PurePath(_fs_path(uri) or uri).name in CONFIG_FILES:
            ls.review_all()  # a saved config applies to every open postmortem
        elif ls.reviewable(uri):
            ls.scheduler.schedule(uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: PmreviewServer, params: types.DidCloseTextDocumentParams) -> None:
        ls.clear(params.text_document.uri)

    @server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    async def did_change_configuration(ls: PmreviewServer, params: types.DidChangeConfigurationParams) -> None:
        ls.resolver.clear()
        if ls._capability("workspace.configuration", False):
            await ls.pull_settings()
        elif isinstance(params.settings, dict) and SECTION in params.settings:
            ls.apply_settings(ClientSettings.parse(params.settings[SECTION]))
        ls.review_all()

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def did_change_watched_files(ls: PmreviewServer, params: types.DidChangeWatchedFilesParams) -> None:
        if any(PurePath(_fs_path(c.uri) or c.uri).name in CONFIG_FILES for c in params.changes):
            ls.resolver.clear()
            ls.review_all()

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: PmreviewServer, params: types.HoverParams) -> types.Hover | None:
        result = ls.current(params.text_document.uri)
        if result is None or not result.findings:
            return None
        formats = ls._capability("text_document.hover.content_format", None)
        markdown = not formats or types.MarkupKind.Markdown in formats
        return hover_for(result.findings, result.index, params.position, markdown)

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(
        code_action_kinds=[types.CodeActionKind.QuickFix], resolve_provider=True))
    async def code_action(ls: PmreviewServer, params: types.CodeActionParams) -> list[types.CodeAction] | None:
        uri = params.text_document.uri
        if not ls.reviewable(uri):
            return None
        if params.context.only and not any(k.startswith(types.CodeActionKind.QuickFix) for k in params.context.only):
            return None
        result = ls.current(uri) or await ls.review(uri)
        if result is None or not result.findings:
            return None
        index, target = result.index, ls.target(uri, result.version)
        wanted = index.span(params.range)
        picked = [f for f in result.findings
                  if overlaps(f.span, wanted) or any(same_place(d, f, index) for d in params.context.diagnostics)]
        out: list[types.CodeAction] = []
        lazy = ls.rewriter is not None and ls.can_resolve_edits()
        edit_model = EditModel(index.text)  # the edits `fix` and GitHub suggestions use

        def add(action: types.CodeAction | None) -> None:
            # Two findings can yield the same fix (same rule twice on a line): offer it once.
            key = (action.title, action.edit, action.data) if action else None
            if action is not None and all((a.title, a.edit, a.data) != key for a in out):
                out.append(action)

        for finding in picked:
            diagnostic = result.diagnostic_for(finding)
            add(action_mod.apply_suggestion(finding, index, target, diagnostic, edit_model))
            add(action_mod.suggest_guardrail(finding, index, target, diagnostic))
            if lazy and ls.rewriter is not None and ls.rewriter.applies_to(finding):
                add(types.CodeAction(
                    title=f"pmreview: {ACTION_TITLE}", kind=types.CodeActionKind.QuickFix,
                    diagnostics=[diagnostic] if diagnostic else None,
                    data=RewriteRequest(uri, result.version, finding.rule, finding.span.start, finding.span.end,
                                        finding.fingerprint).to_data()))
        for finding in picked:  # disabling comes last: fixing is the better choice
            diagnostic = result.diagnostic_for(finding)
            add(action_mod.disable_rule(finding, index, target, diagnostic, result.in_table(finding)))
        return out or None

    @server.feature(types.CODE_ACTION_RESOLVE)
    async def code_action_resolve(ls: PmreviewServer, params: types.CodeAction) -> types.CodeAction:
        request = RewriteRequest.from_data(params.data)
        if request is None or params.edit is not None:
            return params
        return await resolve_rewrite(ls, params, request)

    @server.feature(types.SHUTDOWN)
    def shutdown(ls: PmreviewServer, params: None) -> None:
        ls.shutdown_work()

    return server


async def resolve_rewrite(ls: PmreviewServer, action: types.CodeAction, request: RewriteRequest) -> types.CodeAction:
    """Fill in the edit of a lazy "Rewrite neutrally (LLM)" action. See reviewer/lsp/rewrite.py."""
    rewriter = ls.rewriter
    result = ls.current(request.uri)
    if rewriter is None:
        raise JsonRpcInternalError("pmreview: no LLM is configured")
    if result is None or result.version != request.version:
        raise JsonRpcContentModified("pmreview: the document changed; ask for code actions again")
    finding = next((f for f in result.findings if f.rule == request.rule and f.span.start == request.start
                    and f.span.end == request.end), None)
    if finding is None:
        raise JsonRpcContentModified("pmreview: the finding is gone; ask for code actions again")
    paragraph_span = finding.segment_span or finding.span
    paragraph = result.index.text[paragraph_span.start : paragraph_span.end]
    token = None
    if ls._capability("window.work_done_progress", False):
        token = str(uuid.uuid4())
        try:
            # shielded: cancelling while the client answers would break pygls 2.1.1 (pygls#621)
            await asyncio.shield(ls.work_done_progress.create_async(token))
            ls.work_done_progress.begin(token, types.WorkDoneProgressBegin(
                title="pmreview", message=f"Rewriting ({finding.rule})", cancellable=False))
        except Exception as exc:
            log.warning("progress not available: %s", exc)
            token = None
    rewritten: str | None = None
    try:
        rewritten = await ls.rewrite_cache.get(cache_key(rewriter.model_id, finding.rule, paragraph),
                                               lambda: rewriter.rewrite(paragraph, finding))
    finally:
        if token is not None:
            ls.work_done_progress.end(token, types.WorkDoneProgressEnd(
                message="Done" if rewritten else "No rewrite"))
    if not rewritten or rewritten == paragraph:
        raise JsonRpcInternalError("pmreview: no safe rewrite for this paragraph")
    if ls.current(request.uri) is not result:
        raise JsonRpcContentModified("pmreview: the document changed; ask for code actions again")
    action.edit = action_mod.workspace_edit(ls.target(request.uri, result.version), [
        types.TextEdit(range=result.index.range(paragraph_span), new_text=rewritten)])
    return action
