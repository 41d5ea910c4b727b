"""A unit found in both the SIRENE and the RNA imports, matched to no document, is one
organisation: keyed by its SIREN in both, named once (SIRENE's name), the RNA title an
alternative label."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, Quad

from ess_core.settings import Settings
from ingest.datasets.importer import import_file
from ingest.rdf.datasets import source_graphs

REPO = Path(__file__).resolve().parents[3]
SKOS = "http://www.w3.org/2004/02/skos/core#"
ORG = "https://w3id.org/ess-hdf/id/organisation/siren-900000007"
UNIT = "900000007,O,2012-04-02,,ATELIER DES TILLEULS INVENTES,9220,88.99B,A,O,W595000017\n"
SITE = "900000007,00015,90000000700015,O,2012-04-02,true,,,88.99B,59606,A,,\n"
RNA = (
    "W595000017;;90000000700015;;59S;2012-04-02;2020-01-15;2012-05-01;;D;S;"
    "LES TILLEULS INVENTES;;Objet inventé pour les tests;017025;;;;;;;;59606;59300;"
    "VALENCIENNES;FRANCE;;;;;A;2023-01-01 00:00:00\n"
)


def _with(source: Path, target: Path, line: str) -> Path:
    target.write_text(source.read_text("utf-8") + line, "utf-8")
    return target


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    shutil.copytree(REPO / "data", tmp_path / "data")
    shutil.rmtree(tmp_path / "data" / "datasets", ignore_errors=True)
    return Settings(
        data_dir=tmp_path / "data",
        ontology_dir=REPO / "ontology",
        store_path=tmp_path / "store",
        submissions_dir=tmp_path / "submissions",
        _env_file=None,
    )


def test_one_organisation_for_a_unit_of_both_registers(
    settings: Settings, fixtures: Path, tmp_path: Path
) -> None:
    import_file(
        settings,
        "sirene",
        _with(fixtures / "StockEtablissement_sample.csv", tmp_path / "etab.csv", SITE),
        units=_with(fixtures / "StockUniteLegale_sample.csv", tmp_path / "units.csv", UNIT),
    )
    import_file(
        settings, "rna", _with(fixtures / "rna_waldec_sample.csv", tmp_path / "rna.csv", RNA)
    )
    quads: list[Quad] = [q for source in source_graphs(settings) for q in source.quads()]
    about = [q for q in quads if q.subject == NamedNode(ORG)]
    names = {q.object for q in about if q.predicate == NamedNode(SKOS + "prefLabel")}
    assert names == {Literal("ATELIER DES TILLEULS INVENTES", language="fr")}
    alt = {q.object.value for q in about if q.predicate == NamedNode(SKOS + "altLabel")}
    assert "LES TILLEULS INVENTES" in alt
    legal = [q for q in about if q.predicate.value.endswith("legalName")]
    assert len({q.object for q in legal}) == 1
    assert {q.graph_name.value.rsplit("/", 1)[1] for q in about} == {"sirene", "rna"}
    assert not [q for q in quads if q.subject.value.endswith("rna-w595000017")]
