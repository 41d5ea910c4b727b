"""A rebuild that keeps the previous version's reference graphs holds what a cold build holds."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

from pyoxigraph import DefaultGraph, Quad, RdfFormat, Store, serialize
from store_test_provider import WITH_REFERENCE, write_records

from ess_core.settings import Settings
from ess_core.store_layout import INDEX_FILE_NAME
from ingest.rdf.sources import SourceGraph
from ingest.store.build import build_store
from ingest.store.bulk import load_sources
from ingest.store.default_graph import with_default_graph
from ingest.store.sources import collect_sources


def _content(path: Path) -> list[bytes]:
    """Sorted N-Quads of the store at ``path``, the build graph and its triples left out."""
    store = Store.read_only(str(path))
    build = [g for g in store.named_graphs() if g.value.endswith("/graph/build")]
    skip = {q.triple for g in build for q in store.quads_for_pattern(None, None, None, g)}
    kept = [
        q
        for q in store
        if q.graph_name not in build and not (q.graph_name == DefaultGraph() and q.triple in skip)
    ]
    return sorted((serialize(kept, format=RdfFormat.N_QUADS) or b"").splitlines())


def _cold(settings: Settings, folder: Path) -> list[bytes]:
    cold = settings.model_copy(update={"store_path": folder / "store"})
    report = build_store(cold, providers=WITH_REFERENCE, reuse=False)
    assert report.load_mode == "cold"
    return _content(cold.store_path)


def test_rebuild_reuses_reference_and_equals_a_cold_build(
    small_settings: Settings, tmp_path: Path
) -> None:
    # "apes" is stated by the reference and by the records: it stays in the default graph
    write_records(small_settings, [{"id": "apes", "label": "Apes"}], "test-reference.jsonl")
    first = build_store(small_settings, providers=WITH_REFERENCE)
    assert first.load_mode == "cold"
    write_records(
        small_settings, [{"id": "apes", "label": "Apes"}, {"id": "ruche", "label": "La Ruche"}]
    )
    again = build_store(small_settings, providers=WITH_REFERENCE)
    assert again.load_mode == "reused" and again.validation_mode == "incremental"
    reused = _content(small_settings.store_path)
    assert reused == _cold(small_settings, tmp_path / "cold")
    assert not any(b"garage-solidaire" in line for line in reused)  # dropped with its graph


def test_changed_reference_is_loaded_again(small_settings: Settings, tmp_path: Path) -> None:
    write_records(small_settings, [{"id": "apes", "label": "Apes"}], "test-reference.jsonl")
    build_store(small_settings, providers=WITH_REFERENCE)
    write_records(small_settings, [{"id": "ruche", "label": "La Ruche"}], "test-reference.jsonl")
    again = build_store(small_settings, providers=WITH_REFERENCE)
    assert again.load_mode == "cold"
    assert _content(small_settings.store_path) == _cold(small_settings, tmp_path / "cold")


def test_bulk_load_equals_quad_by_quad_load(small_settings: Settings, tmp_path: Path) -> None:
    write_records(small_settings, [{"id": "apes", "label": "Apes"}], "test-reference.jsonl")
    sources: list[SourceGraph] = collect_sources(small_settings, WITH_REFERENCE)[0]
    bulk, former = Store(str(tmp_path / "bulk")), Store(str(tmp_path / "former"))
    load_sources(bulk, sources)
    quads: list[Quad] = [q for s in sources for q in s.quads()]
    former.bulk_extend(with_default_graph(quads))
    assert sorted(map(str, bulk)) == sorted(map(str, former))
    assert len(list(bulk.quads_for_pattern(None, None, None, DefaultGraph()))) > 0


def _index_rows(path: Path) -> list[tuple[object, ...]]:
    with contextlib.closing(sqlite3.connect(path / INDEX_FILE_NAME)) as db:
        # the full-text table agrees with its content table, row by row (rank 1)
        db.execute("INSERT INTO entries_fts(entries_fts, rank) VALUES ('integrity-check', 1)")
        entries = db.execute(
            "SELECT iri, label, property, preference, folded, acronym FROM entries ORDER BY 1, 2, 3"
        ).fetchall()
        rows = entries + db.execute("SELECT * FROM nodes ORDER BY 1").fetchall()
    return [row for row in rows if "/id/build/" not in str(row[0])]  # the build's own node


def test_a_reused_version_keeps_the_search_index_up_to_date(
    small_settings: Settings, tmp_path: Path
) -> None:
    write_records(small_settings, [{"id": "apes", "label": "Apes"}], "test-reference.jsonl")
    build_store(small_settings, providers=WITH_REFERENCE)
    write_records(small_settings, [{"id": "ruche", "label": "La Ruche"}])
    again = build_store(small_settings, providers=WITH_REFERENCE)
    assert again.load_mode == "reused"
    labels = [row[1] for row in _index_rows(small_settings.store_path)]
    assert "La Ruche" in labels and "Garage solidaire" not in labels
    cold = small_settings.model_copy(update={"store_path": tmp_path / "cold" / "store"})
    build_store(cold, providers=WITH_REFERENCE, reuse=False)
    assert _index_rows(small_settings.store_path) == _index_rows(cold.store_path)
