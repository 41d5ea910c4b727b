"""A rebuild loads the newest kept version of every written graph and its PROV records."""

from __future__ import annotations

from pathlib import Path

from pyoxigraph import Store

from ess_core.dataset_versions import Version, commit, mark_pending, settle, stage, versions
from ess_core.settings import Settings
from ess_core.store_versions import served
from ingest.store.build import build_store

GRAPH = "https://w3id.org/ess-hdf/graph/dataset/observatoire"


def test_build_keeps_the_newest_submission(tmp_path: Path) -> None:
    folder = tmp_path / "submissions" / "observatoire"
    for number, content in ((1, {'<urn:a> <urn:p> "1" .'}), (2, {'<urn:b> <urn:p> "2" .'})):
        record = Version(GRAPH, number, "2026-01-01T00:00:00+00:00", "cress", "PUT", "f", 1, 0, 1)
        commit(stage(folder, GRAPH, content, record))
    settings = Settings(
        store_path=tmp_path / "var" / "store",
        submissions_dir=tmp_path / "submissions",
        _env_file=None,
    )
    build_store(settings, validate=False, providers=("ingest.rdf.submissions:source_graphs",))
    store = Store.read_only(str(settings.store_path))
    assert store.query(f'ASK {{ GRAPH <{GRAPH}> {{ <urn:b> <urn:p> "2" }} }}')
    assert not store.query("ASK { <urn:a> ?p ?o }")
    prov = "ASK { ?a <http://www.w3.org/ns/prov#wasAssociatedWith> ?agent ; "
    assert store.query(prov + f"<http://www.w3.org/ns/prov#generated> <{GRAPH}> }}")


def test_a_write_stopped_after_its_swap_is_settled_by_the_next_build(tmp_path: Path) -> None:
    settings = Settings(
        store_path=tmp_path / "var" / "store",
        submissions_dir=tmp_path / "submissions",
        _env_file=None,
    )
    providers = ("ingest.rdf.submissions:source_graphs",)
    build_store(settings, validate=False, providers=providers)
    # the state a writer killed between its swap and its renames leaves: the served version
    # names a staged record that was never renamed into place
    record = Version(GRAPH, 1, "2026-01-01T00:00:00+00:00", "cress", "PUT", "f", 1, 0, 1)
    staged = stage(
        tmp_path / "submissions" / "observatoire", GRAPH, {'<urn:c> <urn:p> "3" .'}, record
    )
    mark_pending(served(settings.store_path), [staged])  # type: ignore[arg-type]
    assert versions(tmp_path / "submissions" / "observatoire") == []
    build_store(settings, validate=False, providers=providers)
    assert [v.version for v in versions(tmp_path / "submissions" / "observatoire")] == [1]
    store = Store.read_only(str(settings.store_path))
    assert store.query(f'ASK {{ GRAPH <{GRAPH}> {{ <urn:c> <urn:p> "3" }} }}')


def test_staged_records_of_a_version_never_served_stay_uncommitted(tmp_path: Path) -> None:
    record = Version(GRAPH, 1, "2026-01-01T00:00:00+00:00", "cress", "PUT", "f", 1, 0, 1)
    stage(tmp_path / "observatoire", GRAPH, {'<urn:c> <urn:p> "3" .'}, record)
    assert settle(None) == [] and settle(tmp_path) == []
    assert versions(tmp_path / "observatoire") == []
