"""Imported registers end to end: import the SIRENE, RNA and figures samples into a copy of the
repository's data, build (SHACL-validated), and read the identifiers over SPARQL, REST and the
pages of organisations the documents name."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from fastapi.testclient import TestClient

from ess_core.settings import Settings
from graph_service.app import create_app
from ingest.datasets.importer import import_file
from ingest.store.build import build_store
from ingest.store.sources import collect_sources

REPO = Path(__file__).resolve().parents[3]
FIXTURES = REPO / "tests" / "ingest" / "datasets" / "fixtures"
BASE = "https://w3id.org/ess-hdf/"
SANDBOX = "Q4115189"  # Wikidata's sandbox item: a test value, never a real organisation's id


@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    root = tmp_path_factory.mktemp("imported")
    shutil.copytree(REPO / "data", root / "data")
    entities = root / "data" / "curation" / "entities.yaml"
    curation = yaml.safe_load(entities.read_text("utf-8"))
    for entity in curation["entities"]:
        if entity["canonical"] == "Maison du Vélo":
            entity["identifiers"] = {"wikidata": SANDBOX}
    entities.write_text(yaml.safe_dump(curation, allow_unicode=True), "utf-8")
    settings = Settings(
        data_dir=root / "data",
        ontology_dir=REPO / "ontology",
        queries_dir=REPO / "queries",
        store_path=root / "store",
        _env_file=None,
    )
    import_file(
        settings,
        "sirene",
        FIXTURES / "StockEtablissement_sample.csv",
        units=FIXTURES / "StockUniteLegale_sample.csv",
    )
    import_file(settings, "rna", FIXTURES / "rna_waldec_sample.csv")
    import_file(settings, "figures", FIXTURES / "figures_sample.csv", name="observatoire")
    build_store(settings)  # validated: the imported graphs pass the shapes
    return settings


@pytest.fixture(scope="module")
def client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def _select(client: TestClient, query: str) -> list[dict[str, str]]:
    response = client.get(
        "/sparql", params={"query": query}, headers={"Accept": "application/sparql-results+json"}
    )
    assert response.status_code == 200, response.text
    return [{k: v["value"] for k, v in b.items()} for b in response.json()["results"]["bindings"]]


def test_every_dataset_is_a_source_of_the_build(settings: Settings) -> None:
    sources, _ = collect_sources(settings)
    graphs = {s.graph for s in sources if s.origin_kind == "dataset"}
    assert graphs == {f"{BASE}graph/dataset/{n}" for n in ("sirene", "rna", "observatoire")}


def test_identifiers_in_sparql_in_the_dataset_graph(client: TestClient) -> None:
    rows = _select(
        client,
        f"""
      PREFIX adms: <http://www.w3.org/ns/adms#>
      PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
      PREFIX rov: <http://www.w3.org/ns/regorg#>
      SELECT ?g ?notation WHERE {{ GRAPH ?g {{
        <{BASE}id/organisation/maison-du-velo> rov:registration ?id .
        ?id a adms:Identifier ; skos:notation ?notation }} }}""",
    )
    assert rows == [{"g": f"{BASE}graph/dataset/sirene", "notation": "900000001"}]


def test_geometry_in_wgs84(client: TestClient) -> None:
    rows = _select(
        client,
        f"""
      PREFIX geo: <http://www.opengis.net/ont/geosparql#>
      PREFIX org: <http://www.w3.org/ns/org#>
      SELECT ?wkt WHERE {{ <{BASE}id/organisation/maison-du-velo> org:hasSite ?site .
        ?site geo:hasGeometry/geo:asWKT ?wkt }}""",
    )
    assert len(rows) == 1 and rows[0]["wkt"].startswith("POINT(3.")


def test_match_evidence(client: TestClient) -> None:
    rows = _select(
        client,
        f"""
      PREFIX ess: <{BASE}ontology#>
      SELECT ?score ?reg ?doc WHERE {{ ?m ess:matchedOrganisation
        <{BASE}id/organisation/espoir-avenir> ; ess:matchScore ?score ;
        ess:registerName ?reg ; ess:documentName ?doc }}""",
    )
    assert len(rows) == 1 and float(rows[0]["score"]) >= 90


def test_figures_are_observations(client: TestClient) -> None:
    rows = _select(
        client,
        f"""
      PREFIX qb: <http://purl.org/linked-data/cube#>
      PREFIX ess: <{BASE}ontology#>
      SELECT ?v WHERE {{ ?o qb:dataSet <{BASE}id/dataset/observatoire> ;
        qb:measureType ess:essJobs ; ess:essJobs ?v }}""",
    )
    assert rows == [{"v": "123456"}]


def test_rest_actor_lists_its_identifiers(client: TestClient) -> None:
    body = client.get("/api/actors/maison-du-velo").json()
    found = {(i["scheme"], i["value"]): i for i in body["identifiers"]}
    assert found[("siren", "900000001")]["agency"].startswith("INSEE")
    assert found[("siren", "900000001")]["id"] == f"{BASE}id/identifier/siren-900000001"
    assert ("siret", "90000000100012") in found
    assert ("wikidata", SANDBOX) in found
    rna = {
        (i["scheme"], i["value"])
        for i in client.get("/api/actors/espoir-avenir").json()["identifiers"]
    }
    assert ("rna", "W595000001") in rna


def test_page_shows_the_identifiers(client: TestClient) -> None:
    page = client.get("/page/organisation/maison-du-velo", headers={"Accept": "text/html"})
    assert page.status_code == 200
    assert "SIREN 900000001" in page.text and "900000001" in page.text
    assert f"http://www.wikidata.org/entity/{SANDBOX}" in page.text


def test_an_unmatched_unit_is_its_own_organisation(client: TestClient) -> None:
    body = client.get("/api/actors/siren-900000003").json()
    assert body["label"] == "LES JARDINS DE L'INVENTION"
