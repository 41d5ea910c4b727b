"""Two lanes of query workers, so that long SPARQL queries never queue the REST API.

Queries sent to ``/sparql`` may run until their deadline; with every worker busy on such
queries, a REST request (a page, ``/api/actors?limit=5``, a named query) would wait behind
them. :class:`LanedPool` keeps a second, smaller :class:`~graph_service.backends.pool.WorkerPool`
(``ESS_REST_QUERY_WORKERS``, 1 by default) for the queries marked ``lane="rest"`` by the REST
layer (:class:`~graph_service.api.client.GraphClient`, named queries). Those are the
service's own queries with bounded work; a client's SPARQL text never reaches that lane.
A REST query finding every REST worker busy takes an idle SPARQL worker if there is one.
Both pools share one fast lane (the in-process handle for single-pattern lookups). The
SPARQL workers run at a lower CPU priority (``ESS_SPARQL_WORKER_NICE``, niceness 10 by
default): runaway queries use the processors the service and the REST lane leave idle, and
no more (a REST query that borrowed an idle SPARQL worker runs there at that priority). With
``ESS_REST_QUERY_WORKERS=0`` every query shares the SPARQL workers at normal priority (one
process less: the memory of a 10 M triples store's service, docs/DEPLOYMENT.md), and a REST
query waiting for a worker is served before the SPARQL queries waiting
(:meth:`~graph_service.backends.pool.WorkerPool.query`): it waits for the first worker freed,
never behind a queue of client queries.
"""

from __future__ import annotations

from ess_core.settings import Settings
from graph_service.backends.base import Lane, QueryAnswer, QueryRequest
from graph_service.backends.pool import WorkerPool


class LanedPool:
    """A SPARQL pool and an optional REST pool over the same store, as one backend."""

    def __init__(self, sparql: WorkerPool, rest: WorkerPool | None = None) -> None:
        self.sparql, self.rest = sparql, rest
        if rest is not None:
            rest.fast_lane = sparql.fast_lane  # one in-process handle is enough

    @classmethod
    def from_settings(cls, settings: Settings) -> LanedPool:
        """The pools the settings describe."""
        if settings.rest_query_workers == 0:
            return cls(WorkerPool.from_settings(settings))
        # the clients' queries run at a lower CPU priority: under runaway queries the
        # service process and the REST lane still get the processor first
        sparql = WorkerPool.from_settings(settings, nice=settings.sparql_worker_nice)
        try:
            rest = WorkerPool.from_settings(
                settings, workers=settings.rest_query_workers, fast_lane=False
            )
        except BaseException:
            sparql.kill_now()
            raise
        return cls(sparql, rest)

    def pool_for(self, lane: Lane) -> WorkerPool:
        """The pool that takes the queries of ``lane``: a REST query goes to a free SPARQL
        worker when every REST worker is busy (it never waits there behind SPARQL)."""
        rest = self.rest
        if lane != "rest" or rest is None:
            return self.sparql
        if not rest.has_idle and self.sparql.has_idle:
            return self.sparql
        return rest

    async def query(self, request: QueryRequest) -> QueryAnswer:
        """Run ``request`` on its lane's pool."""
        return await self.pool_for(request.lane).query(request)

    def triple_count(self) -> int:
        return self.sparql.triple_count()

    def queue_lengths(self) -> dict[str, int]:
        """Queries waiting for a free worker, per lane."""
        lengths = {"sparql": self.sparql.waiting}
        if self.rest is not None:
            lengths["rest"] = self.rest.waiting
        return lengths

    async def close(self) -> None:
        for pool in self._pools():
            await pool.close()

    def retire(self) -> None:
        for pool in self._pools():
            pool.retire()

    @property
    def finished(self) -> bool:
        return all(pool.finished for pool in self._pools())

    def _pools(self) -> list[WorkerPool]:
        return [self.sparql] if self.rest is None else [self.sparql, self.rest]
