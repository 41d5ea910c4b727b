"""Bulk-load the source graphs and their merge (the default graph) in one pass, as N-Quads.

Each source's quads are serialised to N-Quads by pyoxigraph (in Rust: Python makes no object
per quad beyond what its provider yields). Every line of a source's bytes must end with
`` <graph> .`` and a newline (a newline inside a literal is escaped, so it only ends lines):
counting those endings checks that every quad is in its graph, and one ``bytes.replace`` of
them gives the same triples as default-graph lines. One ``bulk_load`` of the named lines then
the default lines fills the store, each distinct triple once in the default graph
(:mod:`ingest.store.default_graph`), without the ~1 M Python ``Quad`` objects that
``bulk_extend(with_default_graph(...))`` made (docs/BENCHMARKS.md: about a quarter less CPU).
``lenient`` parsing skips checking IRIs again: pyoxigraph checked them when the provider made
its terms.

A provider whose data is bad keeps the error of :func:`~ingest.store.sources.checked_quads`
(``file: message``): on any mismatch the slow path walks the quads again to name it.
"""

from __future__ import annotations

from collections.abc import Iterable

from pyoxigraph import RdfFormat, Store, serialize

from ingest.rdf.sources import SourceGraph
from ingest.store.errors import BuildError
from ingest.store.sources import INPUT_ERRORS, checked_quads, describe_error

__all__ = ["default_lines", "load_sources", "source_nquads"]


def _suffix(graph: str) -> bytes:
    return f" <{graph}> .\n".encode()


def _explain(source: SourceGraph, problem: str) -> BuildError:
    """The error :func:`checked_quads` gives for ``source`` (walking its quads again)."""
    for _quad in checked_quads(source):
        pass
    return BuildError(f"{describe_error(ValueError(problem), source.inputs)} ({source.graph})")


def source_nquads(source: SourceGraph) -> bytes:
    """The N-Quads of ``source``, each quad checked to be in its graph."""
    try:
        data = serialize(source.quads(), format=RdfFormat.N_QUADS) or b""
    except INPUT_ERRORS as exc:
        raise BuildError(describe_error(exc, source.inputs)) from None
    if data.count(b"\n") != data.count(_suffix(source.graph)):
        raise _explain(source, "quad outside its graph")
    return data


def default_lines(source: SourceGraph, nquads: bytes) -> bytes:
    """The lines of ``nquads`` (``source``'s) moved to the default graph."""
    return nquads.replace(_suffix(source.graph), b" .\n")


def load_sources(
    store: Store, sources: Iterable[SourceGraph], *, default_graph: bool = True
) -> None:
    """Load every source's quads into its graph and (unless ``default_graph`` is false: a
    store queried with the union of its graphs, ``bench/union_default_load.py``) their
    triples into the default graph."""
    named: list[bytes] = []
    default: list[bytes] = []
    checked = list(sources)
    for source in checked:
        data = source_nquads(source)
        named.append(data)
        if default_graph:
            default.append(default_lines(source, data))
    blob = b"".join(named + default)
    named.clear()
    default.clear()
    try:
        store.bulk_load(blob, format=RdfFormat.N_QUADS, lenient=True)
    except SyntaxError as exc:  # a default-graph quad naming its graph as object, say
        for source in checked:
            _explain(source, str(exc))
        raise BuildError(f"the sources' quads could not be loaded: {exc}") from None
