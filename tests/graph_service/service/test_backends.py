"""The same behaviour from both backends: the worker pool, and the remote one over a real
``oxigraph serve`` (slow: it starts the server)."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest

from ess_core.errors import (
    BadRequest,
    NotAcceptable,
    QueryTimeout,
    ResultTooLarge,
    ServiceNotAllowed,
    StorageError,
)
from graph_service.backends.base import Backend, QueryAnswer, QueryRequest
from graph_service.backends.pool import WorkerPool
from graph_service.backends.remote import RemoteBackend

Test = Callable[[Backend], Awaitable[None]]
GEO = "https://w3id.org/ess-hdf/graph/reference/geo"


async def body(answer: QueryAnswer) -> bytes:
    return b"".join([chunk async for chunk in answer.chunks])


@pytest.fixture(params=["pool", pytest.param("remote", marks=pytest.mark.slow)])
def run(request: pytest.FixtureRequest, store_path: Path) -> Callable[..., None]:
    """Run an async test against a fresh backend of the parametrized kind."""

    def runner(test: Test, **options: int) -> None:
        async def main() -> None:
            backend: Backend
            if request.param == "pool":
                backend = WorkerPool(store_path, **options)
            else:
                url = request.getfixturevalue("oxigraph_server")
                backend = RemoteBackend(url + "/query", **options)
            try:
                await test(backend)
            finally:
                await backend.close()

        asyncio.run(main())

    return runner


def test_select_ask_construct(run: Callable[..., None]) -> None:
    async def test(backend: Backend) -> None:
        answer = await backend.query(
            QueryRequest("SELECT ?o WHERE { ?o a <http://www.w3.org/ns/org#Organization> }")
        )
        assert (answer.kind, answer.media_type) == ("solutions", "application/sparql-results+json")
        assert len(json.loads(await body(answer))["results"]["bindings"]) == 5
        answer = await backend.query(QueryRequest("ASK { ?s ?p ?o }", accept="application/xml"))
        assert answer.kind == "boolean" and b"<boolean>true</boolean>" in await body(answer)
        answer = await backend.query(
            QueryRequest("CONSTRUCT WHERE { ?s a ?c }", accept="application/n-triples")
        )
        assert (answer.kind, answer.media_type) == ("graph", "application/n-triples")
        assert (await body(answer)).count(b"\n") == 8
        assert backend.triple_count() == 24

    run(test)


def test_substitutions_and_dataset(run: Callable[..., None]) -> None:
    async def test(backend: Backend) -> None:
        answer = await backend.query(
            QueryRequest(
                "SELECT * WHERE { ?o <http://www.w3.org/2004/02/skos/core#prefLabel> ?l }",
                substitutions={"o": "<https://w3id.org/ess-hdf/id/organisation/org-1>"},
            )
        )
        rows = json.loads(await body(answer))["results"]["bindings"]
        assert [r["l"]["value"] for r in rows] == ["Org 1"]
        answer = await backend.query(
            QueryRequest("SELECT * WHERE { ?s ?p ?o }", accept="text/csv", default_graphs=(GEO,))
        )
        assert (await body(answer)).count(b"\n") == 1 + 9
        answer = await backend.query(
            QueryRequest(
                "SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g", named_graphs=(GEO,)
            )
        )
        rows = json.loads(await body(answer))["results"]["bindings"]
        assert [r["g"]["value"] for r in rows] == [GEO]

    run(test)


def test_errors_map_to_service_errors(run: Callable[..., None]) -> None:
    async def test(backend: Backend) -> None:
        with pytest.raises(BadRequest) as caught:  # QuerySyntaxError locally, 400 remotely
            await backend.query(QueryRequest("SELEC ?x"))
        assert caught.value.status == 400
        with pytest.raises(NotAcceptable):
            await backend.query(QueryRequest("SELECT * {}", accept="image/png"))
        with pytest.raises(ServiceNotAllowed, match=r"http://example\.org/sparql"):
            await backend.query(QueryRequest("SELECT * { SERVICE <http://example.org/sparql> {} }"))
        answer = await backend.query(QueryRequest("ASK {}"))  # still answering
        assert b"true" in await body(answer)

    run(test)


def test_row_limit_is_an_error_never_a_cut(run: Callable[..., None]) -> None:
    async def test(backend: Backend) -> None:
        with pytest.raises(ResultTooLarge, match="more than 10 rows"):
            await backend.query(QueryRequest("SELECT * { ?s ?p ?o }"))
        for accept in (
            "application/sparql-results+json",
            "application/sparql-results+xml",
            "text/tab-separated-values",
        ):
            answer = await backend.query(
                QueryRequest("SELECT * { ?s ?p ?o } LIMIT 10", accept=accept)
            )
            data = await body(answer)
            assert answer.media_type == accept
            if accept.startswith("text"):
                assert data.count(b"\n") == 11
        answer = await backend.query(QueryRequest("CONSTRUCT WHERE { ?s ?p ?o }"))
        assert len(await body(answer)) > 0  # the limit counts SELECT rows only

    run(test, max_result_rows=10)


@pytest.mark.slow
def test_remote_unreachable_is_a_storage_error() -> None:
    from service_fixtures import free_port

    async def main() -> None:
        backend = RemoteBackend(f"http://127.0.0.1:{free_port()}/query")
        with pytest.raises(StorageError, match="unreachable"):
            await backend.query(QueryRequest("ASK {}"))
        await backend.close()

    asyncio.run(main())


@pytest.mark.slow
def test_remote_deadline_is_a_query_timeout(oxigraph_server: str) -> None:
    runaway = (
        "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . "
        "?m ?n2 ?o . ?p ?q ?r }"
    )

    async def main() -> None:
        backend = RemoteBackend(oxigraph_server + "/query")
        try:
            start = time.monotonic()
            with pytest.raises(QueryTimeout, match="1 s deadline"):
                await backend.query(QueryRequest(runaway, timeout_s=1.0))
            assert time.monotonic() - start < 2.0
        finally:
            await backend.close()

    asyncio.run(main())
