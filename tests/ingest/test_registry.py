"""The document registry: the committed file is valid; errors name file, entry and field."""

from __future__ import annotations

import copy
import hashlib
from pathlib import Path
from typing import Any

import pytest
import yaml

from ess_core.settings import Settings
from ingest.registry import RegistryError, load_registry, parse_registry

REPO = Path(__file__).resolve().parents[2]
REGISTRY = REPO / "data" / "documents.yaml"


@pytest.fixture
def raw() -> dict[str, Any]:
    return yaml.safe_load(REGISTRY.read_text("utf-8"))


def _error(raw: dict[str, Any]) -> str:
    with pytest.raises(RegistryError) as caught:
        parse_registry(raw, REGISTRY)
    return str(caught.value)


def test_committed_registry_lists_the_five_documents() -> None:
    documents = load_registry(Settings(data_dir=REPO / "data"))
    assert [d.id for d in documents] == [
        "apes-valenciennois-fusee-ess",
        "apes-decennie-valenciennois",
        "cavm-pldess-2021-2026",
        "apes-artois",
        "apes-mel-roubaix",
    ]
    assert [d.file[:3] for d in documents] == ["000", "001", "002", "003", "004"]
    assert all(d.language == "fr" and d.date_note for d in documents if d.date_precision != "day")


@pytest.mark.seeds
def test_checksums_match_the_seed_documents() -> None:
    settings = Settings(data_dir=REPO / "data", documents_dir=REPO.parent / "shared" / "seeds")
    if not settings.documents_dir.is_dir():
        pytest.skip("no source documents beside the repository")
    for document in load_registry(settings):
        assert hashlib.sha256(document.path(settings).read_bytes()).hexdigest() == document.sha256
        assert document.read_text(settings)


def test_missing_field_names_entry_and_field(raw: dict[str, Any]) -> None:
    del raw["documents"][1]["title"]
    message = _error(raw)
    assert message.startswith(f"{REGISTRY}: entry 1 (apes-decennie-valenciennois)")
    assert "field 'title'" in message


def test_bad_date_pattern_names_entry(raw: dict[str, Any]) -> None:
    raw["documents"][2]["date"] = "mars 2021"
    message = _error(raw)
    assert "entry 2 (cavm-pldess-2021-2026)" in message and "field 'date'" in message


def test_impossible_date_names_entry(raw: dict[str, Any]) -> None:
    raw["documents"][3]["date"] = "2019-02-30"
    message = _error(raw)
    assert "entry 3 (apes-artois)" in message and "field 'date'" in message


def test_duplicate_id_names_both_entries(raw: dict[str, Any]) -> None:
    raw["documents"].append(copy.deepcopy(raw["documents"][0]))
    raw["documents"][-1]["file"] = "005_0000000000000000.txt"
    message = _error(raw)
    assert "entry 5 (apes-valenciennois-fusee-ess)" in message
    assert "duplicate" in message and "entry 0" in message


def test_precision_requires_a_note(raw: dict[str, Any]) -> None:
    del raw["documents"][0]["date_note"]
    assert "field 'date_note'" in _error(raw)


def test_entry_without_id_is_named_by_index(raw: dict[str, Any]) -> None:
    del raw["documents"][4]["id"]
    message = _error(raw)
    assert "entry 4:" in message and "field 'id'" in message


def test_unreadable_and_invalid_yaml_name_the_file(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path)
    with pytest.raises(RegistryError, match=r"documents\.yaml: cannot read"):
        load_registry(settings)
    (tmp_path / "documents.yaml").write_text("documents: [", "utf-8")
    with pytest.raises(RegistryError, match=r"documents\.yaml: not valid YAML"):
        load_registry(settings)


def test_tampered_document_is_refused(tmp_path: Path) -> None:
    documents = load_registry(Settings(data_dir=REPO / "data"))
    (tmp_path / documents[0].file).write_text("autre texte", "utf-8")
    with pytest.raises(RegistryError, match="sha256"):
        documents[0].read_text(Settings(documents_dir=tmp_path))
