"""The embedded backend for a read-only service: a pool of query worker processes.

Each worker (``worker.py``) holds its own read-only handle on the store and streams its
answer back through a pipe. Every query has a deadline: the smaller of the request's
``timeout_s`` and ``settings.query_timeout_s``. It covers waiting for a free worker and
evaluation up to the first chunk, so an expired query still gets a clean 503. Once the
first chunk is out the status is sent and cannot change: the rest of the answer must arrive
within a longer streaming cap (``stream_factor`` times the deadline, setting
``ESS_STREAM_CAP_FACTOR``), else the worker is killed and the response is aborted (the
connection closes without the final chunk, so the client sees an error, never a silently
shortened body). A worker past a deadline, or whose
client went away mid-stream, is killed with SIGKILL and a warm replacement is started in the
background; the other workers keep serving meanwhile. Single-pattern lookups with small
answers skip the workers (see :mod:`~graph_service.backends.fast_lane`). A pool whose store
was swapped out is *retired* (:meth:`WorkerPool.retire`): it takes no new query, and each
worker ends once its answer is complete (:mod:`~graph_service.backends.reload`).
"""

from __future__ import annotations

import asyncio
import json
import logging
import threading
import time
from collections import deque
from pathlib import Path
from typing import cast

import pyoxigraph as ox

from ess_core import errors
from ess_core.settings import Settings, preloaded_environment
from graph_service.backends.base import NAMED_QUADS, QueryAnswer, QueryRequest, ResultKind
from graph_service.backends.fast_lane import FastLane
from graph_service.backends.federation import check_calls
from graph_service.backends.pool_stream import PoolStream
from graph_service.backends.procs import (
    ExpiredError,
    Frame,
    WorkerDiedError,
    WorkerProcess,
    frame_error,
)
from graph_service.backends.scan import scan
from graph_service.conneg import by_kind
from graph_service.metrics import event

log = logging.getLogger(__name__)
_Started = tuple[WorkerProcess, dict[str, str], list[bytes], bool]


def named_quads(store: ox.Store) -> int:
    """Quads of the store's named graphs (its default graph, their merge, is not counted)."""
    rows = store.query(NAMED_QUADS)
    assert isinstance(rows, ox.QuerySolutions)  # noqa: S101 (a SELECT query)
    return int(next(iter(rows))["n"].value)


class PoolRetiredError(Exception):
    """The pool was retired (its store swapped out) before the query got a worker."""


def _started(frames: list[Frame]) -> bool:
    """Enough to answer: an error, or the header and the frame after it."""
    return bool(frames) and (frames[0][0] == b"X" or len(frames) >= 2)


class WorkerPool:
    """Backend evaluating queries in ``workers`` processes over a read-only store."""

    def __init__(
        self,
        store_path: Path,
        *,
        workers: int = 2,
        query_timeout_s: float = 30.0,
        max_result_rows: int = 0,
        union_default_graph: bool = False,
        service_allowlist: tuple[str, ...] = (),
        base_iri: str | None = None,
        stream_factor: float = 10.0,
        start_timeout_s: float = 60.0,
        fast_lane: bool = True,
        nice: int = 0,
        malloc: Path | None = None,
    ) -> None:
        if not store_path.is_dir():
            raise errors.StorageError(f"no store at {store_path}")
        self.store_path, self.query_timeout_s = store_path, query_timeout_s
        self.max_result_rows, self.union = max_result_rows, union_default_graph
        self.allowlist, self.stream_factor = service_allowlist, stream_factor
        self.start_timeout_s, self.base_iri = start_timeout_s, base_iri
        self.fast_lane = FastLane(store_path) if fast_lane else None
        self._idle: deque[WorkerProcess] = deque()
        self._waiters: deque[tuple[asyncio.AbstractEventLoop, asyncio.Future[WorkerProcess]]]
        self._waiters = deque()
        self._urgent = 0  # the first waiters that are REST queries
        self._all: set[WorkerProcess] = set()
        self._lock = threading.Lock()
        self._closed = False
        self._retired = False
        self._count: int | None = None
        self.nice = nice
        self.environment = preloaded_environment(malloc)  # the workers' allocator
        started = [WorkerProcess(store_path, nice, self.environment) for _ in range(workers)]
        for worker in started:
            self._all.add(worker)
            try:
                worker.wait_ready(start_timeout_s)
            except (ExpiredError, WorkerDiedError) as exc:
                self._kill_all()
                raise errors.StorageError(f"query worker could not open {store_path}") from exc
            self._idle.append(worker)

    @classmethod
    def from_settings(
        cls,
        settings: Settings,
        *,
        workers: int | None = None,
        fast_lane: bool = True,
        nice: int = 0,
    ) -> WorkerPool:
        """The pool the settings describe (``workers`` replaces ``query_workers``)."""
        return cls(
            settings.store_path,
            workers=workers or settings.query_workers,
            query_timeout_s=settings.query_timeout_s,
            max_result_rows=settings.max_result_rows,
            union_default_graph=settings.union_default_graph,
            service_allowlist=tuple(settings.service_allowlist),
            base_iri=settings.public_url + "sparql",
            stream_factor=settings.stream_cap_factor,
            fast_lane=fast_lane,
            nice=nice,
            malloc=settings.worker_preload,
        )

    @property
    def has_idle(self) -> bool:
        """Whether a worker is free right now (a hint: another query may take it first)."""
        return bool(self._idle)

    @property
    def waiting(self) -> int:
        """Queries waiting for a free worker."""
        return len(self._waiters)

    def kill_now(self) -> None:
        """Kill every worker at once (a pool that could not be completed)."""
        self._closed = True
        self._kill_all()

    # -- the Backend protocol ---------------------------------------------------------------

    async def query(self, request: QueryRequest) -> QueryAnswer:
        """Check, dispatch to a free worker, and return once the first chunk is known."""
        self._require_open()
        shape = scan(request.query)
        check_calls(shape.services, self.allowlist)
        media, formats = by_kind(shape.form, request.accept)
        timeout = min(request.timeout_s, self.query_timeout_s)
        req = {
            "q": request.query,
            "u": self.union and not shape.has_from,
            "dg": list(request.default_graphs),
            "ng": list(request.named_graphs),
            "s": dict(request.substitutions),
            "f": formats,
            "m": self.max_result_rows,
            "b": self.base_iri,
        }
        lane = self.fast_lane
        fast = lane.try_answer(req) if lane is not None and shape.single_scan else None
        if fast is not None:
            kind = cast(ResultKind, fast[0])
            stream = PoolStream(self, None, [fast[1]], 0.0, 0.0)
            return QueryAnswer(kind, media[kind], stream, body=fast[1])
        worker, header, chunks, done = await self._start(
            json.dumps(req).encode(), timeout, first=request.lane == "rest"
        )
        cap = timeout * self.stream_factor
        stream = PoolStream(self, None if done else worker, chunks, time.monotonic() + cap, cap)
        kind = cast(ResultKind, header["kind"])
        return QueryAnswer(kind, media[kind], stream)

    def triple_count(self) -> int:
        """Number of quads in the named graphs (counted once by a read-only handle, the store
        does not change)."""
        self._require_open()
        if self._count is None:
            self._count = named_quads((self.fast_lane or FastLane(self.store_path)).store)
        return self._count

    async def close(self) -> None:
        """Kill every worker and release the store."""
        self._closed = True
        self._kill_all()
        self.fast_lane = None

    def retire(self) -> None:
        """Take no new query; kill idle workers now, busy ones once their answer is done.

        Queries already waiting for a worker are still served; a query that comes later gets
        :class:`PoolRetiredError` (the caller sends it to the current pool).
        """
        self.fast_lane = None
        with self._lock:
            self._retired = True
            idle = list(self._idle)
            self._idle.clear()
        for worker in idle:
            self._discard(worker)

    @property
    def finished(self) -> bool:
        """True once a retired or closed pool has no worker left."""
        with self._lock:
            return (self._retired or self._closed) and not self._all

    def _require_open(self) -> None:
        if self._closed:
            raise errors.StorageError("the store is closed: the service is shutting down")

    # -- dispatch, on the caller's event loop ----------------------------------------------

    async def _start(self, payload: bytes, timeout: float, *, first: bool = False) -> _Started:
        """Send the request and wait for the header and the first chunk (or the error);
        ``first``: ahead of the queries already waiting for a worker (a REST query)."""
        deadline = time.monotonic() + timeout
        worker = await self._send(payload, deadline, timeout, first)
        try:
            frames = await worker.frames_async(deadline, _started)
        except ExpiredError:
            event("query_killed", reason="deadline", timeout_s=timeout, pid=worker.proc.pid)
            self.replace_worker(worker)
            raise errors.QueryTimeout(
                f"the query ran past its deadline of {timeout:g} s and was stopped "
                "(setting ESS_QUERY_TIMEOUT_S, or a lower 'timeout' in the request)"
            ) from None
        except WorkerDiedError as exc:
            event("worker_crashed", logging.ERROR, pid=worker.proc.pid, detail=exc)
            self.replace_worker(worker)
            raise errors.StorageError(f"the query worker died: {exc}") from None
        except BaseException:  # cancelled: the worker is mid-answer, it cannot be reused
            event("query_killed", reason="cancelled", pid=worker.proc.pid)
            self.replace_worker(worker)
            raise
        kind, body = frames[0]
        if kind == b"X":
            self.release(worker)
            raise frame_error(body)
        chunks, done = self._chunks(worker, frames[1:])
        return worker, json.loads(body), chunks, done

    async def _send(
        self, payload: bytes, deadline: float, timeout: float, first: bool = False
    ) -> WorkerProcess:
        """A free worker that took the request; a dead idle worker is replaced, not fatal."""
        while True:
            worker = await self._acquire(deadline, timeout, first)
            try:
                worker.send(payload)
                return worker
            except WorkerDiedError:
                event("worker_crashed", logging.ERROR, pid=worker.proc.pid, state="idle")
                self.replace_worker(worker)

    async def _acquire(self, deadline: float, timeout: float, first: bool = False) -> WorkerProcess:
        """An idle worker, else the next one freed: in arrival order, but a ``first`` query
        (the REST lane's, sharing the SPARQL workers) waits ahead of the others."""
        with self._lock:
            if self._idle:
                return self._idle.pop()  # the most recently used: its caches are warm
            if self._retired:
                raise PoolRetiredError
            loop = asyncio.get_running_loop()
            waiter: asyncio.Future[WorkerProcess] = loop.create_future()
            if first:  # behind the other REST queries waiting, ahead of SPARQL ones
                self._waiters.insert(self._urgent, (loop, waiter))
                self._urgent += 1
            else:
                self._waiters.append((loop, waiter))
        try:
            return await asyncio.wait_for(waiter, max(0.0, deadline - time.monotonic()))
        except TimeoutError:
            raise errors.QueryTimeout(
                f"no query worker became free within the {timeout:g} s deadline; "
                "the service is busy, retry later"
            ) from None

    def release(self, worker: WorkerProcess) -> None:
        """Give a free worker to the oldest waiting query, or put it back (any thread)."""
        with self._lock:
            while self._waiters:
                loop, waiter = self._waiters.popleft()
                self._urgent = max(0, self._urgent - 1)
                if not waiter.done():
                    try:
                        loop.call_soon_threadsafe(self._hand, waiter, worker)
                    except RuntimeError:  # that event loop is closed
                        continue
                    return
            if not self._retired:
                self._idle.append(worker)
                return
        self._discard(worker)

    def _discard(self, worker: WorkerProcess) -> None:
        """End a worker of a retired pool for good (no replacement)."""
        worker.kill()
        with self._lock:
            self._all.discard(worker)

    def _hand(self, waiter: asyncio.Future[WorkerProcess], worker: WorkerProcess) -> None:
        if waiter.done():  # the query gave up meanwhile
            self.release(worker)
        else:
            waiter.set_result(worker)

    def _chunks(self, worker: WorkerProcess, frames: list[Frame]) -> tuple[list[bytes], bool]:
        """The data of ``frames``; True (and the worker released) at the end frame."""
        chunks = []
        for kind, body in frames:
            if kind == b"D":
                chunks.append(body)
            elif kind == b"E":
                self.release(worker)
                return chunks, True
            else:
                self.replace_worker(worker)
                raise frame_error(body)
        return chunks, False

    async def read_more(
        self,
        worker: WorkerProcess,
        deadline: float,
        cap: float,
    ) -> tuple[list[bytes], bool]:
        """The next chunks of a streaming answer; True when finished."""
        try:
            frames = await worker.frames_async(deadline, bool)
        except ExpiredError:
            event("query_killed", reason="stream_cap", cap_s=cap, pid=worker.proc.pid)
            self.replace_worker(worker)
            raise errors.QueryTimeout(
                f"the answer took longer than the streaming cap of {cap:g} s "
                "(setting ESS_STREAM_CAP_FACTOR times the deadline); aborted"
            ) from None
        except WorkerDiedError as exc:
            event(
                "worker_crashed", logging.ERROR, pid=worker.proc.pid, detail=exc, state="streaming"
            )
            self.replace_worker(worker)
            raise errors.StorageError(f"the query worker died while streaming: {exc}") from None
        return self._chunks(worker, frames)

    def replace_worker(self, worker: WorkerProcess) -> None:
        """Kill ``worker`` (idempotent) and start a warm replacement in the background."""
        if not worker.kill():
            return
        event("worker_killed", logging.INFO, pid=worker.proc.pid)
        with self._lock:
            self._all.discard(worker)
            needed = not self._retired or bool(self._waiters)
        if not self._closed and needed:
            threading.Thread(target=self._spawn, daemon=True).start()

    def _spawn(self) -> None:
        for attempt in range(5):
            worker = WorkerProcess(self.store_path, self.nice, self.environment)
            with self._lock:
                self._all.add(worker)
            try:
                worker.wait_ready(self.start_timeout_s)
            except (ExpiredError, WorkerDiedError):
                event("worker_start_failed", logging.ERROR, attempt=attempt + 1)
                self._replace_quietly(worker)
                time.sleep(1.0)
                continue
            if self._closed:
                worker.kill()
            else:
                event("worker_restarted", logging.INFO, pid=worker.proc.pid)
                self.release(worker)
            return

    def _replace_quietly(self, worker: WorkerProcess) -> None:
        worker.kill()
        with self._lock:
            self._all.discard(worker)

    def _kill_all(self) -> None:
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            worker.kill()
