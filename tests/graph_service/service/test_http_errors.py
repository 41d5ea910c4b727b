"""The pool's failures reach the client with their status and one error body."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from ess_core.settings import Settings
from graph_service.app import create_app

RUNAWAY = (
    "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . "
    "?m ?n2 ?o . ?p ?q ?r . ?t ?u ?v }"
)


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    limited = settings.model_copy(update={"max_result_rows": 10})
    with TestClient(create_app(limited)) as client:
        yield client


def test_too_many_rows_is_413(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": "SELECT * { ?s ?p ?o }"})
    assert response.status_code == 413
    body = response.json()
    assert body["ok"] is False and "more than 10 rows" in body["error"]
    assert (
        client.get("/sparql", params={"query": "SELECT * { ?s ?p ?o } LIMIT 10"}).status_code == 200
    )


def test_unlisted_service_is_403(client: TestClient) -> None:
    query = "SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"
    response = client.post("/sparql", data={"query": query})
    assert response.status_code == 403
    assert "http://example.org/sparql" in response.json()["error"]


def test_timeout_parameter_lowers_the_deadline(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": RUNAWAY, "timeout": "0.5"})
    assert response.status_code == 503
    assert "deadline of 0.5 s" in response.json()["error"]
    assert client.get("/sparql", params={"query": "ASK {}"}).status_code == 200
