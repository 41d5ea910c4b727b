"""Incremental validation: skip re-validating the large, stable reference graphs.

The reference geography is most of the store (~500k quads) and changes only when its file,
its provider's code, the ontology or the shapes change. A build records in the store's stamp a
key of all these (:func:`reference_key`); the next build whose key is the same validates only
the *forward closure* of the other graphs: every triple whose subject is a node of those
graphs or is reachable from one through outgoing edges (so a commune a record points to is
validated with its whole description, and its EPCI's type is there for ``sh:class``).

This is exact for shapes that only follow outgoing edges; shapes with ``sh:inversePath`` or
open-ended constraints (SPARQL, JS) make every build validate everything. One case it does not
cover: a reference-only node whose validity depends on triples that other graphs add to a node
it points to (e.g. through ``sh:node``); such a change is caught on the next full validation.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path

from pyoxigraph import BlankNode, DefaultGraph, NamedNode, RdfFormat, Store, Triple, serialize
from rdflib import Graph
from rdflib.namespace import SH

from ess_core.settings import Settings
from ingest.rdf.sources import SourceGraph

STABLE_ORIGINS = frozenset({"reference"})
_INGEST = Path(__file__).resolve().parents[1]


def _versions() -> str:
    names = ("ess-graph", "pyshacl", "pyoxigraph", "rdflib")
    found = []
    for name in names:
        try:
            found.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name}=?")
    return ",".join(found)


def _files(path: Path) -> Iterable[Path]:
    return sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]


def _shared_code() -> list[Path]:
    """Modules every provider relies on (IRIs, namespaces, the reference package)."""
    root = _INGEST.parent
    return [
        *sorted((root / "ess_core").glob("*.py")),
        _INGEST / "rdf" / "sources.py",
        *sorted((_INGEST / "reference").rglob("*.py")),
        *sorted(Path(__file__).parent.glob("*.py")),
    ]


def _module_files(source: SourceGraph) -> list[Path]:
    """The file of the module whose function makes ``source``'s quads."""
    module = sys.modules.get(getattr(source.quads, "__module__", "") or "")
    file = getattr(module, "__file__", None)
    return [Path(file)] if file else []


def reference_key(settings: Settings, sources: list[SourceGraph]) -> str | None:
    """Digest of everything the validity of the stable graphs depends on; None if none."""
    stable = sorted((s for s in sources if s.origin_kind in STABLE_ORIGINS), key=lambda s: s.graph)
    if not stable:
        return None
    digest = hashlib.sha256(f"{settings.base_iri}|{_versions()}".encode())
    paths = [settings.shapes_path, settings.ontology_path, *_shared_code()]
    for source in stable:
        digest.update(source.graph.encode())
        paths += [*source.inputs, *_module_files(source)]
    for path in paths:
        for file in _files(path):
            digest.update(str(file.name).encode())
            digest.update(hashlib.sha256(file.read_bytes()).digest())
    return digest.hexdigest()


def closure_allowed(shapes: Graph) -> bool:
    """True when the shapes only follow outgoing edges (no inverse paths, no SPARQL/JS)."""
    open_ended = (SH.inversePath, SH.sparql, SH.select, SH.ask, SH.target, SH.js, SH.rule)
    return not any((None, p, None) in shapes for p in open_ended)


def read_closure(store: Store, graphs: Iterable[str], *, union: bool = False) -> Graph:
    """The forward closure of the nodes of ``graphs``, over the default graph (the merge of
    all graphs; with ``union``, over every graph of a store built without it)."""
    default = None if union else DefaultGraph()
    names = " ".join(f"<{g}>" for g in graphs)
    query = f"SELECT DISTINCT ?s WHERE {{ VALUES ?g {{ {names} }} GRAPH ?g {{ ?s ?p ?o }} }}"
    frontier: list[NamedNode | BlankNode] = [row["s"] for row in store.query(query)]  # type: ignore[union-attr]
    seen = set(frontier)
    triples: list[Triple] = []
    while frontier:
        node = frontier.pop()
        for quad in store.quads_for_pattern(node, None, None, default):
            triples.append(quad.triple)
            target = quad.object
            if isinstance(target, NamedNode | BlankNode) and target not in seen:
                seen.add(target)
                frontier.append(target)
    data = Graph()
    data.parse(data=serialize(triples, format=RdfFormat.N_TRIPLES), format="nt")
    return data
