"""Property tests where input is text: terms round-trip, search never breaks and finds labels."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from api_fixtures import ID
from hypothesis import given, settings
from hypothesis import strategies as st
from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, Store, parse

from ess_core.errors import InvalidParameter
from ess_core.settings import Settings
from ess_core.store_layout import fold_label
from graph_service.api import terms
from graph_service.label_search import search
from ingest.store.label_index import build_search_index

TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=60)


def _object(term: str) -> object:
    [triple] = parse(f"<urn:s> <urn:p> {term} .".encode(), format=RdfFormat.N_TRIPLES)
    return triple.object


@given(TEXT)
def test_literals_round_trip(value: str) -> None:
    assert _object(terms.literal(value)) == Literal(value)
    assert _object(terms.typed(value, "string")) == Literal(value)


@given(st.text(max_size=40))
def test_iris_are_checked_not_escaped(value: str) -> None:
    try:
        term = terms.iri(value)
    except InvalidParameter:
        return
    assert _object(term) == NamedNode(value)


@pytest.mark.parametrize(
    "bad", ["a b", "<x>", 'http://x/"', "http://x/{y}", "relative/path", "A:\ufff0", "a:b#c#d"]
)
def test_bad_iris_are_422(bad: str) -> None:
    with pytest.raises(InvalidParameter):
        terms.iri(bad, "epci")


@settings(max_examples=60, deadline=None)
@given(st.lists(TEXT.filter(lambda t: fold_label(t) != ""), min_size=1, max_size=5), TEXT)
def test_search_finds_every_label_and_never_breaks(labels: list[str], query: str) -> None:
    store = Store()
    pref = NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel")
    for i, label in enumerate(labels):
        store.add(Quad(NamedNode(f"{ID}organisation/n{i}"), pref, Literal(label)))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "search.sqlite"
        build_search_index(store, path, Settings(_env_file=None))  # type: ignore[call-arg]
        search(path, query)
        for i, label in enumerate(labels):
            if label.strip():
                hits = search(path, label)
                assert hits and hits[0].match == "exact"
                assert f"{ID}organisation/n{i}" in {h.iri for h in hits if h.match == "exact"}
