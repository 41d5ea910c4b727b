"""The label each resource is listed under, kept in the search index for the REST lists.

A REST list (:mod:`graph_service.api.listing`) gives its items by label, then IRI: the label
of :func:`graph_service.api.resource_description.label_of`, i.e. the value of the first of
:data:`LIST_LABEL_PROPERTIES` that the item has in French or untagged, else any
``skos:prefLabel`` or ``rdfs:label``. Sorting thousands of items by that label in SPARQL
reads every item's labels at each first request (0.5 to 2.5 s for a département of a 10 M
triples store: docs/BENCHMARKS.md, "National scale"). The build writes the label of every
labelled subject into the table ``list_labels`` of the search index, beside the store and
swapped with it, and re-reads those of the subjects a write or a reused build relabels
(:func:`refresh`): a list then asks the store only for its set of items and sorts them with
this table.

Where the query's ``SAMPLE`` would take any of several labels of the same rank (two French
``skos:prefLabel``), the table keeps the smallest: the order is then the same from one
request and one build to the next.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from pyoxigraph import DefaultGraph, Literal, NamedNode, Store

from ess_core.namespaces import DCTERMS, FOAF, IGEO, RDFS, SKOS

TABLE = "list_labels"
CREATE = f"CREATE TABLE {TABLE}(iri TEXT PRIMARY KEY, label TEXT NOT NULL) WITHOUT ROWID;"

LIST_LABEL_PROPERTIES: tuple[NamedNode, ...] = (
    SKOS("prefLabel"),
    FOAF("name"),
    IGEO("nom"),
    DCTERMS("title"),
    RDFS("label"),
)
"""Most preferred first: the order of ``resource_description.LABEL_PROPS``."""
_ANY = (SKOS("prefLabel").value, RDFS("label").value)
_LAST = len(LIST_LABEL_PROPERTIES)


def _french(term: Literal) -> bool:
    """``LANG(?x) = "" || LANGMATCHES(LANG(?x), "fr")``."""
    language = (term.language or "").lower()
    return language in ("", "fr") or language.startswith("fr-")


def _graph(store: Store) -> DefaultGraph | None:
    """The default graph when it holds the merge of the graphs (a default build), else None:
    the union of the graphs (``ESS_UNION_DEFAULT_GRAPH``), as the service reads it."""
    default = DefaultGraph()
    return default if next(store.quads_for_pattern(None, None, None, default), None) else None


def list_labels(store: Store, only: Iterable[str] | None = None) -> list[tuple[str, str]]:
    """``(iri, label)`` of every named subject with a list label (of ``only`` if given)."""
    graph = _graph(store)
    subjects: list[NamedNode | None] = (
        [None] if only is None else [NamedNode(iri) for iri in sorted(set(only))]
    )
    # (rank, label) of the best label seen: a French or untagged value of the i-th property
    # ranks i; any other value of skos:prefLabel or rdfs:label ranks after them all
    best: dict[str, tuple[int, str]] = {}
    for subject in subjects:
        for rank, prop in enumerate(LIST_LABEL_PROPERTIES):
            for quad in store.quads_for_pattern(subject, prop, None, graph):
                node, value = quad.subject, quad.object
                if not isinstance(node, NamedNode):
                    continue
                if isinstance(value, Literal) and _french(value):
                    found = (rank, value.value)
                elif prop.value in _ANY and isinstance(value, Literal | NamedNode):
                    found = (_LAST, value.value)
                else:
                    continue
                if node.value not in best or found < best[node.value]:
                    best[node.value] = found
    return sorted((iri, label) for iri, (_rank, label) in best.items())


def write(connection: sqlite3.Connection, store: Store) -> int:
    """Create and fill the table in a new index; return the number of rows."""
    rows = list_labels(store)
    connection.execute(CREATE)
    connection.executemany(f"INSERT INTO {TABLE} VALUES (?, ?)", rows)  # noqa: S608
    return len(rows)


def refresh(connection: sqlite3.Connection, store: Store, subjects: Iterable[str]) -> int:
    """Re-read the list labels of ``subjects`` (in the caller's transaction)."""
    wanted = sorted(set(subjects))
    connection.executemany(f"DELETE FROM {TABLE} WHERE iri = ?", [(i,) for i in wanted])  # noqa: S608
    rows = list_labels(store, wanted)
    connection.executemany(f"INSERT INTO {TABLE} VALUES (?, ?)", rows)  # noqa: S608
    return len(rows)
