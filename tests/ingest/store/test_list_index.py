"""The tables the build writes for the REST lists give what the lists' queries would: each
subject's label, and the items of each territory."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad, Store

from graph_service.api.client import prologue
from graph_service.api.listing import LOCATED_IN
from graph_service.api.resource_description import LABEL_IRIS, label_of
from ingest.store.label_index import index_labels, refresh_labels
from ingest.store.list_index import (
    LIST_LABEL_PROPERTIES,
    list_labels,
    territory_classes,
    territory_items,
)

BASE = "https://example.org/ess/"
PROPERTIES = [p.value for p in LIST_LABEL_PROPERTIES] + [
    "http://www.w3.org/2004/02/skos/core#altLabel"
]
# Every label the query can give an item: SAMPLE takes any one of them.
CHOICES = prologue(BASE) + (
    "SELECT DISTINCT ?item ?item_label WHERE { "
    "{ SELECT DISTINCT ?item WHERE { ?item ?p ?o } } " + label_of("item") + " }"
)


def test_the_same_label_properties_in_the_same_order() -> None:
    assert tuple(p.value for p in LIST_LABEL_PROPERTIES) == LABEL_IRIS


LABELS = st.lists(
    st.tuples(
        st.integers(0, 4),  # subject
        st.sampled_from(PROPERTIES),
        st.text(alphabet="aBéÉ z", min_size=1, max_size=5),
        st.sampled_from([None, "fr", "FR-be", "en", "de"]),
    ),
    max_size=14,
)


@settings(max_examples=60, deadline=None)
@given(labels=LABELS)
def test_the_smallest_label_the_query_can_give(
    labels: list[tuple[int, str, str, str | None]],
) -> None:
    store = Store()
    for subject, prop, text, language in labels:
        node = NamedNode(f"{BASE}id/organisation/o{subject}")
        store.add(Quad(node, NamedNode(prop), Literal(text, language=language), DefaultGraph()))
    choices: dict[str, set[str]] = {}
    for row in store.query(CHOICES):  # type: ignore[union-attr]
        item, label = row["item"], row["item_label"]
        if label is not None:
            choices.setdefault(item.value, set()).add(label.value)
    expected = sorted((item, min(found)) for item, found in choices.items())
    assert list_labels(store) == expected
    subset = sorted(choices)[:1]
    assert list_labels(store, subset) == [row for row in expected if row[0] in subset]


IGEO = "http://rdf.insee.fr/def/geo#"
DCT = "http://purl.org/dc/terms/"
RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
# What the list's territory filter finds (graph_service.api.listing.LOCATED_IN), for every
# territory at once (the zero-length path binds every node of the store).
MEMBERS = prologue(BASE) + (
    "SELECT DISTINCT ?territory ?class ?item WHERE { "
    f"{LOCATED_IN} "
    "?item a ?class FILTER(isIRI(?territory) && isIRI(?item) && isIRI(?class)) }"
)
PLACES = st.integers(0, 5)
GEOGRAPHY = st.lists(
    st.tuples(PLACES, st.sampled_from([f"{IGEO}subdivisionDirecteDe", f"{DCT}hasPart"]), PLACES),
    max_size=8,
)
LOCATIONS = st.lists(
    st.tuples(
        st.integers(0, 3),  # item
        st.sampled_from([f"{BASE}ontology#locatedIn", f"{DCT}spatial"]),
        PLACES,
        st.sampled_from(
            [
                "http://www.w3.org/ns/org#Organization",
                f"{BASE}ontology#Event",
                "http://www.w3.org/ns/org#Site",  # not a list's: not written
            ]
        ),
    ),
    max_size=6,
)


def _place(number: int) -> NamedNode:
    return NamedNode(f"{BASE}id/commune/5900{number}")


def _located(
    geography: list[tuple[int, str, int]], locations: list[tuple[int, str, int, str]]
) -> Store:
    store = Store()
    for place, link, other in geography:
        store.add(Quad(_place(place), NamedNode(link), _place(other), DefaultGraph()))
    for item, link, place, kind in locations:
        node = NamedNode(f"{BASE}id/organisation/o{item}")
        store.add(Quad(node, NamedNode(link), _place(place), DefaultGraph()))
        store.add(Quad(node, RDF_TYPE, NamedNode(kind), DefaultGraph()))
    return store


@settings(max_examples=60, deadline=None)
@given(geography=GEOGRAPHY, locations=LOCATIONS)
def test_the_items_of_a_territory_are_the_filter_s(
    geography: list[tuple[int, str, int]], locations: list[tuple[int, str, int, str]]
) -> None:
    store = _located(geography, locations)
    covered = {c.value for c in territory_classes(BASE)}
    expected = {
        (row["territory"].value, row["class"].value, row["item"].value)  # type: ignore[index]
        for row in store.query(MEMBERS)  # type: ignore[union-attr]
        if row["class"].value in covered  # type: ignore[index]
    }
    assert territory_items(store, BASE) == expected


def test_a_refresh_moves_an_item_to_its_new_territories(tmp_path: Path) -> None:
    geography = [(0, f"{IGEO}subdivisionDirecteDe", 1), (2, f"{IGEO}subdivisionDirecteDe", 3)]
    before = _located(geography, [(0, f"{BASE}ontology#locatedIn", 0, f"{BASE}ontology#Event")])
    after = _located(geography, [(0, f"{BASE}ontology#locatedIn", 2, f"{BASE}ontology#Event")])
    index_labels(before, tmp_path / "refreshed.sqlite", BASE)
    refresh_labels(after, tmp_path / "refreshed.sqlite", BASE, [])
    index_labels(after, tmp_path / "rebuilt.sqlite", BASE)
    members = (
        "SELECT t.iri, c.iri, i.iri FROM territory_items m JOIN list_nodes t ON t.id = m.territory "
        "JOIN list_nodes c ON c.id = m.class JOIN list_nodes i ON i.id = m.item ORDER BY 1, 2, 3"
    )
    found = []
    for name in ("refreshed", "rebuilt"):
        with sqlite3.connect(tmp_path / f"{name}.sqlite") as db:
            found.append(db.execute(members).fetchall())
    assert found[0] == found[1]
    assert {row[0] for row in found[0]} == {_place(2).value, _place(3).value}


def test_every_list_filtered_by_territory_has_its_class_written() -> None:
    """The lists whose territory filter is LOCATED_IN read their items from the table: it
    must hold their class (else they fall back to SPARQL, slow at scale)."""
    from graph_service.api import actors, events, plans
    from graph_service.api.listing import _class_of

    base = "https://w3id.org/ess-hdf/"
    covered = {c.value for c in territory_classes(base)}
    for module in (actors, events, plans):
        territory = next(p for p in module.FILTERS.params if p.name == "territory")
        assert territory.pattern == LOCATED_IN, module.__name__
        assert _class_of(module.SELECTION, base) in covered, module.__name__
