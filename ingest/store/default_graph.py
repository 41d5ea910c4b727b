"""The store's default graph: every distinct triple of the named graphs, once.

A SPARQL default graph is an RDF graph, a set. Oxigraph's *union* default graph keeps one
copy of a triple per named graph holding it, so a plain ``COUNT`` over it counts a fact once
per document stating it. The build therefore materialises the merge of all named graphs
(documents, curation, reference, ontology, registry, build) into the store's real default
graph, and the service and the SHACL validation query that graph (``ESS_UNION_DEFAULT_GRAPH``
off): each triple once, while ``GRAPH ?g { … }`` still says which graphs state it
(docs/ARCHITECTURE.md, "Named graphs").

The build adds it in the same bulk load: :func:`with_default_graph` passes on the quads it
loads, then the same triples in the default graph; the bulk loader keeps one copy of each (no
set of all triples in Python, no second pass over the store). The default-graph quads are
held until the named graphs are loaded (~400 bytes a quad, ~216 MiB for 533k): interleaved
with them, even in chunks of 100k, the store came out 1.6 times larger and the build slower;
reading them back from the store after the load instead costs twice the CPU
(docs/BENCHMARKS.md). :func:`materialise_default_graph` does that read-back for a store
already loaded (test fixtures, stores written by other means).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from pyoxigraph import DefaultGraph, Quad, Store

__all__ = [
    "default_graph_quads",
    "default_graph_size",
    "materialise_default_graph",
    "with_default_graph",
]

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def with_default_graph(quads: Iterable[Quad]) -> Iterator[Quad]:
    """``quads``, then the triples of those in named graphs as default-graph quads."""
    default = DefaultGraph()
    held: list[Quad] = []
    for quad in quads:
        yield quad
        if quad.graph_name != default:
            held.append(Quad(quad.subject, quad.predicate, quad.object, default))
    yield from held


def materialise_default_graph(store: Store) -> int:
    """Write the distinct triples of every named graph of ``store`` into its default graph;
    return how many triples the default graph then holds."""
    default = DefaultGraph()
    store.bulk_extend(
        Quad(q.subject, q.predicate, q.object, default)
        for q in store.quads_for_pattern(None, None, None, None)
        if q.graph_name != default
    )
    return default_graph_size(store)


def default_graph_size(store: Store) -> int:
    """Number of triples in the store's real default graph (not the union)."""
    row = next(iter(store.query(COUNT)))  # type: ignore[arg-type]
    return int(row["n"].value)


def default_graph_quads(quads: Iterable[Quad]) -> list[Quad]:
    """``quads`` and the default-graph quads a build adds (the distinct triples of their named
    graphs), for stores not written by the build (``oxigraph load`` of an N-Quads file)."""
    return list(dict.fromkeys(with_default_graph(quads)))
