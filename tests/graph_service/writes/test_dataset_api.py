"""POST /api/datasets/<name>: RDF or CSV, validated, atomic, versioned; its changes."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pyoxigraph import Store
from write_fixtures import Writable, writable_settings

from ess_core.settings import Settings, SettingsError
from ess_core.store_layout import INDEX_FILE_NAME
from ess_core.store_versions import served
from graph_service.app import create_app
from ingest.store.label_index import index_labels

ORG = "http://www.w3.org/ns/org#Organization"
SKOS = "http://www.w3.org/2004/02/skos/core#prefLabel"
VALID = f'<urn:org:a> a <{ORG}> ; <{SKOS}> "Association A"@fr .\n'
INVALID = f"<urn:org:b> a <{ORG}> .\n"  # an organisation needs a skos:prefLabel


def _post(w: Writable, body: str, media: str, **params: str) -> tuple[int, dict]:
    headers = {"Content-Type": media, **w.auth()}
    response = w.client.post(
        "/api/datasets/observatoire", content=body, headers=headers, params=params
    )
    return response.status_code, response.json()


def _count(w: Writable) -> int:
    graph = "https://w3id.org/ess-hdf/graph/dataset/observatoire"
    query = f"SELECT (COUNT(*) AS ?n) {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    rows = w.client.get("/sparql", params={"query": query}).json()["results"]["bindings"]
    return int(rows[0]["n"]["value"])


def test_an_rdf_submission_becomes_a_version(writable: Writable) -> None:
    status, body = _post(writable, VALID, "text/turtle")
    assert status == 201
    assert body["version"] == 1 and body["added"] == 2 and body["token"] == "observatoire"  # noqa: S105 (a token's name)
    assert _count(writable) == 2


def test_a_shacl_violation_is_422_and_changes_nothing(writable: Writable) -> None:
    assert _post(writable, VALID, "text/turtle")[0] == 201
    status, body = _post(writable, INVALID, "text/turtle")
    assert status == 422
    assert "urn:org:b" in body["error"] and "prefLabel" in body["error"]
    assert _count(writable) == 2
    changes = writable.client.get("/api/datasets/observatoire/changes").json()
    assert changes["current"] == 1


def test_csv_rows_are_checked_and_errors_name_the_line(writable: Writable) -> None:
    csv = (
        "observation,dataset,territory_kind,territory_code,indicator,year,value_integer,source\n"
        "obs-1,observatoire,departement,59,essJobs,2022,120,test\n"
        "obs-2,observatoire,departement,62,essJobs,20x2,130,test\n"
    )
    status, body = _post(writable, csv, "text/csv", mapping="figures")
    assert status == 422
    assert body["errors"][0].startswith("line 3: column year")
    assert _count(writable) == 0


def test_csv_needs_a_known_mapping_and_header(writable: Writable) -> None:
    assert _post(writable, "a,b\n1,2\n", "text/csv")[0] == 400
    status, body = _post(writable, "a,b\n1,2\n", "text/csv", mapping="figures")
    assert status == 422 and "line 1" in body["errors"][0]


def test_changes_since_a_version_and_a_time(writable: Writable) -> None:
    assert _post(writable, VALID, "text/turtle")[0] == 201
    other = f'<urn:org:c> a <{ORG}> ; <{SKOS}> "Association C"@fr .\n'
    assert _post(writable, other, "text/turtle")[0] == 201
    since1 = writable.client.get("/api/datasets/observatoire/changes", params={"since": "1"}).json()
    [change] = since1["changes"]
    assert change["version"] == 2 and change["added"] == 2 and change["removed"] == 2
    assert any("urn:org:c" in t for t in change["added_triples"])
    early = writable.client.get(
        "/api/datasets/observatoire/changes", params={"since": "2000-01-01T00:00:00Z"}
    ).json()
    assert [c["version"] for c in early["changes"]] == [1, 2]
    assert (
        writable.client.get(
            "/api/datasets/observatoire/changes", params={"since": "soon"}
        ).status_code
        == 400
    )
    assert writable.client.get("/api/datasets/nothing/changes").status_code == 404
    for name in ("%0A", "%C3%B7", "Not%20a%20slug"):  # no letter or digit; not a slug
        answer = writable.client.get(f"/api/datasets/{name}/changes")
        assert answer.status_code == 400 and "not a dataset name" in answer.json()["error"]


def test_a_shacl_violation_of_a_csv_row_names_its_line(writable: Writable) -> None:
    csv = (
        "org,dataset,pref_label,rna,rna_label,rna_notation\n"
        "assoc-a,observatoire,Association A,W591000001,RNA W591000001,W591000001\n"
        "assoc-b,observatoire,,W591000002,RNA W591000002,W591000002\n"
    )
    status, body = _post(writable, csv, "text/csv", mapping="rna")
    assert status == 422, body
    assert any(e.startswith("line 3: ") and "assoc-b" in e for e in body["errors"]), body
    assert _count(writable) == 0


def test_a_written_organisation_is_in_the_rest_api_and_its_page(writable: Writable) -> None:
    iri = "https://w3id.org/ess-hdf/id/organisation/atelier-des-essais"
    body = f'<{iri}> a <{ORG}> ; <{SKOS}> "Atelier des essais"@fr .\n'
    assert _post(writable, body, "text/turtle")[0] == 201
    actor = writable.client.get("/api/actors/atelier-des-essais")
    assert actor.status_code == 200 and "Atelier des essais" in actor.text
    page = writable.client.get("/page/organisation/atelier-des-essais")
    assert page.status_code == 200 and "Atelier des essais" in page.text


def test_tokens_need_the_embedded_store(tmp_path: Path) -> None:
    settings, _token, _wide = writable_settings(
        tmp_path, backend="remote", remote_query_url="http://127.0.0.1:9/query"
    )
    with pytest.raises(SettingsError, match="ESS_BACKEND=embedded"):
        create_app(settings)


def _index_rows(index: Path) -> list[tuple[object, ...]]:
    with contextlib.closing(sqlite3.connect(index)) as db:
        db.execute("INSERT INTO entries_fts(entries_fts, rank) VALUES ('integrity-check', 1)")
        rows = db.execute(
            "SELECT iri, label, property, preference, folded, acronym FROM entries ORDER BY 1, 2, 3"
        ).fetchall()
        return rows + db.execute("SELECT * FROM nodes ORDER BY 1").fetchall()


def test_each_write_leaves_the_search_index_equal_to_a_rebuild(tmp_path: Path) -> None:
    settings, token, _wide = writable_settings(tmp_path)
    index_labels(Store.read_only(str(settings.store_path)), _index(settings), settings.base_iri)
    iri = "https://w3id.org/ess-hdf/id/organisation/atelier-des-essais"
    bodies = [
        f'<{iri}> a <{ORG}> ; <{SKOS}> "Atelier des essais"@fr .\n',
        f'<{iri}> a <{ORG}> ; <{SKOS}> "Atelier renommé"@fr .\n',
        f'<urn:org:a> a <{ORG}> ; <{SKOS}> "Association A"@fr .\n',  # the atelier's label goes
    ]
    with TestClient(create_app(settings)) as client:
        for body in bodies:
            headers = {"Content-Type": "text/turtle", "Authorization": f"Bearer {token}"}
            posted = client.post("/api/datasets/observatoire", content=body, headers=headers)
            assert posted.status_code == 201, posted.text
            rebuilt = tmp_path / "rebuilt.sqlite"
            index_labels(Store.read_only(str(settings.store_path)), rebuilt, settings.base_iri)
            assert _index_rows(_index(settings)) == _index_rows(rebuilt)
            found = client.get("/api/search", params={"q": "atelier"}).json()["items"]
            assert [hit["id"] for hit in found] == ([iri] if iri in body else [])


def _index(settings: Settings) -> Path:
    return served(settings.store_path) / INDEX_FILE_NAME  # type: ignore[operator]
