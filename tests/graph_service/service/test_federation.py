"""SERVICE endpoints are found robustly and checked against the allowlist."""

from __future__ import annotations

import asyncio
import http.server
import socketserver
import threading
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ess_core.errors import ServiceNotAllowed, StorageError
from graph_service.backends.base import QueryRequest
from graph_service.backends.federation import check_services
from graph_service.backends.pool import WorkerPool
from graph_service.backends.scan import is_single_scan, query_form, scan

B = "http://127.0.0.1:8001/sparql"


@pytest.mark.parametrize(
    "query",
    [
        f"SELECT * {{ SERVICE <{B}> {{ ?s ?p ?o }} }}",
        f"select * {{ service silent <{B}> {{ ?s ?p ?o }} }}",
        "PREFIX b: <http://127.0.0.1:8001/> SELECT * { SERVICE b:sparql { } }",
        "BASE <http://127.0.0.1:8001/x> SELECT * { SERVICE <sparql> { } }",
        f"SELECT * {{ \\u0053ERVICE <{B}> {{ }} }}",
        f"SELECT * {{ ?s ?p 'SERVICE <http://evil/>' # SERVICE <http://evil/>\n"
        f" SERVICE <{B}> {{}} }}",
    ],
)
def test_allowed_endpoint_found(query: str) -> None:
    assert check_services(query, [B]) == [B]


@pytest.mark.parametrize(
    ("query", "named"),
    [
        ("SELECT * { SERVICE <http://evil.example/sparql> { } }", "http://evil.example/sparql"),
        ("PREFIX e: <http://evil.example/> SELECT * { SERVICE e:q { } }", "http://evil.example/q"),
        ("SELECT * { \\u0053ERVICE <http://evil.example/> { } }", "http://evil.example/"),
        (
            f"SELECT * {{ SERVICE <{B}> {{ SERVICE <http://evil.example/> {{}} }} }}",
            "http://evil.example/",
        ),
        (
            'SELECT * { ?s ?p """SERVICE""" . SERVICE <http://evil.example/> {} }',
            "http://evil.example/",
        ),
    ],
)
def test_other_endpoints_refused_and_named(query: str, named: str) -> None:
    with pytest.raises(ServiceNotAllowed) as caught:
        check_services(query, [B])
    assert named in caught.value.message and caught.value.status == 403


def test_variable_endpoint_refused() -> None:
    with pytest.raises(ServiceNotAllowed, match="variable"):
        check_services("SELECT * { VALUES ?e { <x> } SERVICE ?e { } }", [B])


def test_empty_allowlist_forbids_everything() -> None:
    with pytest.raises(ServiceNotAllowed, match="federation is disabled"):
        check_services(f"SELECT * {{ SERVICE <{B}> {{ }} }}", [])


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * { ?s a <http://schema.org/Service> }",
        "SELECT ?service { ?service ?p 'SERVICE <http://evil/>' } # SERVICE <http://evil/>",
        "PREFIX service: <http://x/> SELECT * { ?s service:of ?o }",
    ],
)
def test_the_word_elsewhere_is_no_service(query: str) -> None:
    assert check_services(query, []) == []


@pytest.mark.parametrize(
    ("query", "form"),
    [
        ("PREFIX select: <http://x/ask> # CONSTRUCT\n describe <x>", "DESCRIBE"),
        ("BASE <http://construct/> ASK {}", "ASK"),
        ("construct where { ?s ?p ?o }", "CONSTRUCT"),
        ("  SELECT * {}", "SELECT"),
        ("INSERT DATA {}", None),
    ],
)
def test_query_form(query: str, form: str | None) -> None:
    assert query_form(query) == form


@given(st.text(max_size=200))
def test_scanner_never_crashes(text: str) -> None:
    scan(text)


def test_pool_reaches_only_the_allowed_endpoint(store_path: Path) -> None:
    """An allowed endpoint that redirects elsewhere does not lead pyoxigraph there."""
    hits: list[int] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            hits.append(int(self.server.server_address[1]))  # type: ignore[index]
            self.send_response(307)
            self.send_header("Location", f"http://127.0.0.1:{other.server_address[1]}/x")
            self.end_headers()

        do_GET = do_POST  # noqa: N815

        def log_message(self, *args: object) -> None:
            """Quiet."""

    allowed = socketserver.TCPServer(("127.0.0.1", 0), Handler)
    other = socketserver.TCPServer(("127.0.0.1", 0), Handler)
    for server in (allowed, other):
        threading.Thread(target=server.serve_forever, daemon=True).start()
    endpoint = f"http://127.0.0.1:{allowed.server_address[1]}/sparql"

    async def main() -> None:
        pool = WorkerPool(store_path, workers=1, service_allowlist=(endpoint,))
        try:
            with pytest.raises(StorageError, match="307"):
                answer = await pool.query(
                    QueryRequest(f"SELECT * {{ SERVICE <{endpoint}> {{ ?s ?p ?o }} }}")
                )
                b"".join([chunk async for chunk in answer.chunks])
        finally:
            await pool.close()

    try:
        asyncio.run(main())
    finally:
        allowed.shutdown()
        other.shutdown()
    assert hits == [allowed.server_address[1]]


@pytest.mark.parametrize(
    ("query", "single"),
    [
        ("SELECT ?p ?o WHERE { <http://x/s> ?p ?o }", True),
        ("ASK { <http://x/s> ?p ?o . }", True),
        ('PREFIX s: <http://s/> SELECT * { ?o s:label "Org 1"@fr-BE } LIMIT 10', True),
        ('ASK { ?s <http://p> "1"^^<http://www.w3.org/2001/XMLSchema#integer> }', True),
        ("SELECT ?s { ?s a <http://C> }", True),
        ("SELECT DISTINCT ?p { ?s ?p ?o }", False),
        ("SELECT ?s { ?s ?p ?s }", False),
        ("ASK { ?x ?x ?x }", False),
        ("SELECT ?s { ?s <p>/<q> ?o }", False),
        ("SELECT ?s { ?s <p> ?o . ?o <q> ?r }", False),
        ("SELECT ?s { ?s <p> ?o ; <q> ?r }", False),
        ("SELECT ?s { ?s <p> ?o , ?o2 }", False),
        ("SELECT ?s { ?s ^<p> ?o }", False),
        ("SELECT ?s { ?s <p>* ?o }", False),
        ("SELECT ?s { ?s ?p ?o } ORDER BY ?s", False),
        ("SELECT ?s { ?s ?p ?o } OFFSET 100000", False),
        ("SELECT ?s { ?s ?p ?o } LIMIT 5 OFFSET 3", False),
        ("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }", False),
        ("SELECT ?s { ?s ?p ?o FILTER(?o > 1) }", False),
        ("SELECT ?s { GRAPH ?g { ?s ?p ?o } }", False),
        ("SELECT ?s FROM <http://g> { ?s ?p ?o }", False),
        ("SELECT ?s { ?s ?p ?o } VALUES ?s { <http://a> }", False),
        ("CONSTRUCT WHERE { ?s ?p ?o }", False),
    ],
)
def test_single_scan_shape(query: str, single: bool) -> None:
    assert is_single_scan(query) is single
