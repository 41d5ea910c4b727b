"""Hand a serialized result from a worker thread to the event loop, chunk by chunk.

The worker writes into a :class:`ChunkWriter` (a binary file-like object). Nothing is
announced until the first 64 KiB chunk is full: an answer that fits in one chunk reaches
the loop whole with a single hop, and an error raised before then still gets its own
status. Bigger answers go through a bounded queue; the worker waits while it is full
(backpressure) and stops when the consumer goes away.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import threading
import time
from collections.abc import AsyncIterator

from ess_core.errors import ServiceError
from graph_service.backends.base import ResultKind

CHUNK_SIZE = 64 * 1024
QUEUE_CHUNKS = 4
_POLL_S = 0.5

Head = tuple[ResultKind, str, bytes | None]


class Cancelled(Exception):  # noqa: N818 - a signal, not an error
    """The consumer went away: the worker stops serializing."""


def _settle(future: asyncio.Future[Head], value: Head | BaseException) -> None:
    if future.done():
        return
    if isinstance(value, BaseException):
        future.set_exception(value)
    else:
        future.set_result(value)


class Channel:
    """One answer in transit: its head (kind, media type, whole body?) then its chunks."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop
        self.head: asyncio.Future[Head] = loop.create_future()
        self._queue: asyncio.Queue[bytes | BaseException | None] = asyncio.Queue(QUEUE_CHUNKS)
        self._cancelled = threading.Event()
        self._started = False  # worker side: head sent
        self._closed = False  # worker side: nothing more will be sent

    # Worker thread side.

    def start(self, kind: ResultKind, media_type: str, whole: bytes | None) -> None:
        """Announce the answer; ``whole`` is the complete body when it fits in one chunk."""
        self._started = True
        self._closed = whole is not None
        self._loop.call_soon_threadsafe(_settle, self.head, (kind, media_type, whole))

    def put(self, item: bytes | BaseException | None) -> None:
        """Queue a chunk (None ends, an exception aborts), waiting while the queue is full."""
        future = asyncio.run_coroutine_threadsafe(self._queue.put(item), self._loop)
        while True:
            try:
                future.result(timeout=_POLL_S)
                break
            except concurrent.futures.TimeoutError:
                if self._cancelled.is_set():
                    future.cancel()
                    raise Cancelled from None
        if item is None or isinstance(item, BaseException):
            self._closed = True
        if self._cancelled.is_set():
            raise Cancelled

    def fail(self, error: ServiceError) -> None:
        """Report a failure: as the head before the answer started, else in the stream."""
        if self._closed or self._cancelled.is_set():
            return
        if not self._started:
            self._closed = True
            self._loop.call_soon_threadsafe(_settle, self.head, error)
            return
        try:
            self.put(error)
        except Cancelled:
            pass

    # Event loop side.

    def cancel(self) -> None:
        """The consumer is gone: unblock and stop the worker."""
        self._cancelled.set()
        while not self._queue.empty():
            self._queue.get_nowait()

    async def chunks(self, whole: bytes | None) -> AsyncIterator[bytes]:
        """The body's chunks, in order; raises the worker's error if it fails midway."""
        if whole is not None:
            yield whole
            return
        try:
            while (item := await self._queue.get()) is not None:
                if isinstance(item, BaseException):
                    raise item
                yield item
        finally:
            self.cancel()


class ChunkWriter:
    """Binary file-like target of pyoxigraph's ``serialize``, cut into chunks."""

    def __init__(
        self, channel: Channel, kind: ResultKind, media_type: str, deadline: float
    ) -> None:
        self._channel = channel
        self._kind = kind
        self._media_type = media_type
        self._deadline = deadline
        self._buffer = bytearray()
        self._started = False

    def write(self, data: bytes) -> int:
        """Buffer ``data``; hand a chunk over each time CHUNK_SIZE is reached."""
        self._buffer += data
        if len(self._buffer) >= CHUNK_SIZE:
            if time.monotonic() > self._deadline:
                raise TimeoutError
            self._emit()
        return len(data)

    def flush(self) -> None:
        """Chunks leave when full or at close; nothing to do here."""

    def _emit(self) -> None:
        if not self._started:
            self._started = True
            self._channel.start(self._kind, self._media_type, None)
        self._channel.put(bytes(self._buffer))
        self._buffer.clear()

    def close(self) -> None:
        """End of the answer: send it whole, or its last chunk and the end mark."""
        if not self._started:
            self._channel.start(self._kind, self._media_type, bytes(self._buffer))
            return
        if self._buffer:
            self._emit()
        self._channel.put(None)
