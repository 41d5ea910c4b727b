"""Test data of the SPARQL endpoint tests: a few quads in three named graphs."""

from __future__ import annotations

from pathlib import Path

from pyoxigraph import Literal, NamedNode, Quad, Store

from ingest.store.default_graph import with_default_graph

EX = "http://example.org/"
G1, G2, G3 = f"{EX}graph/one", f"{EX}graph/two", f"{EX}graph/three"
FOAF_DOC = NamedNode("http://xmlns.com/foaf/0.1/Document")
RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
LABEL = NamedNode("http://www.w3.org/2000/01/rdf-schema#label")


def small_quads() -> list[Quad]:
    quads = []
    for graph, name in ((G1, "one"), (G2, "two"), (G3, "three")):
        subject = NamedNode(f"{EX}thing/{name}")
        quads.append(Quad(subject, RDF_TYPE, FOAF_DOC, NamedNode(graph)))
        label = Literal(f"chose {name}", language="fr")
        quads.append(Quad(subject, LABEL, label, NamedNode(graph)))
    return quads


def make_store(path: Path, quads: list[Quad]) -> Path:
    """Write ``quads`` (and their merge, in the default graph) into a new on-disk store at
    ``path`` and close it."""
    store = Store(str(path))
    store.bulk_extend(with_default_graph(quads))  # the default graph as the build makes it
    store.flush()
    del store
    return path


def filler_quads(count: int = 300) -> list[Quad]:
    """``count`` quads in ``urn:g``: enough for a 7-way join to run for minutes (a runaway)."""
    return [
        Quad(NamedNode(f"urn:s{i}"), NamedNode("urn:p"), Literal(str(i)), NamedNode("urn:g"))
        for i in range(count)
    ]
