"""The registry entry ``add`` makes of a path: where the file is recorded, moves, renames."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from ess_core.settings import Settings
from ingest.adding import _entries, registry_file_value
from ingest.registry import load_registry
from ingest.sidecar import Metadata

REPO = Path(__file__).resolve().parents[2]
META = Metadata(
    title="T", publisher="Journal du Val", date="2024", genre="article", territory="Val-de-Brume"
)


def test_file_is_relative_under_the_documents_folder_else_absolute(tmp_path: Path) -> None:
    settings = Settings(documents_dir=tmp_path / "seeds")
    assert registry_file_value(settings, tmp_path / "seeds" / "a" / "b.txt") == "a/b.txt"
    assert registry_file_value(settings, tmp_path / "autres" / "b.txt") == str(
        tmp_path / "autres" / "b.txt"
    )


def test_a_moved_text_keeps_its_entry_with_the_new_path(tmp_path: Path) -> None:
    shutil.copytree(REPO / "data", tmp_path / "data", ignore=shutil.ignore_patterns("extracted"))
    settings = Settings(data_dir=tmp_path / "data", documents_dir=tmp_path / "absent")
    registry = load_registry(settings)
    seed = REPO.parent / "shared" / "seeds" / registry[0].file
    moved = tmp_path / "ailleurs.txt"
    moved.write_bytes(seed.read_bytes() if seed.exists() else b"")
    if hashlib.sha256(moved.read_bytes()).hexdigest() != registry[0].sha256:
        return  # no seeds on this machine
    [(doc_id, entry)] = _entries(settings, [moved], Metadata(), registry).items()
    assert doc_id == registry[0].id and entry["file"] == str(moved)
    assert entry["title"] == registry[0].title and entry["date_note"] == registry[0].date_note


def test_a_text_of_the_documents_folder_is_recorded_by_its_relative_path(tmp_path: Path) -> None:
    shutil.copytree(REPO / "data", tmp_path / "data", ignore=shutil.ignore_patterns("extracted"))
    text = tmp_path / "seeds" / "texte.txt"
    text.parent.mkdir()
    text.write_text("Un texte.", "utf-8")
    settings = Settings(data_dir=tmp_path / "data", documents_dir=tmp_path / "seeds")
    entries = _entries(settings, [text], META, load_registry(settings))
    assert entries["texte"]["file"] == "texte.txt"
