"""The provider's Files + Batches endpoints, through the official openai client."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

# Documented limits of one input file: 50,000 requests and 200 MB (kept under, with room).
MAX_LINES = 50_000
MAX_BYTES = 190 * 1024 * 1024
TERMINAL = frozenset({"completed", "failed", "expired", "cancelled"})
NO_BATCH_STATUSES = (404, 405, 501)


@dataclass(frozen=True)
class Status:
    id: str
    status: str
    total: int
    done: int  # completed + failed
    output_file_id: str | None
    error_file_id: str | None

    @property
    def terminal(self) -> bool:
        return self.status in TERMINAL


def client_for(target: Any, settings: Any) -> Any:
    import openai

    return openai.OpenAI(api_key=target.api_key, base_url=target.base_url, timeout=settings.timeout,
                         max_retries=settings.max_retries)


def supports_batches(client: Any) -> bool:
    """One probe with retries off: 404/405/501 means no Batch API (vLLM, Ollama, llama.cpp)."""
    import openai

    try:
        client.with_options(max_retries=0).batches.list(limit=1)
    except openai.APIStatusError as exc:
        if exc.status_code in NO_BATCH_STATUSES:
            return False
        raise
    return True


def chunks(lines: list[dict]) -> Iterator[bytes]:
    buf: list[bytes] = []
    size = 0
    for line in lines:
        raw = (json.dumps(line, ensure_ascii=False) + "\n").encode()
        if buf and (len(buf) == MAX_LINES or size + len(raw) > MAX_BYTES):
            yield b"".join(buf)
            buf, size = [], 0
        buf.append(raw)
        size += len(raw)
    if buf:
        yield b"".join(buf)


def submit(client: Any, data: bytes, run_id: str) -> str:
    uploaded = client.files.create(file=("pmreview-batch.jsonl", io.BytesIO(data)), purpose="batch")
    batch = client.batches.create(input_file_id=uploaded.id, endpoint="/v1/chat/completions",
                                  completion_window="24h", metadata={"pmreview_run": run_id})
    return str(batch.id)


def status(client: Any, batch_id: str) -> Status:
    b = client.batches.retrieve(batch_id)
    counts = b.request_counts
    total = int(getattr(counts, "total", 0) or 0)
    done = int(getattr(counts, "completed", 0) or 0) + int(getattr(counts, "failed", 0) or 0)
    return Status(b.id, b.status, total, done, b.output_file_id, b.error_file_id)


def results(client: Any, state: Status) -> Iterator[dict]:
    """Every line of the output and error files (the order is the provider's: join on custom_id)."""
    for file_id in (state.output_file_id, state.error_file_id):
        if not file_id:
            continue
        for raw in client.files.content(file_id).text.splitlines():
            if raw.strip():
                yield json.loads(raw)
