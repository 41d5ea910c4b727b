"""Rebuild from the previous version: reuse its reference graph, replace every other graph.

The reference geography (~512k of the store's ~536k quads) changes only when its key changes
(:func:`ingest.store.incremental.reference_key`: its file, the code that makes it, the ontology,
the shapes, the library versions). When the store being replaced was built by this version,
validated, and recorded the same key, a build does not load the geography again: it takes a
RocksDB backup of the previous version into the new version folder (hard links to its
immutable files: instant, nothing copied; the previous version is only read), then replaces
every other named graph in the copy — their quads go, and so do their default-graph triples
that the reference graphs do not also state — and bulk-loads the current sources of those
graphs with their default-graph triples (:func:`ingest.store.bulk.load_sources`). The store
then holds the same quads as a cold build (tests compare the sorted N-Quads); validation is
incremental as before; the previous version's search index is copied and the labels of the
subjects the replaced graphs label (before or after) are re-read into it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pyoxigraph import NamedNode, Store

from ess_core.store_versions import is_complete, served
from ingest.rdf.sources import SourceGraph
from ingest.store.bulk import load_sources
from ingest.store.incremental import STABLE_ORIGINS

__all__ = ["replace_unstable", "reusable_version", "stable_graphs"]


def stable_graphs(sources: list[SourceGraph]) -> list[str]:
    """The graphs a reused version keeps: those of the stable origins (reference)."""
    return sorted({s.graph for s in sources if s.origin_kind in STABLE_ORIGINS})


def reusable_version(
    target: Path, stamp_file: str, expected: dict[str, Any], key: str | None, *, validated: bool
) -> Path | None:
    """The served version folder when its stamp (``stamp_file``) says it was built with the
    ``expected`` stamp, validated if ``validated``, with reference key ``key``; else None."""
    folder = served(target)
    if key is None or folder is None or not is_complete(folder):
        return None
    try:
        recorded = json.loads((folder / stamp_file).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(recorded, dict) or recorded.get("stamp") != expected:
        return None
    if recorded.get("reference_key") != key or (validated and not recorded.get("validated")):
        return None
    return folder


def copy_version(previous: Path, new_dir: Path) -> Store:
    """A writable copy of the store of ``previous`` at ``new_dir`` (hard links)."""
    Store.read_only(str(previous)).backup(str(new_dir))
    return Store(str(new_dir))


def _values(graphs: list[str]) -> str:
    return " ".join(f"<{g}>" for g in graphs)


def replace_unstable(
    store: Store, sources: list[SourceGraph], *, default_graph: bool = True, threads: int = 1
) -> None:
    """Drop every named graph but the stable ones (with the default-graph triples only they
    state), then load the sources of the other graphs (and, if ``default_graph``, their
    triples into the default graph)."""
    keep = stable_graphs(sources)
    dropped = [g.value for g in store.named_graphs() if isinstance(g, NamedNode)]
    dropped = [g for g in dropped if g not in keep]
    if dropped:
        kept_test = (
            f"FILTER NOT EXISTS {{ VALUES ?k {{ {_values(keep)} }} GRAPH ?k {{ ?s ?p ?o }} }}"
            if keep
            else ""
        )
        store.update(
            f"DELETE {{ ?s ?p ?o }} WHERE {{ VALUES ?g {{ {_values(dropped)} }} "
            f"GRAPH ?g {{ ?s ?p ?o }} {kept_test} }}"
        )
        for graph in dropped:
            store.remove_graph(NamedNode(graph))
    replaced = [s for s in sources if s.graph not in keep]
    load_sources(store, replaced, default_graph=default_graph, threads=threads)
