"""Updates on a writable service (read_only=False), with the protocol's USING dataset."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sparql_testdata import G1, G2, make_store, small_quads

from ess_core.errors import BadRequest
from ess_core.settings import Settings
from graph_service.app import create_app
from graph_service.sparql_text import with_using

UPDATE = {"Content-Type": "application/sparql-update"}


@pytest.fixture
def writable(tmp_path: Path) -> Iterator[TestClient]:
    path = make_store(tmp_path / "store", small_quads())
    settings = Settings(store_path=path, read_only=False, _env_file=None)
    with TestClient(create_app(settings)) as client:
        yield client


def _ask(client: TestClient, query: str) -> bool:
    return bool(client.get("/sparql", params={"query": query}).json()["boolean"])


def test_form_and_direct_updates(writable: TestClient) -> None:
    form = writable.post("/sparql", data={"update": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"})
    direct = writable.post("/sparql", content="INSERT DATA { <d> <urn:b> <urn:c> }", headers=UPDATE)
    assert form.status_code == direct.status_code == 204
    assert _ask(writable, "ASK { <urn:a> <urn:b> <urn:c> }")
    assert _ask(writable, "ASK { <http://127.0.0.1:8000/d> <urn:b> <urn:c> }")  # base IRI


def test_using_graph_uri(writable: TestClient) -> None:
    update = "INSERT { GRAPH <urn:out> { ?s a <urn:Seen> } } WHERE { ?s ?p ?o }"
    response = writable.post(f"/sparql?using-graph-uri={G1}", content=update, headers=UPDATE)
    assert response.status_code == 204
    seen = writable.get(
        "/sparql", params={"query": "SELECT DISTINCT ?s { GRAPH <urn:out> { ?s a <urn:Seen> } }"}
    ).json()["results"]["bindings"]
    assert [row["s"]["value"] for row in seen] == ["http://example.org/thing/one"]


def test_using_conflicts_with_with(writable: TestClient) -> None:
    update = f"WITH <{G2}> DELETE {{ ?s ?p ?o }} WHERE {{ ?s ?p ?o }}"
    response = writable.post(f"/sparql?using-named-graph-uri={G1}", content=update, headers=UPDATE)
    assert response.status_code == 400
    assert response.json()["ok"] is False


def test_update_syntax_error_is_400(writable: TestClient) -> None:
    response = writable.post("/sparql", data={"update": "CLEAR XYZ"})
    assert response.status_code == 400 and "error at" in response.json()["error"]


@pytest.mark.parametrize(
    ("update", "expected"),
    [
        (
            "INSERT { ?s a <T> } WHERE { ?s ?p ?o }",
            "INSERT { ?s a <T> } USING <g> USING NAMED <n> WHERE { ?s ?p ?o }",
        ),
        ("DELETE WHERE { ?s ?p ?o }", "DELETE WHERE { ?s ?p ?o }"),
        (
            "INSERT { ?s <p> 'WHERE' } WHERE { { SELECT ?s WHERE { ?s ?p ?o } } }",
            "INSERT { ?s <p> 'WHERE' } USING <g> USING NAMED <n> "
            "WHERE { { SELECT ?s WHERE { ?s ?p ?o } } }",
        ),
    ],
)
def test_with_using_rewrites_top_level_where(update: str, expected: str) -> None:
    assert with_using(update, ["g"], ["n"]) == expected


def test_with_using_refuses_bad_iris() -> None:
    with pytest.raises(BadRequest):
        with_using("INSERT { ?s a <T> } WHERE { ?s ?p ?o }", ["g> } ; DROP ALL ; #"], [])
