"""Following the store at its path: a rebuilt store is picked up without a restart.

``ess-graph build`` writes a new store beside the served one, gives it a fresh build id
(:mod:`ess_core.store_layout`) and swaps it in by renames. :class:`ReloadingBackend` wraps
the worker pool: at most every ``check_interval_s`` a request reads the build id at the
store's path (a few µs; the requests in between pay one clock read). When it changed, a new
pool is opened in a thread, then it takes every new query and the old pool is retired: its
in-flight answers complete from the old store (RocksDB handles keep the deleted files
readable), then its workers end. The fast lane's handle goes with the old pool; the search
index's connections are reopened when the file at the path is another
(:mod:`graph_service.label_search`), and the cached dataset
statistics are keyed by :attr:`ReloadingBackend.generation` (:mod:`graph_service.discovery`).
A failed build never swaps, so nothing changes; a swapped-in store that cannot be opened is
logged and the old one is still served.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path

from ess_core import errors
from ess_core.settings import Settings
from ess_core.store_layout import read_build_id
from graph_service.backends.base import Backend, QueryAnswer, QueryRequest
from graph_service.backends.lanes import LanedPool
from graph_service.backends.pool import PoolRetiredError

log = logging.getLogger(__name__)
CHECK_INTERVAL_S = 0.25


class ReloadingBackend:
    """A worker pool over ``store_path``, reopened when a new build is swapped in there."""

    def __init__(
        self,
        store_path: Path,
        open_pool: Callable[[], LanedPool],
        *,
        check_interval_s: float = CHECK_INTERVAL_S,
    ) -> None:
        self.store_path, self.check_interval_s = store_path, check_interval_s
        self._open = open_pool
        self._build_id = read_build_id(store_path)  # before opening: a later swap is seen
        self._pool = open_pool()
        self._retired: list[LanedPool] = []
        self._lock = threading.Lock()
        self._next_check = time.monotonic() + check_interval_s
        self._reload: Future[None] | None = None
        self._refused: str | None = None
        self._closed = False
        self.generation = 0
        """How many times a new store was opened (caches key on it)."""

    @classmethod
    def from_settings(cls, settings: Settings) -> ReloadingBackend:
        """The reloading pool the settings describe."""
        return cls(
            settings.store_path,
            lambda: LanedPool.from_settings(settings),
            check_interval_s=settings.reload_check_s,
        )

    @property
    def pool(self) -> LanedPool:
        """The pools (SPARQL and REST lanes) that take new queries."""
        return self._pool

    @property
    def build_id(self) -> str | None:
        """The build id of the store served (the REST layer's cache keys on it)."""
        return self._build_id

    def queue_lengths(self) -> dict[str, int]:
        """Queries waiting for a free worker, per lane (for /metrics)."""
        return self._pool.queue_lengths()

    async def refresh(self) -> int:
        """The generation of the store served, after picking up a swapped-in one if due."""
        if self._reload is not None or time.monotonic() >= self._next_check:
            pending = self._check()
            if pending is not None:
                await asyncio.wrap_future(pending)
        return self.generation

    async def check_now(self) -> int:
        """Look for a new store at once (after a write swapped one in), and serve it."""
        with self._lock:
            self._next_check = 0.0
        return await self.refresh()

    def _check(self) -> Future[None] | None:
        """The reload to wait for: under way, or started now if the build id changed."""
        with self._lock:
            if self._reload is not None or self._closed:
                return self._reload
            now = time.monotonic()
            if now < self._next_check:
                return None
            self._next_check = now + self.check_interval_s
            build_id = read_build_id(self.store_path)
            if build_id is None or build_id in (self._build_id, self._refused):
                return None
            pending: Future[None] = Future()
            pending.set_running_or_notify_cancel()  # a cancelled waiter cannot cancel it
            self._reload = pending
        threading.Thread(
            target=self._reopen, args=(build_id, pending), daemon=True, name="ess-store-reload"
        ).start()
        return pending

    def _reopen(self, build_id: str, pending: Future[None]) -> None:
        """Thread: open a pool on the new store, switch to it, retire the old one."""
        try:
            pool = self._open()
        except Exception as exc:  # the waiting requests must go on, on the previous store
            log.error(
                "a new store (build %s) at %s cannot be opened, still serving the previous one: %s",
                build_id,
                self.store_path,
                exc,
                exc_info=not isinstance(exc, errors.StorageError),
            )
            with self._lock:
                self._refused, self._reload = build_id, None
            pending.set_result(None)
            return
        with self._lock:
            closed = self._closed
            if closed:  # the service stopped meanwhile
                old = pool
            else:
                old, self._pool = self._pool, pool
                self._build_id = build_id
                self._retired = [p for p in self._retired if not p.finished] + [old]
                self.generation += 1
            self._reload = None
        old.retire()
        if not closed:
            log.info("serving the store rebuilt at %s (build %s)", self.store_path, build_id)
        pending.set_result(None)

    # -- the Backend protocol ---------------------------------------------------------------

    async def query(self, request: QueryRequest) -> QueryAnswer:
        """Run ``request`` on the current pool (after a due check for a new store)."""
        while True:
            await self.refresh()
            try:
                return await self._pool.query(request)
            except PoolRetiredError:  # the pool was swapped out meanwhile: use the new one
                continue

    def triple_count(self) -> int:
        """Number of quads of the store served (call :meth:`refresh` first to follow swaps)."""
        return self._pool.triple_count()

    async def close(self) -> None:
        """Close the current pool and every retired one."""
        with self._lock:
            self._closed = True
            pools = [self._pool, *self._retired]
            self._retired = []
        for pool in pools:
            await pool.close()


async def refresh(backend: Backend) -> int:
    """The generation of the data ``backend`` serves: 0 unless it follows a rebuilt store."""
    if isinstance(backend, ReloadingBackend):
        return await backend.refresh()
    return 0
