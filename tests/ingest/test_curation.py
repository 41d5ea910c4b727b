"""Curation files: validated, merged, and a bad one names its file."""

from __future__ import annotations

from pathlib import Path

import pytest

from ess_core.settings import Settings
from ingest.curation import CurationError, load_curation

REPO = Path(__file__).resolve().parents[2]


def test_repository_curation_is_valid() -> None:
    curation = load_curation(Settings(data_dir=REPO / "data"))
    names = dict(curation.names())
    assert names["CAVM"] == "organisation"
    assert all(c.mention and c.end > c.start for c in curation.corrections)


def test_areas_file_is_not_read_as_curation(tmp_path: Path) -> None:
    (tmp_path / "curation").mkdir()
    (tmp_path / "curation" / "areas.yaml").write_text("areas: []\n", "utf-8")
    assert load_curation(Settings(data_dir=tmp_path)).entities == ()


def test_invalid_file_names_file_and_entry(tmp_path: Path) -> None:
    (tmp_path / "curation").mkdir()
    bad = tmp_path / "curation" / "people.yaml"
    bad.write_text("entities:\n  - kind: person\n", "utf-8")
    with pytest.raises(CurationError, match=r"people\.yaml: entities/0: 'canonical' is a required"):
        load_curation(Settings(data_dir=tmp_path))
