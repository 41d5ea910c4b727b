"""The chunks of one answer of the worker pool, as an async iterator.

It gives the worker back to the pool when the answer is complete, and kills it (the pool
starts a replacement) when the consumer stops early: ``aclose()``, cancellation, or the
iterator being dropped unfinished.
"""

from __future__ import annotations

from collections import deque
from typing import Protocol

from graph_service.backends.procs import WorkerProcess


class WorkerSource(Protocol):
    """What a stream needs of its pool (:class:`graph_service.backends.pool.WorkerPool`)."""

    async def read_more(
        self,
        worker: WorkerProcess,
        deadline: float,
        cap: float,
    ) -> tuple[list[bytes], bool]: ...

    def replace_worker(self, worker: WorkerProcess) -> None: ...


class PoolStream:
    """The answer's chunks; returns the worker when finished, kills it when dropped early."""

    def __init__(
        self,
        pool: WorkerSource,
        worker: WorkerProcess | None,
        chunks: list[bytes],
        deadline: float,
        cap: float,
    ) -> None:
        self._pool, self._worker = pool, worker
        self._pending: deque[bytes] = deque(chunks)
        self._deadline, self._cap = deadline, cap

    def __aiter__(self) -> PoolStream:
        return self

    async def __anext__(self) -> bytes:
        while not self._pending:
            worker = self._worker
            if worker is None:
                raise StopAsyncIteration
            try:
                chunks, done = await self._pool.read_more(worker, self._deadline, self._cap)
            except BaseException:
                self._worker = None
                self._pool.replace_worker(worker)
                raise
            if done:
                self._worker = None
            self._pending.extend(chunks)
        return self._pending.popleft()

    async def aclose(self) -> None:
        """Stop early: the worker is killed and replaced."""
        self._drop()

    def _drop(self) -> None:
        worker, self._worker = self._worker, None
        if worker is not None:
            self._pool.replace_worker(worker)

    def __del__(self) -> None:
        self._drop()
