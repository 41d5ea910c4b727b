"""The store built from the repository's real data and ontology (session fixture)."""

from __future__ import annotations

from pathlib import Path

from pyoxigraph import Store

from ess_core.settings import Settings
from ingest.store.validate import load_shapes, validate_store


def test_real_store_lists_the_five_documents(built_store: Path) -> None:
    store = Store.read_only(str(built_store))
    answer = store.query(
        "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a "
        "<https://w3id.org/ess-hdf/ontology#SourceDocument> }"
    )
    assert int(next(iter(answer))["n"].value) == 5  # type: ignore[call-overload,arg-type]


def test_real_data_passes_the_shapes(built_settings: Settings) -> None:
    store = Store.read_only(str(built_settings.store_path))
    shapes = load_shapes(built_settings.shapes_path, built_settings.base_iri)
    validation = validate_store(store, shapes)
    first = [f"{v.shape} {v.focus}: {v.message}" for v in validation.violations[:5]]
    assert validation.conforms, f"{len(validation.violations)} violations, first: {first}"
