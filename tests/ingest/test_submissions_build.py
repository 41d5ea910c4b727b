"""A rebuild loads the newest kept version of every written graph and its PROV records."""

from __future__ import annotations

from pathlib import Path

from pyoxigraph import Store

from ess_core.dataset_versions import Version, commit, stage
from ess_core.settings import Settings
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
