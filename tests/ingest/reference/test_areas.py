"""The curated areas file: valid, its links point at real nodes and quote their documents."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from ess_core.settings import Settings
from ingest.reference.areas import AreasError, load_areas
from ingest.reference.reader import load_reference

REPO = Path(__file__).resolve().parents[3]
AREAS = REPO / "data/curation/areas.yaml"


def test_links_target_official_nodes_and_registered_documents() -> None:
    ref = load_reference(REPO / "data/reference/decoupage-administratif.jsonl.gz")
    documents = {
        d["id"] for d in yaml.safe_load((REPO / "data/documents.yaml").read_text())["documents"]
    }
    keys = {
        "commune": ref.current_communes(),
        "epci": ref.epcis,
        "departement": ref.departements,
        "region": ref.regions,
    }
    areas = load_areas(AREAS)
    assert {"valenciennois", "hainaut-cambresis", "bassin-minier", "artois", "lys-romane"} <= {
        a.id for a in areas
    }
    for area in areas:
        for link in area.links:
            kind, _, code = link.target.partition("/")
            assert code in keys[kind], link
            assert link.document in documents, link


@pytest.mark.seeds
def test_mentions_are_verbatim_passages() -> None:
    settings = Settings()
    folder = (
        settings.documents_dir
        if settings.documents_dir.is_absolute()
        else (REPO / settings.documents_dir)
    )
    if not folder.is_dir():
        pytest.skip(f"no documents in {folder}")
    files = {
        d["id"]: d["file"]
        for d in yaml.safe_load((REPO / "data/documents.yaml").read_text())["documents"]
    }
    for area in load_areas(AREAS):
        for link in area.links:
            text = (folder / files[link.document]).read_text(encoding="utf-8")
            assert link.mention in text, (area.id, link.mention)


def test_invalid_file_is_named(tmp_path: Path) -> None:
    bad = tmp_path / "areas.yaml"
    bad.write_text("areas:\n  - id: x\n    name: X\n    kind: planet\n")
    with pytest.raises(AreasError, match=r"areas\.yaml"):
        load_areas(bad)
