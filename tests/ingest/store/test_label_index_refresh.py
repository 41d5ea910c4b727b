"""A write re-indexes only the labels it changed; the result equals a full rebuild."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad, Store

from graph_service.label_search import search
from ingest.store.label_index import index_labels, refresh_labels

BASE = "https://example.org/ess/"
LABEL = NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel")
ALT = NamedNode("http://www.w3.org/2004/02/skos/core#altLabel")


def _org(slug: str) -> NamedNode:
    return NamedNode(f"{BASE}id/organisation/{slug}")


def _rows(path: Path) -> tuple[list[tuple[str, ...]], ...]:
    with sqlite3.connect(path) as db:
        # the full-text table agrees with its content table, row by row (rank 1)
        db.execute("INSERT INTO entries_fts(entries_fts, rank) VALUES ('integrity-check', 1)")
        entries = db.execute(
            "SELECT iri, label, property, preference, folded, acronym FROM entries ORDER BY 1, 2, 3"
        ).fetchall()
        nodes = db.execute("SELECT * FROM nodes ORDER BY 1").fetchall()
        listed = db.execute(
            "SELECT iri, label FROM list_nodes WHERE label IS NOT NULL ORDER BY 1"
        ).fetchall()
    return entries, nodes, listed


def _store(path: Path, labels: dict[str, list[str]]) -> Store:
    store = Store(str(path))
    for slug, names in labels.items():
        for i, name in enumerate(names):
            store.add(Quad(_org(slug), LABEL if i == 0 else ALT, Literal(name), DefaultGraph()))
    return store


def test_a_relabelled_and_a_new_organisation_are_found(tmp_path: Path) -> None:
    store = _store(tmp_path / "store", {"ancienne": ["Atelier Ancien"], "autre": ["Autre Chose"]})
    index = tmp_path / "search.sqlite"
    index_labels(store, index, BASE)
    store.remove(Quad(_org("ancienne"), LABEL, Literal("Atelier Ancien"), DefaultGraph()))
    store.add(Quad(_org("ancienne"), LABEL, Literal("Atelier Renommé"), DefaultGraph()))
    store.add(Quad(_org("nouvelle"), LABEL, Literal("Coopérative Nouvelle"), DefaultGraph()))
    assert refresh_labels(store, index, BASE, [_org("ancienne").value, _org("nouvelle").value])
    assert [h.iri for h in search(index, "renomme")] == [_org("ancienne").value]
    assert search(index, "atelier ancien") == []
    assert [h.iri for h in search(index, "cooperative nouvelle")] == [_org("nouvelle").value]
    assert [h.iri for h in search(index, "autre chose")] == [_org("autre").value]


def test_without_an_index_the_whole_index_is_written(tmp_path: Path) -> None:
    store = _store(tmp_path / "store", {"a": ["Association Alpha"]})
    index = tmp_path / "search.sqlite"
    assert refresh_labels(store, index, BASE, []) == 1
    assert [h.iri for h in search(index, "alpha")] == [_org("a").value]


NAMES = st.lists(
    st.text(alphabet="abcdeé -'ABC", min_size=1, max_size=12).filter(str.strip),
    min_size=1,
    max_size=3,
)


@settings(max_examples=25, deadline=None)
@given(
    before=st.dictionaries(st.sampled_from("abcd"), NAMES, max_size=4),
    after=st.dictionaries(st.sampled_from("abcd"), NAMES, max_size=4),
)
def test_a_refresh_equals_a_rebuild(
    tmp_path_factory: object, before: dict[str, list[str]], after: dict[str, list[str]]
) -> None:
    root = Path(
        tmp_path_factory.mktemp("refresh")  # type: ignore[attr-defined]
    )
    old = _store(root / "old", before)
    index_labels(old, root / "refreshed.sqlite", BASE)
    del old
    shutil.rmtree(root / "old")
    new = _store(root / "new", after)
    refresh_labels(new, root / "refreshed.sqlite", BASE, [_org(s).value for s in "abcd"])
    index_labels(new, root / "rebuilt.sqlite", BASE)
    assert _rows(root / "refreshed.sqlite") == _rows(root / "rebuilt.sqlite")
