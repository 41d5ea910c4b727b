"""Incremental validation: the reference graphs are validated again only when they change."""

from __future__ import annotations

import pytest
from store_test_provider import RECORDS, WITH_REFERENCE, write_records

from ess_core.settings import Settings
from ingest.store.build import BuildError, build_store

REFERENCE = [{"id": "ref-region", "label": "Hauts-de-France"}]


def test_reference_is_validated_once_and_again_when_it_changes(small_settings: Settings) -> None:
    reference = write_records(small_settings, REFERENCE, "test-reference.jsonl")
    assert build_store(small_settings, providers=WITH_REFERENCE).validation_mode == "full"
    assert build_store(small_settings, providers=WITH_REFERENCE).validation_mode == "incremental"

    records = write_records(small_settings, [*RECORDS, {"id": "sans-nom"}])
    with pytest.raises(BuildError, match=f"{records}:3"):
        build_store(small_settings, providers=WITH_REFERENCE)

    write_records(small_settings, RECORDS)
    write_records(small_settings, [*REFERENCE, {"id": "ref-sans-nom"}], "test-reference.jsonl")
    with pytest.raises(BuildError, match=f"{reference}:2"):
        build_store(small_settings, providers=WITH_REFERENCE)


def test_unvalidated_build_does_not_vouch_for_reference(small_settings: Settings) -> None:
    write_records(small_settings, [*REFERENCE, {"id": "ref-sans-nom"}], "test-reference.jsonl")
    build_store(small_settings, providers=WITH_REFERENCE, validate=False)
    with pytest.raises(BuildError, match="ref-sans-nom"):
        build_store(small_settings, providers=WITH_REFERENCE)
