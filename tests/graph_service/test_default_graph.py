"""Over HTTP, the default graph is a set: each distinct triple once, counts are counts of
things, and ``GRAPH ?g`` still gives one solution per graph stating a triple.

The store is the one ``ess-graph build`` makes from the repository's data (session fixture
``built_settings``), served by the real app; one test uses a small store of two documents.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pyoxigraph import Literal, NamedNode, Quad
from sparql_testdata import make_store

from ess_core.settings import Settings
from graph_service.app import create_app

PREFIXES = """PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
"""
CARDS = re.compile(r'<div class="n">(\d+)</div>')


@pytest.fixture(scope="module")
def real(built_settings: Settings) -> Iterator[TestClient]:
    # correctness, not speed: a CI machine under load must not hit the 30 s deadline
    with TestClient(create_app(_patient(built_settings))) as client:
        yield client


def rows(client: TestClient, query: str) -> list[dict[str, str]]:
    response = client.get(
        "/sparql",
        params={"query": PREFIXES + query},
        headers={"Accept": "application/sparql-results+json"},
    )
    assert response.status_code == 200, response.text
    return [
        {name: cell["value"] for name, cell in row.items()}
        for row in response.json()["results"]["bindings"]
    ]


def number(client: TestClient, query: str) -> int:
    return int(rows(client, query)[0]["n"])


def test_every_ontology_class_counts_each_instance_once(
    real: TestClient, built_settings: Settings
) -> None:
    ontology = f"{built_settings.base_iri}graph/ontology"
    counted = rows(
        real,
        f"""
        SELECT ?c (COUNT(?x) AS ?n) (COUNT(DISTINCT ?x) AS ?d) (SUM(?k) AS ?statements) WHERE {{
          {{ SELECT DISTINCT ?c WHERE {{ GRAPH <{ontology}> {{ ?c a owl:Class }}
                                        FILTER isIRI(?c) }} }}
          ?x a ?c
          {{ SELECT ?x ?c (COUNT(?g) AS ?k) WHERE {{ GRAPH ?g {{ ?x a ?c }} }} GROUP BY ?x ?c }}
        }} GROUP BY ?c""",
    )
    assert len(counted) >= 10, "the ontology's classes have instances"
    for row in counted:
        assert row["n"] == row["d"], f"{row['c']}: {row['n']} solutions, {row['d']} instances"
    # what the union default graph used to answer: more than one solution per instance
    assert any(int(row["statements"]) > int(row["d"]) for row in counted)


def test_the_whole_default_graph_is_its_distinct_triples(real: TestClient) -> None:
    solutions = number(real, "SELECT (COUNT(*) AS ?n) WHERE { SELECT * { ?s ?p ?o } }")
    distinct = number(
        real, "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o { GRAPH ?g { ?s ?p ?o } } }"
    )
    quads = number(real, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert solutions == distinct < quads


def test_the_home_page_figures_are_plain_counts(real: TestClient) -> None:
    """The issue's examples: organisations and people counted without DISTINCT."""
    cards = [int(n) for n in CARDS.findall(real.get("/").text)]
    actors, people = cards[0], cards[1]  # the first two cards (graph_service.pages.CARDS)
    assert actors > 0 and people > 0
    assert number(real, "SELECT (COUNT(?o) AS ?n) WHERE { ?o a org:Organization }") == actors
    assert number(real, "SELECT (COUNT(?o) AS ?n) WHERE { ?o a foaf:Person }") == people


def test_a_fact_of_two_documents_is_one_solution_and_two_graphs(
    real: TestClient, built_settings: Settings
) -> None:
    documents = f"{built_settings.base_iri}graph/document/"
    shared = rows(
        real,
        f"""
        SELECT ?s ?p ?o (COUNT(DISTINCT ?g) AS ?n) WHERE {{
          GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), "{documents}") && isIRI(?o))
        }} GROUP BY ?s ?p ?o HAVING (COUNT(DISTINCT ?g) >= 2) ORDER BY ?s ?p ?o LIMIT 1""",
    )
    assert shared, "some fact is stated by two documents"
    fact = f"<{shared[0]['s']}> <{shared[0]['p']}> <{shared[0]['o']}>"
    assert len(rows(real, f"SELECT * WHERE {{ {fact} }}")) == 1
    graphs = rows(real, f"SELECT ?g WHERE {{ GRAPH ?g {{ {fact} }} }}")
    assert len(graphs) >= int(shared[0]["n"]) >= 2


def test_two_documents_stating_a_fact(tmp_path: Path) -> None:
    ex = "http://example.org/"
    fact = (NamedNode(ex + "a"), NamedNode(ex + "label"), Literal("A", language="fr"))
    store = make_store(
        tmp_path / "store",
        [Quad(*fact, NamedNode(ex + "doc/one")), Quad(*fact, NamedNode(ex + "doc/two"))],
    )
    with TestClient(create_app(Settings(store_path=store, _env_file=None))) as client:
        query = f"SELECT ?l WHERE {{ <{ex}a> <{ex}label> ?l }}"
        assert rows(client, query) == [{"l": "A"}]
        query = f"SELECT ?g WHERE {{ GRAPH ?g {{ <{ex}a> <{ex}label> ?l }} }} ORDER BY ?g"
        assert rows(client, query) == [{"g": ex + "doc/one"}, {"g": ex + "doc/two"}]
        assert number(client, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }") == 1
        assert number(client, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }") == 2


def _patient(settings: Settings) -> Settings:
    return settings.model_copy(update={"query_timeout_s": 300.0})
