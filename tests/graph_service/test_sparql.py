"""The query endpoint: methods, dataset parameters, formats that parse back, conneg."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
import rdflib
from fastapi.testclient import TestClient
from pyoxigraph import (
    QueryBoolean,
    QueryResultsFormat,
    QuerySolutions,
    RdfFormat,
    parse,
    parse_query_results,
)
from sparql_testdata import G1, G2, G3

from ess_core.settings import Settings
from graph_service.app import create_app
from graph_service.sparql_text import has_dataset_clause

SELECT = "SELECT ?s ?label WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label }"
CONSTRUCT = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
ASK_ONE = f"ASK {{ GRAPH <{G1}> {{ ?s ?p ?o }} }}"


def _solutions(body: bytes, fmt: QueryResultsFormat) -> list[dict[str, str]]:
    if fmt is QueryResultsFormat.CSV:  # lossy: pyoxigraph does not parse it back
        return list(csv.DictReader(io.StringIO(body.decode())))
    results = parse_query_results(body, format=fmt)
    assert isinstance(results, QuerySolutions)
    return [{v.value: str(row[v]) for v in results.variables} for row in results]


@pytest.mark.parametrize(
    ("accept", "fmt"),
    [
        ("application/sparql-results+json", QueryResultsFormat.JSON),
        ("application/json", QueryResultsFormat.JSON),
        ("application/sparql-results+xml", QueryResultsFormat.XML),
        ("application/xml", QueryResultsFormat.XML),
        ("text/csv", QueryResultsFormat.CSV),
        ("text/tab-separated-values", QueryResultsFormat.TSV),
    ],
)
def test_select_formats_parse_back(
    client: TestClient, accept: str, fmt: QueryResultsFormat
) -> None:
    response = client.get("/sparql", params={"query": SELECT}, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == accept
    assert response.headers["vary"] == "Accept"
    rows = _solutions(response.content, fmt)
    assert len(rows) == 3  # the union of the three graphs


@pytest.mark.parametrize("fmt", [QueryResultsFormat.JSON, QueryResultsFormat.XML])
def test_ask_formats_parse_back(client: TestClient, fmt: QueryResultsFormat) -> None:
    accept = {QueryResultsFormat.JSON: "application/sparql-results+json"}.get(
        fmt, "application/sparql-results+xml"
    )
    response = client.get("/sparql", params={"query": ASK_ONE}, headers={"Accept": accept})
    result = parse_query_results(response.content, format=fmt)
    assert isinstance(result, QueryBoolean) and bool(result)


@pytest.mark.parametrize(
    ("accept", "fmt"),
    [
        ("text/turtle", RdfFormat.TURTLE),
        ("application/n-triples", RdfFormat.N_TRIPLES),
        ("application/n-quads", RdfFormat.N_QUADS),
        ("application/trig", RdfFormat.TRIG),
        ("application/ld+json", RdfFormat.JSON_LD),
        ("application/rdf+xml", RdfFormat.RDF_XML),
    ],
)
def test_construct_formats_parse_back(client: TestClient, accept: str, fmt: RdfFormat) -> None:
    response = client.get("/sparql", params={"query": CONSTRUCT}, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == accept
    assert len(list(parse(response.content, format=fmt))) == 6
    if fmt is RdfFormat.TURTLE:
        assert len(rdflib.Graph().parse(data=response.text, format="turtle")) == 6


def test_defaults_without_accept(client: TestClient) -> None:
    select = client.get("/sparql", params={"query": SELECT}, headers={"Accept": ""})
    graph = client.get("/sparql", params={"query": "DESCRIBE <http://example.org/thing/one>"})
    assert select.headers["content-type"] == "application/sparql-results+json"
    assert graph.headers["content-type"].startswith("text/turtle")


def test_q_values_choose_the_format(client: TestClient) -> None:
    accept = "application/sparql-results+json;q=0.2, text/csv;q=0.8, */*;q=0.1"
    response = client.get("/sparql", params={"query": SELECT}, headers={"Accept": accept})
    assert response.headers["content-type"].startswith("text/csv")


def test_format_parameter_overrides_accept(client: TestClient) -> None:
    headers = {"Accept": "text/csv"}
    tsv = client.get("/sparql", params={"query": SELECT, "format": "tsv"}, headers=headers)
    jsonld = client.get("/sparql", params={"query": CONSTRUCT, "format": "json"}, headers=headers)
    assert tsv.headers["content-type"].startswith("text/tab-separated-values")
    assert jsonld.headers["content-type"] == "application/ld+json"


def test_form_post_and_direct_post(client: TestClient) -> None:
    form = client.post("/sparql", data={"query": ASK_ONE})
    direct = client.post(
        "/sparql/",
        content=ASK_ONE.encode(),
        headers={"Content-Type": "application/sparql-query; charset=utf-8"},
    )
    for response in (form, direct):
        assert response.status_code == 200
        assert response.json() == {"head": {}, "boolean": True}


def _ask(client: TestClient, query: str, **params: list[str]) -> bool:
    query_params = [("query", query)] + [
        (name.replace("_", "-"), value) for name, values in params.items() for value in values
    ]
    response = client.get("/sparql", params=query_params)
    assert response.status_code == 200, response.text
    return bool(response.json()["boolean"])


def test_default_graph_uri(client: TestClient) -> None:
    one = "ASK { <http://example.org/thing/one> ?p ?o }"
    two = "ASK { <http://example.org/thing/two> ?p ?o }"
    assert _ask(client, one, default_graph_uri=[G1])
    assert not _ask(client, two, default_graph_uri=[G1])
    both = f"{one[:-1]} . <http://example.org/thing/two> ?p2 ?o2 }}"
    assert _ask(client, both, default_graph_uri=[G1, G2])


def test_named_graph_uri(client: TestClient) -> None:
    query = "ASK { GRAPH ?g { <http://example.org/thing/three> ?p ?o } }"
    assert _ask(client, query, named_graph_uri=[G3])
    assert not _ask(client, query, named_graph_uri=[G1, G2])
    # with only named graphs, the default graph is empty
    assert not _ask(client, "ASK { ?s ?p ?o }", named_graph_uri=[G1])


def test_union_default_graph_and_from(client: TestClient) -> None:
    assert _ask(client, "ASK { <http://example.org/thing/two> ?p ?o }")
    # FROM in the query defines the dataset when the protocol does not
    assert not _ask(client, f"ASK FROM <{G1}> {{ <http://example.org/thing/two> ?p ?o }}")


def _count(client: TestClient, where: str) -> int:
    response = client.get(
        "/sparql",
        params={"query": f"SELECT (COUNT(*) AS ?n) {{ {where} }}"},
        headers={"Accept": "application/sparql-results+json"},
    )
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


def test_the_default_graph_is_the_stores_own(client: TestClient, store_path: Path) -> None:
    # the store holds the merge of its graphs in its default graph, as a build makes it
    assert _count(client, "?s ?p ?o") == _count(client, "GRAPH ?g { ?s ?p ?o }") == 6
    settings = Settings(store_path=store_path, union_default_graph=True, _env_file=None)
    with TestClient(create_app(settings)) as union:
        # Oxigraph's union adds the named graphs to the default graph: each triple twice
        assert _count(union, "?s ?p ?o") == 12


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("SELECT * FROM <g> { ?s ?p ?o }", True),
        ("select * from named <g> { }", True),
        ("SELECT ?from { ?s <http://x/FROM> 'FROM <g>' } # FROM <g>", False),
        ("SELECT * { ?s ex:from ?o }", False),
    ],
)
def test_has_dataset_clause(query: str, expected: bool) -> None:
    assert has_dataset_clause(query) is expected


def test_get_without_query_describes_the_service(client: TestClient) -> None:
    response = client.get("/sparql", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/turtle")
    assert "http://www.w3.org/ns/sparql-service-description#" in response.text


def test_health(client: TestClient, store_path: Path) -> None:
    body = client.get("/health").json()
    assert body["status"] == "ok" and body["quads"] == 6
    assert body["store"] == str(store_path) and body["backend"] == "embedded"


def test_openapi_documents_sparql_and_health(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    get, post = paths["/sparql"]["get"], paths["/sparql"]["post"]
    names = {p["name"] for p in get["parameters"]}
    assert names >= {"query", "default-graph-uri", "named-graph-uri"}
    assert set(post["requestBody"]["content"]) >= {
        "application/x-www-form-urlencoded",
        "application/sparql-query",
    }
    assert "text/turtle" in get["responses"]["200"]["content"]
    assert "/health" in paths and "/sparql/" not in paths


def test_cors_when_configured(store_path: Path) -> None:
    settings = Settings(store_path=store_path, cors_origins=["https://example.org"], _env_file=None)
    with TestClient(create_app(settings)) as client:
        response = client.get(
            "/sparql", params={"query": "ASK {}"}, headers={"Origin": "https://example.org"}
        )
    assert response.headers["access-control-allow-origin"] == "https://example.org"
