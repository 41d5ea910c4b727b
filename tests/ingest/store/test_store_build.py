"""build_store on small inputs: the store answers SPARQL, the build graph counts origins."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pyoxigraph import Store
from store_test_provider import PROVIDERS

from ess_core.settings import Settings
from ess_core.store_layout import INDEX_FILE_NAME
from ingest.store.build import STAMP_FILE, build_store

DOCUMENTS = """
PREFIX ess: <https://w3id.org/ess-hdf/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?id WHERE { GRAPH <https://w3id.org/ess-hdf/graph/registry> {
  ?doc a ess:SourceDocument ; dcterms:identifier ?id } } ORDER BY ?id
"""
EXPECTED_IDS = [
    "apes-artois",
    "apes-decennie-valenciennois",
    "apes-mel-roubaix",
    "apes-valenciennois-fusee-ess",
    "cavm-pldess-2021-2026",
]


def _ids(store_path: Path) -> list[str]:
    store = Store.read_only(str(store_path))
    return [row["id"].value for row in store.query(DOCUMENTS)]  # type: ignore[union-attr,index]


def test_build_gives_the_five_documents(small_settings: Settings) -> None:
    report = build_store(small_settings, providers=PROVIDERS)
    assert _ids(small_settings.store_path) == EXPECTED_IDS
    assert report.origins["extraction"] == 4
    assert report.origins["registry"] > 5 * 10
    assert (small_settings.store_path / STAMP_FILE).is_file()
    served = small_settings.store_path.resolve()
    assert small_settings.store_path.is_symlink() and served.name.startswith("store.v-")
    assert list(small_settings.store_path.parent.glob("store.*")) == [served]


def test_store_opens_read_only_by_two_readers(small_settings: Settings) -> None:
    build_store(small_settings, providers=PROVIDERS)
    first = Store.read_only(str(small_settings.store_path))
    second = Store.read_only(str(small_settings.store_path))
    assert len(first) == len(second) > 0


def test_build_graph_records_origins_and_inputs(small_settings: Settings) -> None:
    build_store(small_settings, providers=PROVIDERS)
    store = Store.read_only(str(small_settings.store_path))
    rows = list(
        store.query("""
        PREFIX ess: <https://w3id.org/ess-hdf/ontology#>
        PREFIX prov: <http://www.w3.org/ns/prov#>
        PREFIX void: <http://rdfs.org/ns/void#>
        SELECT ?kind ?n WHERE { GRAPH <https://w3id.org/ess-hdf/graph/build> {
          ?build a ess:Build ; prov:startedAtTime ?t ; prov:used ?input ; prov:generated ?d .
          ?d ess:originKind ?kind ; void:triples ?n . FILTER(STRENDS(STR(?d), ?kind)) } }
        GROUP BY ?kind ?n ORDER BY ?kind""")
    )
    counts = {row["kind"].value: int(row["n"].value) for row in rows}  # type: ignore[index,union-attr]
    assert counts["extraction"] == 4
    assert set(counts) == {"extraction", "ontology", "registry"}


def test_other_base_iri_maps_ontology_terms(small_settings: Settings) -> None:
    settings = small_settings.model_copy(update={"base_iri": "http://example.org/kg/"})
    build_store(settings, providers=PROVIDERS)
    store = Store.read_only(str(settings.store_path))
    assert store.query(
        "ASK { GRAPH <http://example.org/kg/graph/ontology> "
        "{ <http://example.org/kg/ontology#SourceDocument> ?p ?o } }"
    )
    assert not store.query("ASK { GRAPH ?g { ?s ?p ?o FILTER(CONTAINS(STR(?s), 'w3id.org')) } }")
    docs = store.query("SELECT ?d WHERE { ?d a <http://example.org/kg/ontology#SourceDocument> }")
    assert len(list(docs)) == 5


@pytest.mark.parametrize("stale_input", ["documents.yaml", "test-records.jsonl"])
def test_if_stale_skips_when_fresh_and_rebuilds_when_touched(
    small_settings: Settings, stale_input: str
) -> None:
    first = build_store(small_settings, providers=PROVIDERS)
    assert not first.skipped
    again = build_store(small_settings, if_stale=True, providers=PROVIDERS)
    assert again.skipped
    stamp = (small_settings.store_path / STAMP_FILE).stat().st_mtime
    touched = small_settings.data_dir / stale_input
    os.utime(touched, (stamp + 5, stamp + 5))
    rebuilt = build_store(small_settings, if_stale=True, providers=PROVIDERS)
    assert not rebuilt.skipped
    assert _ids(small_settings.store_path) == EXPECTED_IDS


def test_if_stale_rebuilds_when_base_iri_changes(small_settings: Settings) -> None:
    build_store(small_settings, providers=PROVIDERS)
    other = small_settings.model_copy(update={"base_iri": "http://example.org/kg/"})
    assert not build_store(other, if_stale=True, providers=PROVIDERS).skipped


def test_store_comes_with_its_search_index(small_settings: Settings) -> None:
    build_store(small_settings, providers=PROVIDERS)
    assert (small_settings.store_path / INDEX_FILE_NAME).is_file()


def test_if_stale_rebuilds_an_unvalidated_store(small_settings: Settings) -> None:
    build_store(small_settings, providers=PROVIDERS, validate=False)
    assert build_store(small_settings, if_stale=True, providers=PROVIDERS, validate=False).skipped
    assert not build_store(small_settings, if_stale=True, providers=PROVIDERS).skipped
