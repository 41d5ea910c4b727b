"""``import_file``: filter, join, match, write the dataset folder; bad input → file:line."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
import yaml

from ess_core.settings import Settings
from ingest.datasets.importer import import_file
from ingest.datasets.tables import DatasetError
from ingest.review import load_review

REPO = Path(__file__).resolve().parents[3]


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    shutil.copytree(REPO / "data", tmp_path / "data")
    return Settings(
        data_dir=tmp_path / "data",
        ontology_dir=REPO / "ontology",
        store_path=tmp_path / "store",
        _env_file=None,
    )


def _rows(folder: Path) -> list[dict[str, str]]:
    with (folder / "rows.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_sirene_keeps_active_ess_establishments_of_the_region(
    settings: Settings, fixtures: Path
) -> None:
    result = import_file(
        settings,
        "sirene",
        fixtures / "StockEtablissement_sample.csv",
        units=fixtures / "StockUniteLegale_sample.csv",
    )
    rows = {r["siret"]: r for r in _rows(result.folder)}
    # 900000004 is not ESS, the closed establishment and the one outside the region are left
    assert sorted(rows) == ["90000000100012", "90000000200018", "90000000300011", "90000000500015"]
    velo = rows["90000000100012"]
    assert velo["org"] == "maison-du-velo" and float(velo["match_score"]) >= 90
    assert velo["wkt"].startswith("POINT(3.4") and " 50.3" in velo["wkt"]
    assert rows["90000000300011"]["org"] == "siren-900000003"
    assert rows["90000000300011"]["pref_label"] == "LES JARDINS DE L'INVENTION"
    meta = json.loads((result.folder / "metadata.json").read_text("utf-8"))
    assert meta["kind"] == "sirene" and len(meta["sources"][0]["sha256"]) == 64
    assert meta["counts"]["linked to documents"] == 2


def test_a_doubtful_match_goes_to_the_review_list(settings: Settings, fixtures: Path) -> None:
    import_file(
        settings,
        "sirene",
        fixtures / "StockEtablissement_sample.csv",
        units=fixtures / "StockUniteLegale_sample.csv",
    )
    review = settings.data_dir / "review-imports.yaml"
    entries = yaml.safe_load(review.read_text("utf-8"))["merges"]
    assert [e["kind"] for e in entries] == ["organisation"]
    assert tuple(entries[0]["names"]) in [m.names for m in load_review(settings)]
    entry = entries[0]
    assert set(entry) == {"kind", "names", "documents", "score", "evidence"}
    assert "Espoir Avenir" in entry["names"] and 75 <= entry["score"] < 90
    assert "SIREN 900000005" in entry["evidence"]
    # a second import does not repeat it
    import_file(
        settings,
        "sirene",
        fixtures / "StockEtablissement_sample.csv",
        units=fixtures / "StockUniteLegale_sample.csv",
    )
    again = yaml.safe_load(review.read_text("utf-8"))["merges"]
    assert len(again) == 1


def test_rna_links_associations_of_the_documents(settings: Settings, fixtures: Path) -> None:
    result = import_file(settings, "rna", fixtures / "rna_waldec_sample.csv")
    rows = {r["rna"]: r for r in _rows(result.folder)}
    assert sorted(rows) == ["W595000001", "W595000002", "W595000003"]
    assert rows["W595000001"]["org"] == "espoir-avenir"
    assert rows["W595000002"]["org"] == "ageval" and rows["W595000002"]["siren"] == "900000006"
    assert rows["W595000003"]["org"] == "rna-w595000003"


def _bad(tmp_path: Path, source: Path, old: str, new: str) -> Path:
    path = tmp_path / source.name
    path.write_text(source.read_text("utf-8").replace(old, new, 1), "utf-8")
    return path


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("siret,", "numero,", r"StockEtablissement_sample.csv:1: missing column siret"),
        (
            "90000000300011,O",
            "9000000030001X,O",
            r"StockEtablissement_sample.csv:4: column siret: bad value",
        ),
        (
            ",59350,A,704000.0",
            ",59350,Z,704000.0",
            r"StockEtablissement_sample.csv:4: column etatAdministratifEtablissement",
        ),
    ],
)
def test_bad_sirene_files_name_line_and_column_and_write_nothing(
    settings: Settings, fixtures: Path, tmp_path: Path, old: str, new: str, message: str
) -> None:
    bad = _bad(tmp_path, fixtures / "StockEtablissement_sample.csv", old, new)
    with pytest.raises(DatasetError, match=message):
        import_file(settings, "sirene", bad, units=fixtures / "StockUniteLegale_sample.csv")
    assert not (settings.data_dir / "datasets").exists()
    assert not (settings.data_dir / "review-imports.yaml").exists()


def test_a_failed_import_keeps_the_previous_dataset(
    settings: Settings, fixtures: Path, tmp_path: Path
) -> None:
    first = import_file(settings, "rna", fixtures / "rna_waldec_sample.csv")
    before = (first.folder / "rows.csv").read_text("utf-8")
    bad = _bad(tmp_path, fixtures / "rna_waldec_sample.csv", ";W595000003;", ";")
    bad = _bad(tmp_path, bad, "W595000003", "X595000003")
    with pytest.raises(DatasetError, match=r"rna_waldec_sample.csv:4: column id: bad value"):
        import_file(settings, "rna", bad)
    assert (first.folder / "rows.csv").read_text("utf-8") == before


def test_sirene_needs_the_units_file(settings: Settings, fixtures: Path) -> None:
    with pytest.raises(DatasetError, match="--units"):
        import_file(settings, "sirene", fixtures / "StockEtablissement_sample.csv")


def test_figures_name_the_unknown_indicator(
    settings: Settings, fixtures: Path, tmp_path: Path
) -> None:
    bad = _bad(tmp_path, fixtures / "figures_sample.csv", "essJobs", "essJob")
    with pytest.raises(DatasetError, match=r"figures_sample.csv:2: column indicator: 'essJob'"):
        import_file(settings, "figures", bad)
