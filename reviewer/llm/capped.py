"""An HTTP client that stops reading an answer at a size limit.

`max_tokens` asks the server to stop; a server may not listen (a 50 MB answer took 72 s to read
and parse). The limit is enforced on the bytes read, chunked answers included, and the error is
an OpenAIError so the SDK does not retry it.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
from openai import OpenAIError


class AnswerTooLarge(OpenAIError):
    def __init__(self, limit: int) -> None:
        super().__init__(f"answer larger than {limit} bytes; not read (raise [llm] max-answer-bytes)")


class _CappedStream(httpx.AsyncByteStream):
    def __init__(self, inner: httpx.AsyncByteStream, limit: int) -> None:
        self.inner = inner
        self.limit = limit

    async def __aiter__(self) -> AsyncIterator[bytes]:
        seen = 0
        async for chunk in self.inner:
            seen += len(chunk)
            if seen > self.limit:
                raise AnswerTooLarge(self.limit)
            yield chunk

    async def aclose(self) -> None:
        await self.inner.aclose()


class CappedTransport(httpx.AsyncBaseTransport):
    def __init__(self, limit: int) -> None:
        self.inner = httpx.AsyncHTTPTransport()
        self.limit = limit

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self.inner.handle_async_request(request)
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.limit:
            await response.aclose()
            raise AnswerTooLarge(self.limit)
        assert isinstance(response.stream, httpx.AsyncByteStream)
        return httpx.Response(response.status_code, headers=response.headers,
                              stream=_CappedStream(response.stream, self.limit), extensions=response.extensions)

    async def aclose(self) -> None:
        await self.inner.aclose()


def capped_async_client(limit: int, timeout: float) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=CappedTransport(limit), timeout=timeout, follow_redirects=True)
