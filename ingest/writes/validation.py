"""SHACL validation of a write: the project's compiled checks on what the write touches.

The changed graphs' nodes and everything they reach through outgoing edges (their forward
closure over the default graph of the new store, as :mod:`ingest.store.incremental` reads it)
are copied with the ontology into a small in-memory store, which
:func:`ingest.store.validate.validate_store` checks with the compiled SPARQL checks of
``ontology/shapes.ttl`` (pyshacl for a shape the compiler refuses). The rest of the store was
valid and did not change.
"""

from __future__ import annotations

from collections.abc import Iterable

from pyoxigraph import BlankNode, DefaultGraph, NamedNode, Quad, Store

from ingest.store.results import Violation
from ingest.store.validate import load_shapes, validate_store
from ingest.writes.graphs import graph_node


def closure_store(
    store: Store, graphs: Iterable[str], ontology_graph: str, *, union: bool = False
) -> Store:
    """An in-memory store holding the forward closure of ``graphs``' nodes and the ontology,
    read from the default graph (with ``union``: from every graph)."""
    small = Store()
    default = DefaultGraph()
    read = None if union else default
    frontier: list[NamedNode | BlankNode] = []
    for graph in graphs:
        for quad in store.quads_for_pattern(None, None, None, graph_node(graph)):
            frontier.append(quad.subject)  # type: ignore[arg-type]
    seen = set(frontier)
    while frontier:
        node = frontier.pop()
        for quad in store.quads_for_pattern(node, None, None, read):
            small.add(Quad(quad.subject, quad.predicate, quad.object, default))
            target = quad.object
            if isinstance(target, NamedNode | BlankNode) and target not in seen:
                seen.add(target)
                frontier.append(target)
    for quad in store.quads_for_pattern(None, None, None, NamedNode(ontology_graph)):
        small.add(Quad(quad.subject, quad.predicate, quad.object, default))
    return small


def violations(
    store: Store, graphs: Iterable[str], shapes_path: str, base_iri: str, *, union: bool = False
) -> list[Violation]:
    """The SHACL violations of the changed ``graphs`` in ``store`` (``union``: a store without
    a default graph of its own, ``ESS_UNION_DEFAULT_GRAPH``)."""
    from pathlib import Path

    shapes = load_shapes(Path(shapes_path), base_iri)
    small = closure_store(store, graphs, f"{base_iri}graph/ontology", union=union)
    return list(validate_store(small, shapes).violations)
