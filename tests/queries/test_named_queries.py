"""The header parser of named queries (graph_service.named_queries)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, Quad, Store, Variable

from graph_service.named_queries import (
    NamedQueryError,
    evaluate,
    load_named_queries,
    parse_named_query,
)

QUERY = """#+ summary: Things of a year
#+ description: >
#+   Long text.
#+ tags: [demo]
#+ params:
#+   year:
#+     type: gYear
#+     default: 2023
#+     description: the year
#+   thing:
#+     type: iri
#+     description: required thing
# an ordinary comment: ORDER BY here is not an order
SELECT ?thing ?year WHERE { ?thing <http://e.org/p> ?year }
"""


def write(tmp_path: Path, text: str, name: str = "demo") -> Path:
    path = tmp_path / f"{name}.rq"
    path.write_text(text, encoding="utf-8")
    return path


def test_header_is_parsed(tmp_path: Path) -> None:
    query = parse_named_query(write(tmp_path, QUERY))
    assert (query.name, query.summary, query.description, query.tags) == (
        "demo",
        "Things of a year",
        "Long text.",
        ("demo",),
    )
    year, thing = query.params["year"], query.params["thing"]
    assert (year.type, year.default, year.required) == ("gYear", "2023", False)
    assert (thing.type, thing.required) == ("iri", True)
    assert not query.ordered


def test_bindings_are_typed_terms(tmp_path: Path) -> None:
    query = parse_named_query(write(tmp_path, QUERY))
    terms = query.bindings({"thing": "http://e.org/a"})
    assert terms[Variable("thing")] == NamedNode("http://e.org/a")
    assert terms[Variable("year")] == Literal(
        "2023", datatype=NamedNode("http://www.w3.org/2001/XMLSchema#gYear")
    )
    with pytest.raises(NamedQueryError, match="required"):
        query.bindings()
    with pytest.raises(NamedQueryError, match="not a valid gYear"):
        query.bindings({"thing": "http://e.org/a", "year": "20x3"})
    with pytest.raises(NamedQueryError, match="not an IRI"):
        query.bindings({"thing": "> DROP ALL"})
    with pytest.raises(NamedQueryError, match="unknown parameter"):
        query.bindings({"thing": "http://e.org/a", "other": "1"})


def test_evaluate_substitutes_parameters(tmp_path: Path) -> None:
    query = parse_named_query(write(tmp_path, QUERY))
    store = Store()
    year = Literal("2023", datatype=NamedNode("http://www.w3.org/2001/XMLSchema#gYear"))
    store.add(Quad(NamedNode("http://e.org/a"), NamedNode("http://e.org/p"), year))
    store.add(Quad(NamedNode("http://e.org/b"), NamedNode("http://e.org/p"), year))
    result = evaluate(store, query, {"thing": "http://e.org/a"})
    assert [row["thing"]["value"] for row in result["results"]["bindings"]] == ["http://e.org/a"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("SELECT * WHERE {}", "summary"),
        ("#+ summary: [unclosed\nSELECT * WHERE {}", "YAML"),
        ("#+ summary: s\n#+ params:\n#+   x: {type: float}\nSELECT ?x WHERE {}", "unknown type"),
        ("#+ summary: s\n#+ params:\n#+   x: {type: string}\nSELECT ?y WHERE {}", "not a variable"),
        ("#+ summary: s\n#+ params:\n#+   x: {type: integer, default: a}\nSELECT ?x {}", "integer"),
    ],
)
def test_bad_headers_name_the_file(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(NamedQueryError, match=message) as caught:
        parse_named_query(write(tmp_path, text))
    assert "demo.rq" in str(caught.value)


def test_repository_queries_load() -> None:
    queries = load_named_queries(Path(__file__).resolve().parents[2] / "queries")
    assert {"epci-communes", "commune-territories", "geo-counts"} <= set(queries)
    assert queries["epci-communes"].ordered
