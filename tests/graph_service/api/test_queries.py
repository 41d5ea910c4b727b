"""Named queries as GET operations: typed parameters in OpenAPI, bound as terms, 422s."""

from __future__ import annotations

import csv
import io

from api_fixtures import REPO, assert_error_shape, names
from fastapi.testclient import TestClient

CAFE_LABEL = 'Café {Les "Amis"}'


def test_every_named_query_is_listed_and_published(client: TestClient) -> None:
    stems = sorted(p.stem for p in (REPO / "queries").glob("*.rq"))
    listed = client.get("/api/queries").json()["items"]
    assert {q["name"] for q in listed} >= {*stems, "label-lookup"}
    paths = client.get("/openapi.json").json()["paths"]
    for name in [*stems, "label-lookup"]:
        assert f"/api/queries/{name}" in paths


def test_parameters_are_typed_in_openapi(client: TestClient) -> None:
    operation = client.get("/openapi.json").json()["paths"]["/api/queries/label-lookup"]["get"]
    params = {p["name"]: p for p in operation["parameters"]}
    assert set(params) == {"label", "min_length"}
    assert "integer" in str(params["min_length"]["schema"])
    assert operation["summary"].startswith("Nodes whose preferred label")


def test_default_results_are_sparql_json(client: TestClient) -> None:
    response = client.get("/api/queries/epci-communes")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/sparql-results+json")
    rows = response.json()["results"]["bindings"]
    assert [r["name"]["value"] for r in rows] == ["Anzin", "Valenciennes"]


def test_iri_parameter_is_bound(client: TestClient) -> None:
    epci = "https://w3id.org/ess-hdf/id/epci/200093201"
    rows = client.get("/api/queries/epci-communes", params={"epci": epci}).json()
    assert [r["name"]["value"] for r in rows["results"]["bindings"]] == ["Lille"]


def test_quotes_and_braces_are_bound_safely(client: TestClient) -> None:
    response = client.get("/api/queries/label-lookup", params={"label": CAFE_LABEL})
    assert response.status_code == 200, response.text
    [row] = response.json()["results"]["bindings"]
    assert row["node"]["value"].endswith("/organisation/cafe-les-amis")
    assert row["label"]["value"] == CAFE_LABEL
    injection = '"} } UNION { ?node ?p ?l } #'
    response = client.get("/api/queries/label-lookup", params={"label": injection})
    assert response.status_code == 200 and response.json()["results"]["bindings"] == []


def test_other_formats_by_accept(client: TestClient) -> None:
    response = client.get("/api/queries/epci-communes", headers={"Accept": "text/csv"})
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [r["name"] for r in rows] == ["Anzin", "Valenciennes"]


def test_bad_parameter_types_are_422_naming_the_parameter(client: TestClient) -> None:
    body = assert_error_shape(
        client.get("/api/queries/label-lookup", params={"label": "x", "min_length": "two"}), 422
    )
    assert names(body, "min_length")
    body = assert_error_shape(
        client.get("/api/queries/epci-communes", params={"epci": "not an iri"}), 422
    )
    assert names(body, "epci")


def test_missing_required_parameter_is_422(client: TestClient) -> None:
    body = assert_error_shape(client.get("/api/queries/label-lookup"), 422)
    assert names(body, "label")


def test_unknown_query_is_404(client: TestClient) -> None:
    assert_error_shape(client.get("/api/queries/no-such-query"), 404)
