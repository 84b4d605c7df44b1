"""`pmreview lsp`: a Language Server for Markdown postmortems (pygls 2 / lsprotocol).

Modules, each small and, except `server`, free of pygls state:
    positions    code-point offsets <-> LSP positions in the negotiated encoding
    diagnostics  Finding -> Diagnostic
    review       one review of one document version (size limit, config errors, crashes)
    scheduler    debounce + one review in flight per document, latest version wins
    settings     file config + editor settings (workspace/configuration, initializationOptions)
    actions      quick fixes: apply suggestion, suggest a guardrail, disable the rule
    hover        rule documentation on hover
    rewrite      the plug-in point for LLM rewrites resolved lazily (no model here yet)
    server       the pygls handlers
    transport    stdio (with a message size cap) and TCP on loopback
"""
