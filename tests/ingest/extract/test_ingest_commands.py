"""``ess-graph ingest`` and ``ess-graph report``: thin shells over the functions."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ess_graph.cli import app

REPO = Path(__file__).resolve().parents[3]
DOCUMENT = (
    "“ LUCIE MARTIN - GRAAL de 2015 à 2019\n\nLucie MARTIN\n\n"
    "Directrice du GRAAL (de 2014 à 2019)\n"
)


def test_ingest_a_file_then_report_its_conflict(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    shutil.copytree(REPO / "data", data, ignore=shutil.ignore_patterns("extracted", "curation"))
    document = tmp_path / "portrait-graal.txt"
    document.write_text(DOCUMENT, "utf-8")
    monkeypatch.setenv("ESS_DATA_DIR", str(data))
    result = CliRunner().invoke(app, ["ingest", str(document)])
    assert result.exit_code == 0, result.output
    assert (data / "extracted" / "portrait-graal.jsonl").exists()
    report = CliRunner().invoke(app, ["report"])
    assert report.exit_code == 0
    assert "role of person/lucie-martin at organisation/graal" in report.stdout
    assert "2014–2019" in report.stdout and "2015–2019" in report.stdout


def test_unreadable_file_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ESS_DATA_DIR", str(REPO / "data"))
    result = CliRunner().invoke(app, ["ingest", str(tmp_path / "missing.txt")])
    assert result.exit_code == 1
    assert "missing.txt: cannot read" in result.output
