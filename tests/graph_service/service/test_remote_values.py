"""Substitutions sent to a remote store as a VALUES block: valid SPARQL, same answers as
pyoxigraph's own substitutions, whatever the query already ends with."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from graph_service.backends.remote import with_values
from graph_service.backends.scan import where_group_start

EX = "http://e.org/"
A = f"<{EX}a>"


@pytest.fixture(scope="module")
def store() -> ox.Store:
    store = ox.Store()
    for s, p, o in (
        ("a", "knows", "b"),
        ("a", "knows", "c"),
        ("b", "knows", "c"),
        ("a", "name", None),
        ("b", "name", None),
    ):
        obj = ox.Literal(f"name of {s}") if o is None else ox.NamedNode(EX + o)
        store.add(ox.Quad(ox.NamedNode(EX + s), ox.NamedNode(EX + p), obj))
    return store


def _rows(result: object) -> set[str]:
    if isinstance(result, ox.QueryBoolean):
        return {str(bool(result))}
    if isinstance(result, ox.QueryTriples):
        return {str(t) for t in result}
    assert isinstance(result, ox.QuerySolutions)
    names = [v.value for v in result.variables]
    return {" ".join(f"{n}={row[n]}" for n in names) for row in result}


QUERIES = [
    f"SELECT ?s ?o WHERE {{ ?s <{EX}knows> ?o }}",
    f"SELECT ?s ?o {{ ?s <{EX}knows> ?o FILTER(?s != ?o) }} ORDER BY ?o",
    f"SELECT ?s ?o WHERE {{ ?s <{EX}knows> ?o }} VALUES ?o {{ <{EX}b> <{EX}c> }}",
    f"SELECT ?s ?o WHERE {{ ?s <{EX}knows> ?o }}\nVALUES (?o) {{ (<{EX}c>) }}",
    f"SELECT ?s (EXISTS {{ ?s <{EX}name> ?n }} AS ?named) WHERE {{ ?s <{EX}knows> ?o }}",
    f"PREFIX ex: <{EX}>\nSELECT ?s (COUNT(?o) AS ?n) WHERE {{ ?s ex:knows ?o }} GROUP BY ?s",
    f"ASK {{ ?s <{EX}knows> <{EX}c> }}",
    f"CONSTRUCT {{ ?s <{EX}friend> ?o }} WHERE {{ ?s <{EX}knows> ?o }}",
    f"CONSTRUCT {{ ?s <{EX}friend> ?o }} WHERE {{ ?s <{EX}knows> ?o }} VALUES ?o {{ <{EX}c> }}",
    f"SELECT ?s ?o WHERE {{ ?s <{EX}knows> ?o # a comment with {{ braces\n}}",
]


@pytest.mark.parametrize("query", QUERIES)
def test_values_block_answers_like_substitutions(store: ox.Store, query: str) -> None:
    expected = store.query(query, substitutions={ox.Variable("s"): ox.NamedNode(EX + "a")})
    sent = with_values(query, {"s": A})
    assert _rows(store.query(sent)) == _rows(expected), sent


def test_the_block_opens_the_where_group() -> None:
    query = f"SELECT ?s WHERE {{ ?s ?p ?o }} VALUES ?p {{ <{EX}knows> }}"
    assert with_values(query, {"s": A}) == (
        f"SELECT ?s WHERE {{ VALUES (?s) {{ ({A}) }}\n ?s ?p ?o }} VALUES ?p {{ <{EX}knows> }}"
    )


def test_without_a_group_the_block_goes_last(store: ox.Store) -> None:
    query = f"CONSTRUCT WHERE {{ ?s <{EX}knows> ?o }}"
    assert where_group_start(query) is None
    sent = with_values(query, {"s": A})
    assert sent.endswith(f"VALUES (?s) {{ ({A}) }}")
    assert len(_rows(store.query(sent))) == 2


def test_group_start_skips_strings_iris_and_the_construct_template() -> None:
    query = 'CONSTRUCT { ?s <http://x/a> "}" } WHERE { ?s ?p "{" }'
    assert query[where_group_start(query) or 0 :] == ' ?s ?p "{" }'
    assert where_group_start("DESCRIBE <http://x/>") is None
    assert where_group_start("PREFIX select: <http://x/> ASK { }") == len(
        "PREFIX select: <http://x/> ASK {"
    )


def test_without_substitutions_the_query_is_unchanged() -> None:
    assert with_values("ASK { \\u003Fs ?p ?o }", {}) == "ASK { \\u003Fs ?p ?o }"
