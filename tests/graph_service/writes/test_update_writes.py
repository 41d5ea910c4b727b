"""SPARQL UPDATE with a token: limited to the token's graphs, LOAD refused, the default graph
never written, a runaway update stopped at the deadline with nothing changed."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient
from pyoxigraph import NamedNode, Quad
from sparql_testdata import filler_quads
from write_fixtures import DATASET, OTHER, Writable, writable_settings

from graph_service.app import create_app

UPDATE = {"Content-Type": "application/sparql-update"}


def _ask(client: TestClient, query: str) -> bool:
    return bool(client.get("/sparql", params={"query": query}).json()["boolean"])


def _update(w: Writable, text: str, token: str | None = None) -> int:
    headers = {**UPDATE, **w.auth(token)}
    return w.client.post("/sparql", content=text, headers=headers).status_code


def test_an_update_without_a_token_is_401(writable: Writable) -> None:
    text = f"INSERT DATA {{ GRAPH <{DATASET}> {{ <urn:a> <urn:b> <urn:c> }} }}"
    response = writable.client.post("/sparql", content=text, headers=UPDATE)
    assert response.status_code == 401
    assert response.json()["ok"] is False


def test_an_update_of_the_tokens_graph_applies_and_is_versioned(writable: Writable) -> None:
    text = f"INSERT DATA {{ GRAPH <{DATASET}> {{ <urn:a> <urn:b> <urn:c> }} }}"
    assert _update(writable, text) == 204
    assert _ask(writable.client, f"ASK {{ GRAPH <{DATASET}> {{ <urn:a> <urn:b> <urn:c> }} }}")
    assert _ask(writable.client, "ASK { <urn:a> <urn:b> <urn:c> }")
    delete = f"DELETE WHERE {{ GRAPH <{DATASET}> {{ <urn:a> ?p ?o }} }}"
    assert _update(writable, delete) == 204
    assert not _ask(writable.client, "ASK { <urn:a> <urn:b> <urn:c> }")
    changes = writable.client.get("/api/datasets/observatoire/changes", params={"since": "0"})
    assert changes.status_code == 200
    versions = changes.json()["changes"]
    assert [(v["version"], v["added"], v["removed"]) for v in versions] == [(1, 1, 0), (2, 0, 1)]
    assert versions[0]["token"] == "observatoire"  # noqa: S105 (a token's name)
    assert versions[1]["removed_triples"] == ["<urn:a> <urn:b> <urn:c> ."]
    # the write's provenance names the token
    prov = (
        "PREFIX prov: <http://www.w3.org/ns/prov#> ASK { ?a prov:wasAssociatedWith ?t ; "
        f"prov:generated <{DATASET}> . "
        '?t <http://www.w3.org/2000/01/rdf-schema#label> "write token observatoire" }'
    )
    assert _ask(writable.client, prov)


def test_updates_outside_the_token_or_to_the_default_graph_are_403(writable: Writable) -> None:
    assert _update(writable, f"INSERT DATA {{ GRAPH <{OTHER}> {{ <urn:a> <urn:b> 1 }} }}") == 403
    assert _update(writable, "INSERT DATA { <urn:a> <urn:b> 1 }", writable.wide) == 403
    geo = "https://w3id.org/ess-hdf/graph/reference/geo"
    assert _update(writable, f"DROP GRAPH <{geo}>", writable.wide) == 403
    assert _update(writable, "CLEAR ALL", writable.wide) == 403
    assert not _ask(writable.client, f"ASK {{ GRAPH <{OTHER}> {{ ?s ?p ?o }} }}")


def test_load_and_service_are_refused_before_any_connection(writable: Writable) -> None:
    load = f"LOAD <http://127.0.0.1:9/data.ttl> INTO GRAPH <{DATASET}>"
    assert _update(writable, load) == 403
    service = (
        f"INSERT {{ GRAPH <{DATASET}> {{ ?s ?p ?o }} }} "
        "WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    )
    assert _update(writable, service) == 403


def test_a_deeply_nested_update_is_400_before_any_worker(writable: Writable) -> None:
    nested = (
        f"INSERT {{ GRAPH <{DATASET}> {{ <urn:a> <urn:b> 1 }} }} WHERE "
        + "{" * 20_000
        + "}" * 20_000
    )
    response = writable.client.post(
        "/sparql", content=nested, headers={**UPDATE, **writable.auth()}
    )
    assert response.status_code == 400
    assert writable.client.get("/sparql", params={"query": "ASK {}"}).status_code == 200


def test_a_runaway_update_is_stopped_and_changes_nothing(tmp_path: Path) -> None:
    filler = [Quad(q.subject, q.predicate, q.object, NamedNode(DATASET)) for q in filler_quads()]
    settings, token, _wide = writable_settings(tmp_path, filler, query_timeout_s=2.0)
    runaway = (
        f"INSERT {{ GRAPH <{DATASET}> {{ <urn:x> <urn:n> ?n }} }} WHERE {{ "
        "SELECT (COUNT(*) AS ?n) WHERE { ?a <urn:p> ?b . ?c <urn:p> ?d . ?e <urn:p> ?f . "
        "?g <urn:p> ?h . ?i <urn:p> ?j . ?k <urn:p> ?l } }"
    )
    headers = {**UPDATE, "Authorization": f"Bearer {token}"}
    with TestClient(create_app(settings)) as client:
        response = client.post("/sparql", content=runaway, headers=headers)
        assert response.status_code == 503
        assert "nothing was changed" in response.json()["error"]
        assert not _ask(client, "ASK { <urn:x> <urn:n> ?n }")
        assert _ask(client, 'ASK { <urn:s1> <urn:p> "1" }')
        assert not list(settings.submissions_dir.glob("*/v*.json"))
        assert not settings.store_path.is_symlink()  # the original folder: nothing swapped in
