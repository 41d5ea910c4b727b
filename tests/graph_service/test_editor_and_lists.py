"""The query editor page, its examples and prefixes; the list pages and their downloads."""

from __future__ import annotations

import csv
import io
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "api"))  # the REST tests' helpers
from api_fixtures import build_test_store, make_client
from fastapi.testclient import TestClient

from graph_service.editor import example_text
from graph_service.named_queries import load_named_queries

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    with make_client(build_test_store(tmp_path_factory.mktemp("lists"))) as test_client:
        yield test_client


def test_editor_page_loads_only_local_scripts(client: TestClient) -> None:
    html = client.get("/query").text
    scripts = re.findall(r'<script[^>]*src="([^"]+)"', html)
    assert scripts == ["/static/vendor/yasgui/yasgui.min.js", "/static/editor.js"]
    assert re.findall(r"<script(?![^>]*src=)", html) == []  # no inline script
    assert 'data-endpoint="/sparql"' in html and 'href="/query">SPARQL</a>' in html


def test_examples_run_as_they_are(client: TestClient) -> None:
    examples = client.get("/query/examples.json").json()
    assert {e["name"] for e in examples} >= {"plan-structure", "epci-communes"}
    plan = next(e for e in examples if e["name"] == "plan-structure")
    assert "VALUES (?plan) { (<https://w3id.org/ess-hdf/id/plan/" in plan["query"]
    for example in examples:  # each parses and runs on the service's endpoint
        response = client.post(
            "/sparql",
            data={"query": example["query"]},
            headers={"Accept": "application/sparql-results+json"},
        )
        assert response.status_code == 200, (example["name"], response.text)


def test_example_text_binds_defaults_inside_where() -> None:
    query = load_named_queries(REPO / "queries")["plan-structure"]
    text = example_text(query)
    where = re.search(r"WHERE\s*\{", text, re.IGNORECASE)
    assert where and text[where.end() :].lstrip().startswith("VALUES (?plan)")


def test_prefixes_include_ours(client: TestClient) -> None:
    found = client.get("/query/prefixes.json").json()
    assert found["ess"] == "https://w3id.org/ess-hdf/ontology#" and "oa" in found


def test_vendor_files_are_served_or_explained(client: TestClient) -> None:
    response = client.get("/static/vendor/yasgui/yasgui.min.js")
    if response.status_code == 404:  # `make assets` not run
        assert "make assets" in response.json()["error"]
    else:
        assert response.headers["content-type"].startswith("text/javascript")


def test_list_page_filters_and_downloads(client: TestClient) -> None:
    html = client.get("/lists/actors?territory=epci/245901160").text
    total = int(re.search(r'<span id="total">(\d+)</span>', html)[1])
    assert 'href="/lists/actors.csv?territory=epci%2F245901160"' in html
    rows = list(
        csv.reader(io.StringIO(client.get("/lists/actors.csv?territory=epci/245901160").text))
    )
    assert rows[0] == ["label", "kind", "id"] and len(rows) - 1 == total
    everything = client.get("/lists/actors.json").json()
    assert everything["total"] >= total and len(everything["items"]) == everything["total"]
    api = client.get("/api/actors?territory=epci/245901160").json()
    assert api["total"] == total


@pytest.mark.parametrize("name", ["actors", "people", "plans", "events", "documents"])
def test_every_list_renders(client: TestClient, name: str) -> None:
    response = client.get(f"/lists/{name}")
    assert response.status_code == 200 and "<table" in response.text


def test_list_errors(client: TestClient) -> None:
    assert client.get("/lists/nothing").status_code == 404
    response = client.get("/lists/actors?year=12")
    assert response.status_code == 422 and "'year'" in response.json()["error"]


def test_network_json_and_page(client: TestClient) -> None:
    data = client.get("/network/organisation/apes.json").json()
    ids = {n["data"]["id"] for n in data["nodes"]}
    assert all(e["data"]["source"] in ids and e["data"]["target"] in ids for e in data["edges"])
    html = client.get("/network/organisation/apes").text
    assert 'data-src="/network/organisation/apes.json"' in html
    assert "/static/vendor/cytoscape/cytoscape.min.js" in html
    for path in ("epci/245901160", "document/apes-decennie-valenciennois"):
        assert client.get(f"/network/{path}.json").status_code == 200
    assert client.get("/network/person/x.json").status_code == 404
