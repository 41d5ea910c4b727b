"""The store the conformance tests run against: each test graph loaded under its name."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from conformance_runner import initial_graph_store_state, manifest_data

from ingest.store.default_graph import materialise_default_graph


def build_conformance_store(path: Path, public_url: str) -> Path:
    """A new store at ``path``: data1..3.nt in the named graphs the protocol manifest gives
    them, and the graph the graph store tests' initial PUT would have written."""
    store = ox.Store(str(path))
    for name, source in manifest_data().items():
        store.load(path=str(source), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(name))
    iri, turtle = initial_graph_store_state(public_url)
    store.load(turtle.encode(), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(iri))
    materialise_default_graph(store)  # the default graph as the build makes it
    store.flush()
    del store
    return path
