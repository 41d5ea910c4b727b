"""A build with ``union_default_graph`` stores each quad once (no default graph of its own),
validates and indexes the union of its graphs, and is otherwise the same store."""

from __future__ import annotations

import contextlib
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pyoxigraph import DefaultGraph, Store
from store_test_provider import PROVIDERS, RECORDS, WITH_REFERENCE, write_records

from ess_core.settings import Settings
from ess_core.store_layout import INDEX_FILE_NAME
from graph_service.app import create_app
from ingest.store.build import STAMP_FILE, BuildError, build_store


def _union(settings: Settings, tmp_path: Path) -> Settings:
    return settings.model_copy(
        update={"union_default_graph": True, "store_path": tmp_path / "union" / "store"}
    )


def _named_quads(store: Store, base: str) -> list[str]:
    """The store's named-graph quads, sorted, the build graph left out (it records times)."""
    build = f"<{base}graph/build>"
    return sorted(
        str(q)
        for q in store.quads_for_pattern(None, None, None, None)
        if not isinstance(q.graph_name, DefaultGraph) and str(q.graph_name) != build
    )


def _default_size(store: Store) -> int:
    return sum(1 for _ in store.quads_for_pattern(None, None, None, DefaultGraph()))


def _index_rows(path: Path) -> list[tuple[str, str, str]]:
    """The search index's labelled nodes, the build's own (named by its time) left out."""
    with contextlib.closing(sqlite3.connect(path / INDEX_FILE_NAME)) as db:
        return sorted(db.execute("SELECT iri, kind, label FROM nodes WHERE kind != 'build'"))


def test_union_build_keeps_the_named_graphs_without_their_copy(
    small_settings: Settings, tmp_path: Path
) -> None:
    union = _union(small_settings, tmp_path)
    build_store(small_settings, providers=PROVIDERS)
    build_store(union, providers=PROVIDERS)
    merged_store = Store.read_only(str(small_settings.store_path))
    union_store = Store.read_only(str(union.store_path))
    base = small_settings.base_iri
    assert _default_size(union_store) == 0 < _default_size(merged_store)
    assert _named_quads(union_store, base) == _named_quads(merged_store, base)
    assert _index_rows(union.store_path) == _index_rows(small_settings.store_path)
    stamp = json.loads((union.store_path / STAMP_FILE).read_text("utf-8"))
    assert stamp["stamp"]["default_graph"] == "union"
    assert (
        "default_graph"
        not in json.loads((small_settings.store_path / STAMP_FILE).read_text("utf-8"))["stamp"]
    )


def test_union_build_validates_the_union(small_settings: Settings, tmp_path: Path) -> None:
    union = _union(small_settings, tmp_path)
    write_records(union, [*RECORDS, {"id": "sans-nom"}])
    with pytest.raises(BuildError) as caught:
        build_store(union, providers=PROVIDERS)
    assert "sans-nom" in str(caught.value)


def test_switching_to_the_union_rebuilds(small_settings: Settings, tmp_path: Path) -> None:
    union = _union(small_settings, tmp_path)
    build_store(union, providers=PROVIDERS)
    assert build_store(union, providers=PROVIDERS, if_stale=True).skipped
    merged = union.model_copy(update={"union_default_graph": False})
    assert not build_store(merged, providers=PROVIDERS, if_stale=True).skipped
    assert _default_size(Store.read_only(str(merged.store_path))) > 0


def _get(client: TestClient, path: str, **params: str) -> Any:
    response = client.get(path, params=params, headers={"Accept": "application/json"})
    assert response.status_code == 200, response.text
    return response.json()


def _number(client: TestClient, query: str) -> int:
    body = _get(client, "/sparql", query=query)
    return int(body["results"]["bindings"][0]["n"]["value"])


def test_the_service_answers_the_same_over_a_union_store(
    small_settings: Settings, tmp_path: Path
) -> None:
    union = _union(small_settings, tmp_path)
    build_store(small_settings, providers=PROVIDERS)
    build_store(union, providers=PROVIDERS)
    distinct = "SELECT (COUNT(DISTINCT ?s) AS ?n) { ?s ?p ?o }"
    with (
        TestClient(create_app(small_settings)) as merged,
        TestClient(create_app(union)) as over_union,
    ):
        actors = _get(merged, "/api/actors", limit="100")
        assert actors["total"] > 0 and _get(over_union, "/api/actors", limit="100") == actors
        assert _number(over_union, distinct) == _number(merged, distinct) > 0
        named = "SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }"
        assert _number(over_union, named) == _number(merged, named)


def test_a_union_rebuild_reuses_the_reference_without_a_default_graph(
    small_settings: Settings, tmp_path: Path
) -> None:
    union = _union(small_settings, tmp_path)
    write_records(union, [{"id": "apes", "label": "Apes"}], "test-reference.jsonl")
    build_store(union, providers=WITH_REFERENCE)
    write_records(union, [{"id": "ruche", "label": "La Ruche"}])
    assert build_store(union, providers=WITH_REFERENCE).load_mode == "reused"
    cold = union.model_copy(update={"store_path": tmp_path / "cold" / "store"})
    build_store(cold, providers=WITH_REFERENCE, reuse=False)
    reused_store = Store.read_only(str(union.store_path))
    assert _default_size(reused_store) == 0
    base = union.base_iri
    assert _named_quads(reused_store, base) == _named_quads(
        Store.read_only(str(cold.store_path)), base
    )
