"""A named graph's triples as N-Triples lines, and applying a change while keeping the
default graph the merge of the named graphs (:mod:`ingest.store.default_graph`)."""

from __future__ import annotations

from collections.abc import Iterable

from pyoxigraph import DefaultGraph, NamedNode, Quad, RdfFormat, Store, Triple, parse

DEFAULT = "DEFAULT"  # the default graph among graph names (ingest.writes.update_targets)


def graph_node(graph: str) -> NamedNode | DefaultGraph:
    """The pyoxigraph graph name of ``graph``."""
    return DefaultGraph() if graph == DEFAULT else NamedNode(graph)


def line_of(triple: Triple) -> str:
    """One N-Triples line (without its end of line)."""
    return f"{triple.subject} {triple.predicate} {triple.object} ."


def graph_lines(store: Store, graph: str) -> set[str]:
    """Every triple of the named graph ``graph``."""
    quads = store.quads_for_pattern(None, None, None, graph_node(graph))
    return {line_of(q.triple) for q in quads}


def triples_of(lines: Iterable[str]) -> list[Triple]:
    """The triples of N-Triples lines."""
    text = "\n".join(lines)
    return [q.triple for q in parse(text.encode(), RdfFormat.N_TRIPLES)] if text else []


def apply_change(
    store: Store, graph: str, added: Iterable[str], removed: Iterable[str], merge: bool = True
) -> None:
    """Remove and add triples in ``graph``; with ``merge`` (a store built by ess-graph build),
    the default graph gains every added triple and loses a removed one unless another named
    graph still states it."""
    name, default = graph_node(graph), DefaultGraph()
    for triple in triples_of(removed):
        store.remove(Quad(triple.subject, triple.predicate, triple.object, name))
        if not merge or graph == DEFAULT:
            continue
        others = store.quads_for_pattern(triple.subject, triple.predicate, triple.object, None)
        if not any(not isinstance(q.graph_name, DefaultGraph) for q in others):
            store.remove(Quad(triple.subject, triple.predicate, triple.object, default))
    for triple in triples_of(added):
        store.add(Quad(triple.subject, triple.predicate, triple.object, name))
        if merge:
            store.add(Quad(triple.subject, triple.predicate, triple.object, default))
