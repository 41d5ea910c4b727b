"""What the REST lists read beside the store: labels to sort by, and the items of territories.

A REST list (:mod:`graph_service.api.listing`) gives its items by label, then IRI: the label
of :func:`graph_service.api.resource_description.label_of`, i.e. the value of the first of
:data:`LIST_LABEL_PROPERTIES` that the item has in French or untagged, else any
``skos:prefLabel`` or ``rdfs:label``. Sorting thousands of items by that label in SPARQL
read every item's labels at each first request, and even the set of the organisations of a
département costs 0.3 to 0.5 s in SPARQL at 10 M triples (docs/BENCHMARKS.md, "National
scale"). So the build writes, into the search index beside the store and swapped with it:

* ``list_nodes``: every labelled subject with its list label (and the IRIs the other table
  names, unlabelled ones with a NULL label);
* ``territory_items``: for every place an item is located in (``ess:locatedIn`` or
  ``dcterms:spatial``) and every territory above it (``igeo:subdivisionDirecteDe`` up,
  ``dcterms:hasPart`` down, any number of steps: the list filter's ``LOCATED_IN``), the
  item with its class, for the classes of ``territory_classes`` (the lists filtered by
  territory): the answer of such a list with one territory filter.

A write or a reused build re-reads the labels of the subjects it relabels and every
location (:func:`refresh`), in the same transaction as the search index's refresh.

Where the query's ``SAMPLE`` would take any of several labels of the same rank (two French
``skos:prefLabel``), the table keeps the smallest: the order is then the same from one
request and one build to the next.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from pyoxigraph import BlankNode, DefaultGraph, Literal, NamedNode, Store

from ess_core.iris import Iris
from ess_core.namespaces import DCTERMS, FOAF, IGEO, ORG, RDF, RDFS, SKOS, ess_namespace

CREATE = """
CREATE TABLE list_nodes(id INTEGER PRIMARY KEY, iri TEXT NOT NULL UNIQUE, label TEXT);
CREATE TABLE territory_classes(iri TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE territory_items(
    territory INTEGER NOT NULL, class INTEGER NOT NULL, item INTEGER NOT NULL,
    PRIMARY KEY (territory, class, item)) WITHOUT ROWID;
"""

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
Node = NamedNode | BlankNode


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


def territory_classes(base: str) -> tuple[NamedNode, ...]:
    """The classes of the REST lists filtered by territory (actors, events, plans): only
    their items are written (organisations' sites and the like would triple the table)."""
    ess = ess_namespace(Iris(base))
    return (ORG("Organization"), ess("Event"), ess("Plan"))


def territory_items(store: Store, base: str) -> set[tuple[str, str, str]]:
    """``(territory, class, item)``: every item of one of :func:`territory_classes` located
    in the territory or in a place within it, as ``?territory (^igeo:subdivisionDirecteDe|
    dcterms:hasPart)* ?place . { ?item ess:locatedIn ?place } UNION { ?item dcterms:spatial
    ?place }`` finds it (IRIs only)."""
    graph, ess = _graph(store), ess_namespace(Iris(base))
    up: dict[Node, set[Node]] = {}  # a place -> the territories one step above it
    for quad in store.quads_for_pattern(None, IGEO("subdivisionDirecteDe"), None, graph):
        if isinstance(quad.subject, Node) and isinstance(quad.object, Node):
            up.setdefault(quad.subject, set()).add(quad.object)
    for quad in store.quads_for_pattern(None, DCTERMS("hasPart"), None, graph):
        if isinstance(quad.subject, Node) and isinstance(quad.object, Node):
            up.setdefault(quad.object, set()).add(quad.subject)
    above: dict[Node, set[str]] = {}

    def territories(place: Node) -> set[str]:
        """The place and every territory above it (cycles allowed)."""
        if place not in above:
            seen, todo = {place}, [place]
            while todo:
                for parent in up.get(todo.pop(), ()):
                    if parent not in seen:
                        seen.add(parent)
                        todo.append(parent)
            above[place] = {n.value for n in seen if isinstance(n, NamedNode)}
        return above[place]

    located: dict[str, set[str]] = {}
    for prop in (ess("locatedIn"), DCTERMS("spatial")):
        for quad in store.quads_for_pattern(None, prop, None, graph):
            subject, place = quad.subject, quad.object
            if isinstance(subject, NamedNode) and isinstance(place, Node):
                located.setdefault(subject.value, set()).update(territories(place))
    found: set[tuple[str, str, str]] = set()
    for class_node in territory_classes(base):
        for quad in store.quads_for_pattern(None, RDF("type"), class_node, graph):
            item = quad.subject
            if isinstance(item, NamedNode) and item.value in located:
                found.update((t, class_node.value, item.value) for t in located[item.value])
    return found


def _write_members(connection: sqlite3.Connection, members: set[tuple[str, str, str]]) -> None:
    """Fill ``territory_items`` (emptied first), giving the IRIs it names a node id."""
    iris = sorted({iri for member in members for iri in member})
    connection.executemany(
        "INSERT INTO list_nodes(iri) VALUES (?) ON CONFLICT(iri) DO NOTHING",
        ((iri,) for iri in iris),
    )
    ids: dict[str, int] = {}
    for start in range(0, len(iris), 500):
        chunk = iris[start : start + 500]
        marks = ", ".join("?" * len(chunk))
        sql = f"SELECT iri, id FROM list_nodes WHERE iri IN ({marks})"  # noqa: S608 (marks)
        ids.update(connection.execute(sql, chunk).fetchall())
    connection.execute("DELETE FROM territory_items")
    connection.executemany(
        "INSERT INTO territory_items VALUES (?, ?, ?)",
        sorted((ids[t], ids[c], ids[i]) for t, c, i in members),
    )


def write(connection: sqlite3.Connection, store: Store, base: str) -> int:
    """Create and fill the tables in a new index; return the number of labels."""
    rows = list_labels(store)
    connection.executescript(CREATE)
    connection.executemany("INSERT INTO list_nodes(iri, label) VALUES (?, ?)", rows)
    connection.executemany(
        "INSERT INTO territory_classes VALUES (?)", [(c.value,) for c in territory_classes(base)]
    )
    _write_members(connection, territory_items(store, base))
    return len(rows)


def refresh(
    connection: sqlite3.Connection, store: Store, base: str, subjects: Iterable[str]
) -> int:
    """Re-read the list labels of ``subjects`` and every location (in the caller's
    transaction); return the number of labels re-read."""
    wanted = sorted(set(subjects))
    connection.executemany(
        "UPDATE list_nodes SET label = NULL WHERE iri = ?", [(i,) for i in wanted]
    )
    rows = list_labels(store, wanted)
    connection.executemany(
        "INSERT INTO list_nodes(iri, label) VALUES (?, ?) "
        "ON CONFLICT(iri) DO UPDATE SET label = excluded.label",
        rows,
    )
    _write_members(connection, territory_items(store, base))
    return len(rows)
