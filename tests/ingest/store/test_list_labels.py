"""The list label the build writes for each subject is the label the list query would give."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad, Store

from graph_service.api.client import prologue
from graph_service.api.resource_description import LABEL_IRIS, label_of
from ingest.store.list_labels import LIST_LABEL_PROPERTIES, list_labels

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
