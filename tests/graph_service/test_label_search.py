"""The search reads only the best matches of each kind: a short search is the head of the long
one, the count agrees with it, and a swapped index file is read anew."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad, Store

from graph_service.label_search import MAX_HITS, count, search
from ingest.store.label_index import index_labels, refresh_labels

BASE = "https://example.org/ess/"
PREF = NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel")
ALT = NamedNode("http://www.w3.org/2004/02/skos/core#altLabel")
SYLLABLES = ("ba", "ti", "ro", "bati", "tiro")


def _node(kind: str, slug: str) -> NamedNode:
    return NamedNode(f"{BASE}id/{kind}/{slug}")


def _index(tmp_path: Path, labels: list[tuple[NamedNode, NamedNode, str]]) -> Path:
    store = Store()
    for node, prop, label in labels:
        store.add(Quad(node, prop, Literal(label), DefaultGraph()))
    path = tmp_path / "search.sqlite"
    index_labels(store, path, BASE)
    return path


@pytest.fixture(scope="module")
def crowded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """1,500 labels of a few syllables (so one query matches hundreds of them, in every kind
    of match), some with an alias, of two kinds."""
    labels = []
    for i in range(1500):
        words = [SYLLABLES[(i // 5**k) % 5] for k in range(1 + i % 4)]
        kind = "organisation" if i % 3 else "person"
        labels.append((_node(kind, f"n{i}"), PREF, " ".join(words).title()))
        if i % 7 == 0:
            labels.append((_node(kind, f"n{i}"), ALT, f"{words[-1]} alias {i}"))
    return _index(tmp_path_factory.mktemp("crowded"), labels)


QUERIES = ("ba", "ti", "ba ti", "bati", "ro ba", "tir", "alias", "b", "ba ti ro", "btr")


@pytest.mark.parametrize("query", QUERIES)
@pytest.mark.parametrize("kinds", [None, ["person"], ["organisation", "person"]])
def test_a_short_search_is_the_head_of_the_long_one(
    crowded: Path, query: str, kinds: list[str] | None
) -> None:
    everything = search(crowded, query, kinds)
    assert len({hit.iri for hit in everything}) == len(everything)
    for limit in (1, 3, 20, 150):
        assert search(crowded, query, kinds, limit=limit) == everything[:limit]
    assert count(crowded, query, kinds) == len(everything)
    if kinds:
        assert {hit.kind for hit in everything} <= set(kinds)


def test_hits_rank_by_kind_of_match_then_preference_then_length(crowded: Path) -> None:
    found = search(crowded, "ba ti")
    keys = [
        (["exact", "acronym", "prefix", "words"].index(hit.match), hit.property == ALT.value)
        for hit in found
    ]
    assert keys == sorted(keys)
    prefixes = [hit for hit in found if hit.match == "prefix" and hit.property == PREF.value]
    lengths = [len(hit.matched) for hit in prefixes]
    assert lengths == sorted(lengths) and len(prefixes) > 20


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    names=st.lists(st.lists(st.sampled_from(SYLLABLES), min_size=1, max_size=3), max_size=40),
    query=st.lists(st.sampled_from([*SYLLABLES, "b", "t"]), min_size=1, max_size=2),
    limit=st.integers(1, 12),
)
def test_any_limit_gives_the_first_hits(
    tmp_path: Path, names: list[list[str]], query: list[str], limit: int
) -> None:
    path = _index(
        tmp_path, [(_node("organisation", f"o{i}"), PREF, " ".join(n)) for i, n in enumerate(names)]
    )
    everything = search(path, " ".join(query))
    assert search(path, " ".join(query), limit=limit) == everything[:limit]
    assert count(path, " ".join(query)) == len(everything)


def test_the_count_stops_at_the_cap(tmp_path: Path) -> None:
    path = _index(
        tmp_path,
        [(_node("organisation", f"o{i}"), PREF, f"Atelier {i}") for i in range(MAX_HITS + 50)],
    )
    assert count(path, "atelier") == MAX_HITS
    assert len(search(path, "atelier")) == MAX_HITS
    assert [hit.matched for hit in search(path, "atelier", limit=3)] == [
        "Atelier 0",
        "Atelier 1",
        "Atelier 2",
    ]


def test_a_refreshed_label_ranks_by_its_length_among_the_others(tmp_path: Path) -> None:
    """Refreshed entries are numbered after the others within their band (preference,
    length): a short new label still comes before longer old ones."""
    store = Store(str(tmp_path / "store"))
    for i in range(30):
        store.add(Quad(_node("organisation", f"o{i}"), PREF, Literal(f"Garage numero {i}")))
    index = tmp_path / "search.sqlite"
    index_labels(store, index, BASE)
    store.add(Quad(_node("organisation", "new"), PREF, Literal("Garage nord")))
    refresh_labels(store, index, BASE, [_node("organisation", "new").value])
    found = search(index, "garage", limit=2)
    assert [hit.matched for hit in found] == ["Garage nord", "Garage numero 0"]


def test_an_index_swapped_in_is_read_anew(tmp_path: Path) -> None:
    (tmp_path / "old").mkdir()
    (tmp_path / "new").mkdir()
    old = _index(tmp_path / "old", [(_node("organisation", "a"), PREF, "Ancienne")])
    new = _index(tmp_path / "new", [(_node("organisation", "b"), PREF, "Nouvelle")])
    live = tmp_path / "search.sqlite"
    os.link(old, live)
    assert [hit.matched for hit in search(live, "ancienne")] == ["Ancienne"]
    os.replace(new, live)
    assert search(live, "ancienne") == []
    assert [hit.matched for hit in search(live, "nouvelle")] == ["Nouvelle"]
