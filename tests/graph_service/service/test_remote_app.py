"""The whole service over the remote backend (a real ``oxigraph serve``), slow.

The W3C conformance runner and the discovery tests run unchanged over it: only the storage
layer differs.
"""

from __future__ import annotations

import gzip
import sys
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient
from service_fixtures import oxigraph_serving, sample_quads

from ess_core.settings import Settings
from graph_service.app import create_app

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "conformance"))
from conformance_runner import initial_graph_store_state, manifest_data, run_all

pytestmark = pytest.mark.slow


def remote_app(url: str, **options: object) -> TestClient:
    settings = Settings(
        backend="remote",
        remote_query_url=url + "/query",
        public_url="http://testserver/",
        _env_file=None,
        **options,
    )
    return TestClient(create_app(settings))


@pytest.fixture
def conformance_remote(tmp_path: Path) -> Iterator[str]:
    quads = []
    for name, source in manifest_data().items():
        quads += [
            ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(name))
            for t in ox.parse(path=str(source), format=ox.RdfFormat.N_TRIPLES)
        ]
    iri, turtle = initial_graph_store_state("http://testserver/")
    quads += [
        ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(iri))
        for t in ox.parse(turtle.encode(), format=ox.RdfFormat.TURTLE)
    ]
    yield from oxigraph_serving(tmp_path, quads)


def test_w3c_conformance_over_remote(conformance_remote: str) -> None:
    with remote_app(conformance_remote) as client:
        outcomes = run_all(client, "http://testserver/sparql")
    failed = [f"{o.name}: {o.detail}" for o in outcomes if o.verdict == "fail"]
    assert not failed, "\n".join(failed)


def test_discovery_and_errors_over_remote(oxigraph_server: str) -> None:
    with remote_app(oxigraph_server, max_result_rows=10) as client:
        void = client.get("/.well-known/void", headers={"Accept": "application/n-triples"})
        assert b'<http://rdfs.org/ns/void#triples> "24"' in void.content
        dump = client.get("/dumps/all.nq.gz")
        assert len(
            list(ox.parse(gzip.decompress(dump.content), format=ox.RdfFormat.N_QUADS))
        ) == len(sample_quads())
        response = client.get("/sparql", params={"query": "SELECT * { ?s ?p ?o }"})
        assert response.status_code == 413 and "more than 10 rows" in response.json()["error"]
        response = client.get("/sparql", params={"query": "SELEC x"})
        assert response.status_code == 400 and "remote store answered 400" in response.text
        response = client.get(
            "/sparql", params={"query": "SELECT * { SERVICE <http://127.0.0.1:1/x> { } }"}
        )
        assert response.status_code == 403
