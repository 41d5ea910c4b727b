"""A failed build leaves the previous store byte for byte, and its error names the culprit."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from store_test_provider import PROVIDERS, RECORDS, write_records

from ess_core.settings import Settings
from ingest.store.build import BuildError, build_store


def _fingerprint(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def built(small_settings: Settings) -> dict[str, str]:
    build_store(small_settings, providers=PROVIDERS)
    return _fingerprint(small_settings.store_path)


def _fails(settings: Settings) -> BuildError:
    with pytest.raises(BuildError) as caught:
        build_store(settings, providers=PROVIDERS)
    return caught.value


def _untouched(settings: Settings, before: dict[str, str]) -> None:
    assert _fingerprint(settings.store_path) == before
    served = settings.store_path.resolve().name
    leftovers = [
        p.name for p in settings.store_path.parent.iterdir() if p.name not in ("store", served)
    ]
    assert leftovers == []


def test_shacl_violation_names_shape_focus_and_record_line(
    small_settings: Settings, built: dict[str, str]
) -> None:
    path = write_records(small_settings, [*RECORDS, {"id": "sans-nom"}])
    error = _fails(small_settings)
    message = str(error)
    assert message.startswith("SHACL validation failed")
    assert "OrganizationShape" in message
    assert "https://w3id.org/ess-hdf/id/organisation/sans-nom" in message
    assert f"{path}:3" in message
    assert "\n" not in message
    assert error.details and all("sans-nom" in d for d in error.details)
    _untouched(small_settings, built)


def test_unparsable_turtle_names_the_file(small_settings: Settings, built: dict[str, str]) -> None:
    ontology = small_settings.ontology_dir / "ess.ttl"
    ontology.write_text(ontology.read_text("utf-8") + "\nthis is not turtle\n", "utf-8")
    error = _fails(small_settings)
    assert str(ontology) in str(error)
    assert "line" in str(error)
    _untouched(small_settings, built)


def test_unparsable_shapes_name_the_file(small_settings: Settings, built: dict[str, str]) -> None:
    small_settings.shapes_path.write_text("@prefix broken", "utf-8")
    error = _fails(small_settings)
    assert str(small_settings.shapes_path) in str(error)
    _untouched(small_settings, built)


def test_schema_invalid_registry_names_entry_and_field(
    small_settings: Settings, built: dict[str, str]
) -> None:
    registry = small_settings.data_dir / "documents.yaml"
    registry.write_text(
        registry.read_text("utf-8").replace("genre: local-plan", "genre: novel"), "utf-8"
    )
    error = _fails(small_settings)
    assert str(registry) in str(error)
    assert "cavm-pldess-2021-2026" in str(error)
    assert "'genre'" in str(error)
    _untouched(small_settings, built)


def test_failure_without_previous_store_leaves_nothing(small_settings: Settings) -> None:
    write_records(small_settings, [{"id": "sans-nom"}])
    _fails(small_settings)
    assert not small_settings.store_path.parent.exists() or not any(
        small_settings.store_path.parent.iterdir()
    )


def test_unregistered_records_name_the_file_and_the_commands(
    small_settings: Settings, built: dict[str, str]
) -> None:
    records = small_settings.data_dir / "extracted" / "portrait-inconnu.jsonl"
    records.parent.mkdir()
    records.write_text("", "utf-8")
    with pytest.raises(BuildError) as caught:
        build_store(small_settings, providers=(*PROVIDERS, "ingest.rdf.records:source_graphs"))
    message = str(caught.value)
    assert str(records) in message and "does not register" in message
    assert "ess-graph add PATH --id portrait-inconnu" in message
    assert "ess-graph remove portrait-inconnu" in message
    assert "\n" not in message
    _untouched(small_settings, built)
