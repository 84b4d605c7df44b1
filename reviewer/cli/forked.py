"""A pool of forked workers for a corpus run, results in task order.

multiprocessing.Pool cost a `check --jobs 2` run about a tenth of its CPU beside the work:
importing it (~25 ms, before any file is read), its three threads in the parent, and pickling
every task (config included) and every result through them. Forked workers already hold the
tasks, so only chunk numbers go out (one pipe all workers read from: a free worker takes the
next chunk, so a slow file holds back only its own worker) and each chunk's results come back
pickled on the worker's own pipe. The parent has no thread, so forking is safe, and a worker
that dies is an error here, not a run that hangs.
"""

from __future__ import annotations

import os
import pickle
import select
import signal
import struct
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

_CHUNK_NUMBER = struct.Struct("<I")  # 4-byte pipe writes and reads are atomic: workers never split one
_FRAME = struct.Struct("<iI")  # chunk number (-1 - number: the chunk raised) and payload length
_AHEAD = 4  # chunk numbers queued per worker: enough that none waits, few enough to stay in the pipe


class WorkerDied(RuntimeError):
    pass


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _work(fn: Callable[[T], R], tasks: Sequence[T], chunk: int, task_fd: int, result_fd: int) -> None:
    """A worker's life: take chunk numbers until the pipe ends, send each chunk's results
    (or what it raised, which the parent raises when it reaches that chunk, as Pool.imap does)."""
    while True:
        word = os.read(task_fd, _CHUNK_NUMBER.size)
        if not word:
            return
        (number,) = _CHUNK_NUMBER.unpack(word)
        start = number * chunk
        try:
            payload = pickle.dumps([fn(task) for task in tasks[start : start + chunk]], pickle.HIGHEST_PROTOCOL)
        except Exception as exc:  # noqa: BLE001 - handed to the parent
            number, payload = -1 - number, _pickled_error(exc)
        _write_all(result_fd, _FRAME.pack(number, len(payload)) + payload)


def _pickled_error(exc: BaseException) -> bytes:
    try:
        return pickle.dumps(exc)
    except Exception:  # noqa: BLE001 - an exception that does not pickle: its text
        return pickle.dumps(RuntimeError(f"{exc.__class__.__name__}: {exc}"))


def _child(fn: Callable[[T], R], tasks: Sequence[T], chunk: int, task_fd: int, result_fd: int,
           at_end: Callable[[], None] | None) -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C: the parent reports it, workers just stop
    try:
        _work(fn, tasks, chunk, task_fd, result_fd)
        os.close(result_fd)  # the parent has every result: its wait is over before at_end runs
        if at_end is not None:
            at_end()
    finally:
        # Never back into the parent's code: no atexit handlers (the parent's caches), no flushes.
        # A worker gone early (killed, or an error outside a chunk) is reported by the parent.
        os._exit(0)


def forked_map(fn: Callable[[T], R], tasks: Sequence[T], jobs: int, chunk: int,
               at_end: Callable[[], None] | None = None) -> Iterator[R]:
    """Forks `jobs` workers now (before the caller starts any thread); yields fn(task) in order.
    A worker calls `at_end` once its work is done (it leaves by os._exit: no atexit handlers)."""
    chunks = (len(tasks) + chunk - 1) // chunk
    task_read, task_write = os.pipe()
    sys.stdout.flush()
    sys.stderr.flush()
    pids: list[int] = []
    results: dict[int, int] = {}  # read end -> pid
    for _ in range(min(jobs, chunks)):
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(task_write)
            os.close(read_end)
            for fd in results:
                os.close(fd)
            _child(fn, tasks, chunk, task_read, write_end, at_end)
        os.close(write_end)
        pids.append(pid)
        results[read_end] = pid
    os.close(task_read)
    return _collect(chunks, task_write, results, pids)


def _collect(chunks: int, task_write: int, results: dict[int, int], pids: list[int]) -> Iterator:
    sent = 0
    writing = True
    done: dict[int, tuple[bool, object]] = {}  # chunk number -> (raised, results or exception)
    buffers = {fd: bytearray() for fd in results}

    def feed(count: int) -> None:
        nonlocal sent, writing
        while writing and count > 0 and sent < chunks:
            os.write(task_write, _CHUNK_NUMBER.pack(sent))
            sent, count = sent + 1, count - 1
        if writing and sent == chunks:
            os.close(task_write)  # workers see the end of the pipe once it is empty
            writing = False

    complete = False
    try:
        feed(_AHEAD * len(results))
        next_chunk = 0
        while next_chunk < chunks:
            while next_chunk in done:
                raised, value = done.pop(next_chunk)
                if raised:
                    raise value  # type: ignore[misc]
                yield from value  # type: ignore[misc]
                next_chunk += 1
            if next_chunk == chunks:
                break
            if not buffers:
                raise WorkerDied("a worker process ended before its work was done")
            for fd in select.select(list(buffers), [], [])[0]:
                data = os.read(fd, 1 << 16)
                if not data:
                    del buffers[fd]
                    continue
                buffer = buffers[fd]
                buffer += data
                while len(buffer) >= _FRAME.size:
                    number, size = _FRAME.unpack_from(buffer)
                    if len(buffer) < _FRAME.size + size:
                        break
                    value = pickle.loads(buffer[_FRAME.size : _FRAME.size + size])
                    del buffer[: _FRAME.size + size]
                    done[number if number >= 0 else -1 - number] = (number < 0, value)
                    feed(1)
        complete = True
    finally:
        if writing:
            os.close(task_write)
        for fd in results:
            os.close(fd)
        for pid in pids:
            if not complete:  # stopped early (an error, the caller gave up): workers stop now
                try:
                    os.kill(pid, signal.SIGTERM)
                except ProcessLookupError:
                    pass
            os.waitpid(pid, 0)  # after a full run a worker may still be in at_end (saving caches)
