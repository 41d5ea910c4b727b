"""Answers of the REST layer's own queries, kept while the same build of the store is served.

The REST API and the pages (:class:`~graph_service.api.client.GraphClient`) send queries whose
answers depend on the store only: the same query text with the same bindings answers the same
bytes until another build is swapped in (``ess-graph build``, or a write, which both give the
new store a fresh build id: :mod:`ess_core.store_layout`). :class:`ReadCache` keeps those
answers, least recently used first out, within a byte budget (setting
``ESS_REST_CACHE_MB``), keyed on the build id of the store served: the first query answered
from a new build empties it. Identical queries that miss at the same time are sent once; the
others wait for that answer. Clients' own SPARQL queries (``/sparql``) never go through it.

Beside the answers it keeps a few hundred objects built from them (a resource's
description, :func:`~graph_service.api.resource_description.describe`): found again, they
are returned without a single suspension of the request, which under load matters more than
the work itself (each ``await`` that suspends waits for a turn of a busy event loop).
Objects kept are shared by the requests: nobody changes them.

Only a backend that knows its build id is cached
(:class:`~graph_service.backends.reload.ReloadingBackend`); a remote store can change under
the service without telling it, so its answers are never kept.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Hashable, Mapping

from ess_core.settings import Settings
from graph_service.backends.base import Backend
from graph_service.backends.reload import ReloadingBackend

Answer = tuple[str, bytes]
MAX_OBJECTS = 512
"""Objects (descriptions) kept at most."""
Key = tuple[str, str, tuple[tuple[str, str], ...]]
ENTRY_SHARE = 8
"""An answer larger than the budget divided by this is never kept."""


class ReadCache:
    """Answers by (query, accept, bindings) for the build id served, within ``max_bytes``."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.build_id: str | None = None
        self.size = 0
        self.hits = 0
        self.misses = 0
        self._answers: OrderedDict[Key, Answer] = OrderedDict()
        self._objects: OrderedDict[Hashable, object] = OrderedDict()
        self._pending: dict[Key, asyncio.Future[Answer | None]] = {}

    def __len__(self) -> int:
        return len(self._answers)

    def clear(self) -> None:
        """Forget every answer and every object."""
        self._answers.clear()
        self._objects.clear()
        self.size = 0

    def recall(self, build_id: str, key: Hashable) -> object | None:
        """The object kept for ``key`` on ``build_id``, if any."""
        self._follow(build_id)
        found = self._objects.get(key)
        if found is not None:
            self.hits += 1  # an answer served from what this build's answers gave
            self._objects.move_to_end(key)
        return found

    def remember(self, build_id: str, key: Hashable, value: object) -> None:
        """Keep ``value`` (built from this build's answers), dropping the oldest past
        :data:`MAX_OBJECTS`."""
        if self.build_id != build_id:
            return  # another build came in meanwhile: the value describes the old one
        self._objects[key] = value
        self._objects.move_to_end(key)
        while len(self._objects) > MAX_OBJECTS:
            self._objects.popitem(last=False)

    def _follow(self, build_id: str) -> None:
        """Empty the cache when ``build_id`` is not the build its answers came from."""
        if build_id != self.build_id:
            self.clear()
            self._pending = {}
            self.build_id = build_id

    def get(self, build_id: str, key: Key) -> Answer | None:
        """The answer kept for ``key`` on ``build_id``, if any."""
        self._follow(build_id)
        found = self._answers.get(key)
        if found is not None:
            self._answers.move_to_end(key)
        return found

    def put(self, build_id: str, key: Key, answer: Answer) -> None:
        """Keep ``answer`` (unless it is too large), dropping the least recently used ones."""
        self._follow(build_id)
        cost = _cost(key, answer)
        if cost * ENTRY_SHARE > self.max_bytes or key in self._answers:
            return
        self._answers[key] = answer
        self.size += cost
        while self.size > self.max_bytes:
            old_key, old = self._answers.popitem(last=False)
            self.size -= _cost(old_key, old)

    async def fetch(
        self, build_id: str, key: Key, compute: Callable[[], Awaitable[Answer]]
    ) -> Answer:
        """The kept answer, or ``compute()``'s (sent once for identical concurrent misses)."""
        found = self.get(build_id, key)
        if found is not None:
            self.hits += 1
            return found
        self.misses += 1
        loop = asyncio.get_running_loop()
        pending = self._pending.get(key)
        if pending is not None and pending.get_loop() is loop:
            shared = await asyncio.shield(pending)
            if shared is not None:
                return shared
            # the first one failed or was cancelled: this request tries on its own
        future: asyncio.Future[Answer | None] = loop.create_future()
        self._pending[key] = future
        answer: Answer | None = None
        try:
            answer = await compute()
        finally:
            if self._pending.get(key) is future:
                del self._pending[key]
            future.set_result(answer)  # None: the waiters compute for themselves
        if self.build_id == build_id:
            self.put(build_id, key, answer)
        return answer


def read_cache_for(settings: Settings) -> ReadCache | None:
    """The cache the settings ask for (None when ``rest_cache_mb`` is 0)."""
    return ReadCache(settings.rest_cache_mb << 20) if settings.rest_cache_mb else None


def _cost(key: Key, answer: Answer) -> int:
    """Approximate bytes held by one entry."""
    return len(key[0]) + len(answer[1]) + 200


async def build_of(backend: Backend) -> str | None:
    """The build id of the store ``backend`` serves now (after following a swap), or None
    when it cannot tell (its answers must not be kept)."""
    if isinstance(backend, ReloadingBackend):
        await backend.refresh()
        return backend.build_id
    return None


async def cached(
    cache: ReadCache | None,
    backend: Backend,
    key: tuple[str, str, Mapping[str, str]],
    compute: Callable[[], Awaitable[Answer]],
) -> Answer:
    """``compute()``'s answer, from ``cache`` when the backend's build is known."""
    build_id = await build_of(backend) if cache is not None else None
    if cache is None or build_id is None:
        return await compute()
    query, accept, bindings = key
    return await cache.fetch(build_id, (query, accept, tuple(sorted(bindings.items()))), compute)
