"""JSON-RPC answers pygls 2.1.1 does not give: every request gets a response.

- A request whose params do not fit the method's schema is answered -32602 (InvalidParams)
  with its id; pygls raised while decoding it, so the client only saw a showMessage and the
  request never completed.
- Before `initialize`, a request is answered -32002 (ServerNotInitialized) and notifications
  other than `exit` are dropped, as the LSP specification says (pygls ran the handler, which
  failed with -32603 on the missing workspace).
"""

from __future__ import annotations

import logging
from typing import Any

from lsprotocol import types
from pygls.exceptions import JsonRpcException, JsonRpcInvalidParams, JsonRpcServerNotInitialized
from pygls.protocol import LanguageServerProtocol

log = logging.getLogger(__name__)
_BEFORE_INIT_ALLOWED = frozenset({types.INITIALIZE, types.EXIT})


class _Answered:
    """A request that was already answered while it was decoded: nothing more to do."""

    jsonrpc = None


class PmreviewProtocol(LanguageServerProtocol):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.initialize_seen = False

    def structure_message(self, data: dict[str, Any]) -> Any:
        try:
            return super().structure_message(data)
        except JsonRpcException as exc:
            msg_id = data.get("id") if isinstance(data, dict) else None
            if "jsonrpc" not in data or "method" not in data or not isinstance(msg_id, int | str):
                raise  # a notification or a response: nobody waits for an answer
            error = exc
            if isinstance(exc, JsonRpcInvalidParams) or exc.__cause__ is not None:
                error = JsonRpcInvalidParams(f"invalid params for {data.get('method')!r}")
            log.warning("request %r (%s): %s", msg_id, data.get("method"), error.message)
            self._send_response(msg_id, None, error.to_response_error())
            return _Answered()

    def handle_message(self, message: Any) -> None:
        if isinstance(message, _Answered):
            return
        method = getattr(message, "method", None)
        if not self.initialize_seen and method is not None and method not in _BEFORE_INIT_ALLOWED:
            msg_id = getattr(message, "id", None)
            if msg_id is not None:  # a request: answer it
                log.warning("request %r (%s) before initialize", msg_id, method)
                self._send_response(msg_id, None, JsonRpcServerNotInitialized(
                    f"{method} before initialize").to_response_error())
            return  # a notification before initialize is dropped
        if method == types.INITIALIZE:
            self.initialize_seen = True
        super().handle_message(message)
