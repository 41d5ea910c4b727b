"""A publisher named by an alias or acronym is the organisation that exists: one label."""

from __future__ import annotations

import shutil
from pathlib import Path

from pyoxigraph import Store

from ess_core.settings import Settings
from ingest.rdf.publisher import Publisher, PublisherIndex
from ingest.store.build import build_store

REPO = Path(__file__).resolve().parents[3]
PROVIDERS = (
    "ingest.rdf.ontology:source_graphs",
    "ingest.rdf.documents:source_graphs",
    "ingest.rdf.curation:source_graphs",
)


def _index() -> PublisherIndex:
    index = PublisherIndex()
    index.add(
        ["Solidarités Ardentes", "SOLAR", "Réseau Solar"],
        Publisher("solidarites-ardentes", "Solidarités Ardentes"),
    )
    return index


def test_name_alias_and_acronym_resolve_whatever_the_case_and_accents() -> None:
    index = _index()
    for name in ("Solidarités Ardentes", "solidarites ardentes", "SOLAR", "Solar", "réseau SOLAR"):
        assert index.resolve(name) == Publisher("solidarites-ardentes", "Solidarités Ardentes")


def test_unknown_publisher_is_its_own_node() -> None:
    assert _index().resolve("Journal du Val") == Publisher("journal-du-val", "Journal du Val")


def test_curated_alias_gives_the_canonical_label_in_a_valid_build(tmp_path: Path) -> None:
    data, ontology = tmp_path / "data", tmp_path / "ontology"
    data.mkdir()
    shutil.copytree(REPO / "data" / "curation", data / "curation")
    shutil.copytree(REPO / "ontology", ontology)
    registry = (REPO / "data" / "documents.yaml").read_text("utf-8")
    (data / "documents.yaml").write_text(
        registry.replace("publisher: Apes", "publisher: APES"), "utf-8"
    )
    settings = Settings(data_dir=data, ontology_dir=ontology, store_path=tmp_path / "store")
    assert PublisherIndex.from_settings(settings).resolve("APES") == Publisher("apes", "Apes")
    build_store(settings, providers=PROVIDERS)
    store = Store.read_only(str(settings.store_path))
    labels = [
        r[0].value
        for r in store.query(  # type: ignore[union-attr]
            "SELECT DISTINCT ?l WHERE { <https://w3id.org/ess-hdf/id/organisation/apes> "
            "<http://www.w3.org/2004/02/skos/core#prefLabel> ?l }"
        )
    ]
    assert labels == ["Apes"]
