"""Graph Store writes with tokens: 401, 403, 201/204, the data in SPARQL, nothing half-written."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient
from write_fixtures import DATASET, OTHER, Writable, writable_settings

from ess_core.dataset_versions import versions
from graph_service.app import create_app

TURTLE = {"Content-Type": "text/turtle"}
DATA = """@prefix ex: <http://example.org/> .
ex:a ex:p "un" .
ex:b ex:p "deux" .
"""


def _ask(w: Writable, query: str) -> bool:
    return bool(w.client.get("/sparql", params={"query": query}).json()["boolean"])


def test_a_write_without_a_token_is_401_with_the_error_shape(writable: Writable) -> None:
    response = writable.client.put(
        "/store", params={"graph": DATASET}, content=DATA, headers=TURTLE
    )
    assert response.status_code == 401
    assert response.headers["www-authenticate"].startswith("Bearer")
    body = response.json()
    assert body["ok"] is False and body["status"] == 401 and "token" in body["error"]


def test_a_wrong_token_is_401_and_never_echoed(writable: Writable) -> None:
    headers = {**TURTLE, **writable.auth("not-the-token")}
    response = writable.client.put(
        "/store", params={"graph": DATASET}, content=DATA, headers=headers
    )
    assert response.status_code == 401
    assert "not-the-token" not in response.text


def test_a_graph_outside_the_token_is_403(writable: Writable) -> None:
    headers = {**TURTLE, **writable.auth()}
    response = writable.client.put("/store", params={"graph": OTHER}, content=DATA, headers=headers)
    assert response.status_code == 403
    assert "observatoire" in response.json()["error"]


def test_project_graphs_and_the_default_graph_are_never_written(writable: Writable) -> None:
    headers = {**TURTLE, **writable.auth(writable.wide)}
    for graph in ("ontology", "reference/geo", "curation", "document/apes-2024", "changes"):
        iri = f"https://w3id.org/ess-hdf/graph/{graph}"
        response = writable.client.put(
            "/store", params={"graph": iri}, content=DATA, headers=headers
        )
        assert response.status_code == 403, graph
    response = writable.client.put("/store?default", content=DATA, headers=headers)
    assert response.status_code == 403


def test_put_post_delete_round_trip(writable: Writable) -> None:
    headers = {**TURTLE, **writable.auth()}
    created = writable.client.put(
        "/store", params={"graph": DATASET}, content=DATA, headers=headers
    )
    assert created.status_code == 201
    assert _ask(writable, f'ASK {{ GRAPH <{DATASET}> {{ <http://example.org/a> ?p "un" }} }}')
    assert _ask(writable, 'ASK { <http://example.org/a> ?p "un" }')  # the default graph follows
    more = '<http://example.org/c> <http://example.org/p> "trois" .'
    added = writable.client.post("/store", params={"graph": DATASET}, content=more, headers=headers)
    assert added.status_code == 204
    got = writable.client.get(
        "/store", params={"graph": DATASET}, headers={"Accept": "application/n-triples"}
    )
    assert got.text.count("\n") == 3
    replaced = writable.client.put(
        "/store", params={"graph": DATASET}, content=more, headers=headers
    )
    assert replaced.status_code == 204
    assert not _ask(writable, 'ASK { <http://example.org/a> ?p "un" }')
    assert (
        writable.client.delete("/store", params={"graph": DATASET}, headers=headers).status_code
        == 204
    )
    assert not _ask(writable, f"ASK {{ GRAPH <{DATASET}> {{ ?s ?p ?o }} }}")
    assert (
        writable.client.delete("/store", params={"graph": DATASET}, headers=headers).status_code
        == 404
    )


def test_invalid_turtle_is_400_naming_the_line_and_nothing_changes(writable: Writable) -> None:
    headers = {**TURTLE, **writable.auth()}
    bad = '@prefix ex: <http://example.org/> .\nex:a ex:p "un" .\nex:b ex:p "deux .\n'
    response = writable.client.put(
        "/store", params={"graph": DATASET}, content=bad, headers=headers
    )
    assert response.status_code == 400
    assert "line 3" in response.json()["error"]
    assert not _ask(writable, f"ASK {{ GRAPH <{DATASET}> {{ ?s ?p ?o }} }}")
    assert not list((writable.settings.submissions_dir).glob("*/v*.json"))


def test_a_body_over_the_limit_is_413(tmp_path: Path) -> None:
    settings, token, _wide = writable_settings(tmp_path, max_body_bytes=200)
    headers = {**TURTLE, "Authorization": f"Bearer {token}"}
    with TestClient(create_app(settings)) as client:
        big = DATA + "".join(f'ex:n{i} ex:p "{i}" .\n' for i in range(50))
        response = client.put("/store", params={"graph": DATASET}, content=big, headers=headers)
    assert response.status_code == 413
    assert response.json()["ok"] is False


def test_a_token_created_while_serving_is_accepted(writable: Writable) -> None:
    from ess_core.write_tokens import create_token

    path = writable.settings.write_tokens_file
    assert path is not None
    late = create_token(path, "late", [DATASET])
    headers = {**TURTLE, **writable.auth(late)}
    response = writable.client.put(
        "/store", params={"graph": DATASET}, content=DATA, headers=headers
    )
    assert response.status_code == 201


def test_a_writer_stopped_after_its_swap_loses_nothing(writable: Writable) -> None:
    """The on-disk state of a writer killed between the swap and its versions' renames: the
    next write commits them before its own."""
    turtle = {"Content-Type": "text/turtle", **writable.auth()}
    first = writable.client.put(
        "/store", params={"graph": DATASET}, content="<urn:a> <urn:b> <urn:c> .", headers=turtle
    )
    assert first.status_code in (201, 204)
    folder = writable.settings.submissions_dir / "observatoire"
    record = folder / "v000001.json"
    record.replace(folder / ".v000001.json.tmp")  # as if the writer died before the rename
    assert versions(folder) == []
    second = writable.client.post(
        "/store", params={"graph": DATASET}, content="<urn:d> <urn:b> <urn:c> .", headers=turtle
    )
    assert second.status_code in (200, 204)
    assert [v.version for v in versions(folder)] == [1, 2]
