"""Edits of data/documents.yaml keep its comments and other entries; an invalid edit is never
written; the genres of the schema are the concepts of the ontology's genre scheme."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from pyoxigraph import RdfFormat, Store

from ess_core.settings import Settings
from ingest.registry import RegistryError, genres, load_registry
from ingest.registry_file import write_registry

REPO = Path(__file__).resolve().parents[2]
ENTRY: dict[str, Any] = {
    "id": "portrait-val",
    "file": "/textes/portrait-val.txt",
    "title": "Portrait : le Val",
    "publisher": "Journal du Val",
    "date": "2024-05",
    "genre": "portrait",
    "territory": "Val-de-Brume",
    "language": "fr",
    "sha256": "a" * 64,
}


@pytest.fixture
def registry(tmp_path: Path) -> Path:
    path = tmp_path / "documents.yaml"
    shutil.copy(REPO / "data" / "documents.yaml", path)
    return path


def test_no_edit_keeps_the_file_byte_for_byte(registry: Path) -> None:
    before = registry.read_bytes()
    write_registry(registry, {})
    assert registry.read_bytes() == before


def test_append_then_remove_gives_the_file_back(registry: Path) -> None:
    before = registry.read_text("utf-8")
    documents = write_registry(registry, {"portrait-val": ENTRY})
    assert documents[-1].id == "portrait-val" and documents[-1].date == "2024-05"
    text = registry.read_text("utf-8")
    assert text.startswith(before.rstrip("\n")) and '    date: "2024-05"' in text
    write_registry(registry, {"portrait-val": None})
    assert registry.read_text("utf-8") == before


def test_replace_keeps_the_others_and_comments(registry: Path) -> None:
    before = load_registry(Settings(data_dir=registry.parent))
    write_registry(registry, {"apes-artois": {**ENTRY, "id": "apes-artois"}})
    after = load_registry(Settings(data_dir=registry.parent))
    assert [d.id for d in after] == [d.id for d in before]
    assert [d for d in after if d.id != "apes-artois"] == [
        d for d in before if d.id != "apes-artois"
    ]
    assert registry.read_text("utf-8").startswith("# Registry of the source documents")


def test_removing_every_entry_leaves_an_empty_valid_registry(registry: Path) -> None:
    ids = [d.id for d in load_registry(Settings(data_dir=registry.parent))]
    write_registry(registry, dict.fromkeys(ids))
    assert load_registry(Settings(data_dir=registry.parent)) == []
    write_registry(registry, {"portrait-val": ENTRY})
    assert [d.id for d in load_registry(Settings(data_dir=registry.parent))] == ["portrait-val"]


def test_invalid_edit_is_not_written(registry: Path) -> None:
    before = registry.read_bytes()
    with pytest.raises(RegistryError, match="'genre'"):
        write_registry(registry, {"portrait-val": {**ENTRY, "genre": "novel"}})
    assert registry.read_bytes() == before
    assert sorted(p.name for p in registry.parent.iterdir()) == ["documents.yaml"]


def test_relative_and_absolute_files(tmp_path: Path) -> None:
    documents = load_registry(Settings(data_dir=REPO / "data"))
    settings = Settings(documents_dir=tmp_path / "seeds")
    assert documents[0].path(settings) == tmp_path / "seeds" / documents[0].file
    moved = type(documents[0])(**{**vars(documents[0]), "file": "/textes/a.txt"})
    assert moved.path(settings) == Path("/textes/a.txt")


def test_schema_genres_are_the_concepts_of_the_genre_scheme() -> None:
    store = Store()
    store.load(path=str(REPO / "ontology" / "ess.ttl"), format=RdfFormat.TURTLE)
    rows = store.query("""PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT ?c WHERE { ?c skos:inScheme <https://w3id.org/ess-hdf/id/concept/genre> ;
            skos:prefLabel ?fr, ?en FILTER(LANG(?fr) = "fr" && LANG(?en) = "en") }""")
    concepts = {r[0].value.rsplit("/", 1)[-1] for r in rows}  # type: ignore[union-attr]
    assert concepts == set(genres())
    assert {
        "article",
        "interview",
        "portrait",
        "plan",
        "press-release",
        "report",
        "agenda",
        "directory",
        "territory-supplement",
        "booklet",
        "other",
    } <= concepts
