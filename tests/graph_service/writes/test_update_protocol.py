"""SPARQL updates with a token by form and direct POST, the protocol's USING dataset, and the
service without tokens refusing every update."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sparql_testdata import G1, G2, make_store, small_quads
from write_fixtures import DATASET, Writable, writable_settings

from ess_core.errors import BadRequest
from ess_core.settings import Settings, SettingsError, load_settings
from graph_service.app import create_app
from graph_service.sparql_text import with_using

UPDATE = {"Content-Type": "application/sparql-update"}


def _ask(client: TestClient, query: str) -> bool:
    return bool(client.get("/sparql", params={"query": query}).json()["boolean"])


def test_form_and_direct_updates(writable: Writable) -> None:
    form = writable.client.post(
        "/sparql",
        data={"update": f"INSERT DATA {{ GRAPH <{DATASET}> {{ <urn:a> <urn:b> <urn:c> }} }}"},
        headers=writable.auth(),
    )
    direct = writable.client.post(
        "/sparql",
        content=f"INSERT DATA {{ GRAPH <{DATASET}> {{ <urn:d> <urn:b> <urn:c> }} }}",
        headers={**UPDATE, **writable.auth()},
    )
    assert form.status_code == direct.status_code == 204
    assert _ask(writable.client, f"ASK {{ GRAPH <{DATASET}> {{ <urn:a> <urn:b> <urn:c> }} }}")
    assert _ask(writable.client, f"ASK {{ GRAPH <{DATASET}> {{ <urn:d> <urn:b> <urn:c> }} }}")


def test_an_update_by_get_is_400_with_tokens(writable: Writable) -> None:
    response = writable.client.get("/sparql", params={"update": "CLEAR ALL"})
    assert response.status_code == 400 and "POST" in response.json()["error"]


def test_using_graph_uri(writable: Writable) -> None:
    update = f"INSERT {{ GRAPH <{DATASET}> {{ ?s a <urn:Seen> }} }} WHERE {{ ?s ?p ?o }}"
    response = writable.client.post(
        f"/sparql?using-graph-uri={G1}", content=update, headers={**UPDATE, **writable.auth()}
    )
    assert response.status_code == 204
    seen = writable.client.get(
        "/sparql",
        params={"query": f"SELECT DISTINCT ?s {{ GRAPH <{DATASET}> {{ ?s a <urn:Seen> }} }}"},
    ).json()["results"]["bindings"]
    assert [row["s"]["value"] for row in seen] == ["http://example.org/thing/one"]


def test_using_conflicts_with_with(writable: Writable) -> None:
    update = f"WITH <{G2}> DELETE {{ ?s ?p ?o }} WHERE {{ ?s ?p ?o }}"
    response = writable.client.post(
        f"/sparql?using-named-graph-uri={G1}", content=update, headers={**UPDATE, **writable.auth()}
    )
    assert response.status_code == 400
    assert response.json()["ok"] is False


def test_update_syntax_error_is_400(writable: Writable) -> None:
    response = writable.client.post(
        "/sparql", data={"update": "CLEAR XYZ"}, headers=writable.auth(writable.wide)
    )
    assert response.status_code == 400 and "line:1" in response.json()["error"]


def test_a_deep_update_is_refused_before_the_writer_sees_it(tmp_path: Path) -> None:
    settings, token, _wide = writable_settings(tmp_path, max_query_depth=5)
    with TestClient(create_app(settings)) as client:
        response = client.post(
            "/sparql",
            data={"update": "INSERT DATA {" + "(" * 10 + "}"},
            headers={"Authorization": f"Bearer {token}"},
        )
    assert response.status_code == 400 and "ESS_MAX_QUERY_DEPTH" in response.json()["error"]


def test_without_tokens_every_update_is_403(tmp_path: Path) -> None:
    settings = Settings(store_path=make_store(tmp_path / "store", small_quads()), _env_file=None)
    with TestClient(create_app(settings)) as client:
        posted = client.post("/sparql", data={"update": "CLEAR ALL"})
        got = client.get("/sparql", params={"update": "CLEAR ALL"})
        health = client.get("/health").json()
    assert (posted.status_code, got.status_code) == (403, 400)
    assert "without write tokens" in posted.json()["error"]
    assert health["read_only"] is True


def test_the_removed_anonymous_write_mode_is_refused_with_what_to_do() -> None:
    with pytest.raises(SettingsError, match=r"ESS_READ_ONLY.*token create"):
        load_settings(read_only=False, _env_file=None)


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
