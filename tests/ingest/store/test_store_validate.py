"""Validation finds violations in the store (compiled SPARQL); pyshacl reads only the triples
the shapes can look at, and finds the same."""

from __future__ import annotations

from pyoxigraph import Store
from rdflib import Graph
from store_test_provider import PROVIDERS, RECORDS, source_graphs, write_records

from ess_core.settings import Settings
from ingest.store.build import build_store
from ingest.store.default_graph import with_default_graph
from ingest.store.shapeplan import plan_groups
from ingest.store.validate import load_shapes, validate_store, validate_with_pyshacl

SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <http://example.org/> .
ex:A a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:minCount 1 ] .
ex:B a sh:PropertyShape ; sh:targetClass ex:D ;
    sh:path ( ex:q [ sh:inversePath ex:r ] ) ; sh:node ex:N .
ex:N a sh:NodeShape ; sh:property [ sh:path ex:s ; sh:datatype ex:T ] .
"""


def test_plan_reads_path_predicates_of_nested_shapes() -> None:
    shapes = Graph().parse(data=SHAPES, format="turtle")
    groups = plan_groups(shapes, {"http://example.org/p": 10, "http://example.org/q": 1}, 2)
    assert groups is not None and len(groups) == 2
    by_root = {str(g.roots[0]): {str(p) for p in g.predicates} for g in groups}
    assert "http://example.org/p" in by_root["http://example.org/A"]
    assert {"http://example.org/q", "http://example.org/r", "http://example.org/s"} <= by_root[
        "http://example.org/B"
    ]
    assert "http://www.w3.org/1999/02/22-rdf-syntax-ns#type" in by_root["http://example.org/A"]


def test_open_ended_shapes_read_everything() -> None:
    shapes = Graph().parse(data=SHAPES + "ex:A sh:sparql [] .", format="turtle")
    assert plan_groups(shapes, {}, 2) is None


def test_filtered_read_finds_the_violation(small_settings: Settings) -> None:
    build_store(small_settings, providers=PROVIDERS)
    store = Store(str(small_settings.store_path))  # writable: add a bad record by hand
    write_records(small_settings, [*RECORDS, {"id": "sans-nom"}])
    store.extend(with_default_graph(source_graphs(small_settings)[0].quads()))
    shapes = load_shapes(small_settings.shapes_path, small_settings.base_iri)
    compiled = validate_store(store, shapes)
    former = validate_with_pyshacl(store, shapes)
    for validation in (compiled, former):
        assert [v.focus for v in validation.violations] == [
            "https://w3id.org/ess-hdf/id/organisation/sans-nom"
        ]
        assert "OrganizationShape" in validation.violations[0].shape
    assert compiled.violations[0].key() == former.violations[0].key()
    assert compiled.data_triples == 0 and compiled.sparql_checks > 100
    assert 0 < former.data_triples < len(store)
