"""The worker pool: answers, deadlines that really kill, limits that never truncate."""

from __future__ import annotations

import asyncio
import json
import os
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from service_fixtures import build_store, sample_quads

from ess_core.errors import (
    QueryTimeout,
)
from graph_service.backends.base import QueryAnswer, QueryRequest
from graph_service.backends.pool import WorkerPool

RUNAWAY = (
    "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . "
    "?m ?n2 ?o . ?p ?q ?r . ?t ?u ?v }"
)


async def body(answer: QueryAnswer) -> bytes:
    return b"".join([chunk async for chunk in answer.chunks])


async def with_pool(store: Path, test: object, **options: object) -> None:
    pool = WorkerPool(store, **options)
    try:
        await test(pool)  # type: ignore[operator]
    finally:
        await pool.close()


def run(store: Path, test: object, **options: object) -> None:
    asyncio.run(with_pool(store, test, **options))


def test_runaway_query_is_killed_and_others_are_served(store_path: Path) -> None:
    async def test(pool: WorkerPool) -> None:
        pids = {w.proc.pid for w in pool._all}

        async def runaway() -> float:
            start = time.monotonic()
            with pytest.raises(QueryTimeout, match="deadline of 1 s"):
                await pool.query(QueryRequest(RUNAWAY, timeout_s=1.0))
            return time.monotonic() - start

        async def other() -> float:
            await asyncio.sleep(0.3)
            start = time.monotonic()
            assert b"true" in await body(await pool.query(QueryRequest("ASK { ?s ?p ?o }")))
            return time.monotonic() - start

        elapsed, served = await asyncio.gather(runaway(), other())
        assert 0.9 < elapsed < 2.0
        assert served < 0.5
        await asyncio.sleep(1.0)
        now = {w.proc.pid for w in pool._all}
        assert len(now) == 2 and len(now - pids) == 1  # one killed, one warm replacement
        killed = next(iter(pids - now))
        assert not Path(f"/proc/{killed}").exists()
        assert b"true" in await body(await pool.query(QueryRequest("ASK {}")))

    run(store_path, test, workers=2, query_timeout_s=30.0)


def test_busy_pool_times_out_waiting(store_path: Path) -> None:
    async def test(pool: WorkerPool) -> None:
        first = asyncio.create_task(pool.query(QueryRequest(RUNAWAY, timeout_s=2.0)))
        await asyncio.sleep(0.2)
        with pytest.raises(QueryTimeout, match="no query worker became free"):
            await pool.query(QueryRequest("ASK {}", timeout_s=0.5))
        with pytest.raises(QueryTimeout):
            await first

    run(store_path, test, workers=1)


def test_client_leaving_mid_stream_frees_the_worker(tmp_path: Path) -> None:
    store = build_store(tmp_path / "big", sample_quads(orgs=20000, communes=50))

    async def test(pool: WorkerPool) -> None:
        answer = await pool.query(
            QueryRequest("SELECT * { ?s ?p ?o . ?x ?p ?o }", accept="text/tab-separated-values")
        )
        chunks = answer.chunks
        assert isinstance(chunks, AsyncIterator)
        await chunks.__anext__()
        await chunks.aclose()  # type: ignore[attr-defined]
        await asyncio.sleep(1.0)
        assert b"true" in await body(await pool.query(QueryRequest("ASK {}", timeout_s=2.0)))

    run(store, test, workers=1)


def _rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def test_streaming_memory_stays_flat(store_path: Path) -> None:
    """~330k rows (24^4) streamed to a slow reader: neither side buffers the answer."""
    import os

    async def test(pool: WorkerPool) -> None:
        worker = next(iter(pool._all))
        answer = await pool.query(
            QueryRequest(
                "SELECT * { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }",
                accept="text/tab-separated-values",
            )
        )
        before = _rss_mib(os.getpid()), _rss_mib(worker.proc.pid)
        size, peak, count = 0, (0.0, 0.0), 0
        async for chunk in answer.chunks:
            size, count = size + len(chunk), count + 1
            if count % 50 == 0:
                peak = (
                    max(peak[0], _rss_mib(os.getpid())),
                    max(peak[1], _rss_mib(worker.proc.pid)),
                )
            await asyncio.sleep(0.001)  # a slow reader: the worker must wait, not buffer
        assert size > 100 * 2**20  # more than 100 MiB went through
        assert peak[0] - before[0] < 40 and peak[1] - before[1] < 40

    run(store_path, test, workers=1)


def test_fast_lane_answers_lookups_while_workers_are_busy(tmp_path: Path) -> None:
    """Single-pattern lookups run in process; a big one falls back to a worker, complete."""
    store = build_store(tmp_path / "big", sample_quads(orgs=3000, communes=20))

    async def test(pool: WorkerPool) -> None:
        busy = asyncio.create_task(pool.query(QueryRequest(RUNAWAY, timeout_s=3.0)))
        await asyncio.sleep(0.2)  # the only worker is taken
        start = time.monotonic()
        answer = await pool.query(
            QueryRequest(
                "SELECT ?p ?o WHERE { <https://w3id.org/ess-hdf/id/organisation/org-7> ?p ?o }",
                timeout_s=1.0,
            )
        )
        assert len(json.loads(await body(answer))["results"]["bindings"]) == 3
        assert b"true" in await body(
            await pool.query(
                QueryRequest("ASK { ?s a <http://www.w3.org/ns/org#Organization> }", timeout_s=1.0)
            )
        )
        assert time.monotonic() - start < 0.5
        with pytest.raises(QueryTimeout):
            await busy
        # 3000 labels do not fit the lane (64 KiB): a worker answers, the whole of it
        answer = await pool.query(
            QueryRequest(
                "SELECT * { ?o <http://www.w3.org/2004/02/skos/core#prefLabel> ?l }",
                accept="text/tab-separated-values",
            )
        )
        assert (await body(answer)).count(b"\n") == 3001

    run(store, test, workers=1)


def test_many_concurrent_queries_share_two_workers(store_path: Path) -> None:
    """Waiters get workers in turn; a waiter that gives up does not lose a worker."""
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o . ?x ?p ?y }"

    async def test(pool: WorkerPool) -> None:
        async def one(i: int) -> str:
            timeout = 0.001 if i % 7 == 3 else 10.0
            try:
                answer = await pool.query(QueryRequest(count, timeout_s=timeout))
            except QueryTimeout:
                return "timeout"
            return json.loads(await body(answer))["results"]["bindings"][0]["n"]["value"]

        results = await asyncio.gather(*(one(i) for i in range(40)))
        assert results.count("timeout") <= 6
        assert {r for r in results if r != "timeout"} == {"132"}
        await asyncio.sleep(0.5)
        assert len(pool._all) == 2 and len(pool._idle) == 2

    run(store_path, test, workers=2)


def test_a_rest_query_waits_ahead_of_sparql_queries(tmp_path: Path) -> None:
    """Sharing the SPARQL workers (ESS_REST_QUERY_WORKERS=0), the REST lane's queries take
    the next free worker before the SPARQL queries that were waiting, in their own order."""
    store = build_store(tmp_path / "big", sample_quads(orgs=20000, communes=50))

    async def test(pool: WorkerPool) -> None:
        held = await pool.query(
            QueryRequest("SELECT * { ?s ?p ?o . ?x ?p ?o }", accept="text/tab-separated-values")
        )
        chunks = held.chunks
        assert isinstance(chunks, AsyncIterator)
        await chunks.__anext__()  # the only worker is busy with this answer
        order: list[str] = []

        async def ask(name: str) -> None:
            lane = "rest" if name.startswith("rest") else "sparql"
            request = QueryRequest("ASK { ?s ?p ?o . ?o ?q ?r }", timeout_s=20.0, lane=lane)
            assert b"true" in await body(await pool.query(request))
            order.append(name)

        tasks = []
        for name in ("sparql-1", "rest-1", "sparql-2", "rest-2"):
            tasks.append(asyncio.create_task(ask(name)))
            await asyncio.sleep(0.05)  # queued in this order
        assert pool.waiting == 4
        await chunks.aclose()  # type: ignore[attr-defined]  # the worker is replaced
        await asyncio.gather(*tasks)
        assert order == ["rest-1", "rest-2", "sparql-1", "sparql-2"]

    run(store, test, workers=1, fast_lane=False)


def _mapped_libm() -> Path:
    """The C math library this interpreter has mapped (any library that is surely there)."""
    for line in Path("/proc/self/maps").read_text().splitlines():
        path = line.split()[-1]
        if "/libm.so" in path or "/libm-" in path:
            return Path(path)
    raise AssertionError("no libm mapped")


def test_workers_preload_the_allocator_of_the_settings(
    store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ESS_WORKER_MALLOC: the workers, replacements included, start with the library
    preloaded; the service's own environment is unchanged."""
    library = _mapped_libm()
    monkeypatch.delenv("LD_PRELOAD", raising=False)

    def preloaded(pool: WorkerPool) -> list[bool]:
        return [
            str(library) in Path(f"/proc/{w.proc.pid}/maps").read_text()
            and f"LD_PRELOAD={library}".encode() in Path(f"/proc/{w.proc.pid}/environ").read_bytes()
            for w in pool._all
        ]

    async def test(pool: WorkerPool) -> None:
        assert preloaded(pool) == [True]
        with pytest.raises(QueryTimeout):
            await pool.query(QueryRequest(RUNAWAY, timeout_s=0.5))
        # two patterns: a worker answers, the replacement of the killed one
        assert b"true" in await body(await pool.query(QueryRequest("ASK { ?s ?p ?o . ?o ?q ?r }")))
        assert preloaded(pool) == [True]

    run(store_path, test, workers=1, malloc=library)
    assert "LD_PRELOAD" not in os.environ
