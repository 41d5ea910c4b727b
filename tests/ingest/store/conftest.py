"""Small inputs for build tests: the real ontology and registry plus a few records."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from store_test_provider import RECORDS, write_records

from ess_core.settings import Settings

REPO = Path(__file__).resolve().parents[3]


@pytest.fixture
def small_settings(tmp_path: Path) -> Settings:
    """Settings over tmp copies of ontology/ and data/documents.yaml, with test records."""
    data_dir, ontology_dir = tmp_path / "data", tmp_path / "ontology"
    data_dir.mkdir()
    shutil.copy(REPO / "data" / "documents.yaml", data_dir)
    shutil.copytree(REPO / "ontology", ontology_dir)
    settings = Settings(
        data_dir=data_dir, ontology_dir=ontology_dir, store_path=tmp_path / "var" / "store"
    )
    write_records(settings, RECORDS)
    return settings
