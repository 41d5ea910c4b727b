"""``ess-graph build`` through typer's runner: one line and exit 1 on error, no traceback."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ess_graph.cli import app

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def inputs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(REPO / "data", tmp_path / "data")
    shutil.copytree(REPO / "ontology", tmp_path / "ontology")
    monkeypatch.setenv("ESS_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("ESS_ONTOLOGY_DIR", str(tmp_path / "ontology"))
    monkeypatch.setenv("ESS_STORE_PATH", str(tmp_path / "var" / "store"))
    return tmp_path


def _lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.strip()]


def test_invalid_registry_is_one_line(inputs: Path) -> None:
    registry = inputs / "data" / "documents.yaml"
    registry.write_text(
        registry.read_text("utf-8").replace('date: "2019"', 'date: "2019-13-01"'), "utf-8"
    )
    result = CliRunner().invoke(app, ["build"])
    assert result.exit_code == 1
    lines = _lines(result.output)
    assert len(lines) == 1, result.output
    assert "documents.yaml" in lines[0] and "apes-artois" in lines[0] and "'date'" in lines[0]
    assert "Traceback" not in result.output
    assert not (inputs / "var" / "store").exists()


def test_bad_setting_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ESS_PORT", "abc")
    result = CliRunner().invoke(app, ["build"])
    assert result.exit_code == 1
    lines = _lines(result.output)
    assert len(lines) == 1 and "ESS_PORT" in lines[0]


def test_unparsable_ontology_is_one_line(inputs: Path) -> None:
    (inputs / "ontology" / "ess.ttl").write_text("@prefix : <x> . :a :b", "utf-8")
    result = CliRunner().invoke(app, ["build"])
    assert result.exit_code == 1
    lines = _lines(result.output)
    assert len(lines) == 1 and "ess.ttl" in lines[0], result.output


FIXTURES = REPO / "tests" / "ingest" / "datasets" / "fixtures"


def test_import_of_a_bad_file_is_one_line_and_writes_nothing(inputs: Path) -> None:
    bad = inputs / "StockEtablissement.csv"
    bad.write_text(
        (FIXTURES / "StockEtablissement_sample.csv")
        .read_text("utf-8")
        .replace("siret,", "numero,", 1),
        "utf-8",
    )
    result = CliRunner().invoke(
        app,
        ["import", "sirene", str(bad), "--units", str(FIXTURES / "StockUniteLegale_sample.csv")],
    )
    assert result.exit_code == 1
    lines = _lines(result.output)
    assert len(lines) == 1, result.output
    assert "StockEtablissement.csv:1: missing column siret" in lines[0]
    assert not (inputs / "data" / "datasets").exists()


def test_import_without_build_writes_the_dataset(inputs: Path) -> None:
    result = CliRunner().invoke(
        app,
        [
            "import",
            "rna",
            str(FIXTURES / "rna_waldec_sample.csv"),
            "--name",
            "rna-test",
            "--no-build",
        ],
    )
    assert result.exit_code == 0, result.output
    assert (inputs / "data" / "datasets" / "rna-test" / "rows.csv").exists()
    assert not (inputs / "var" / "store").exists()
