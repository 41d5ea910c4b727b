"""``ess-graph add`` extracts only the new text: the other documents' extractions come from the
cache, and the record files are those a full re-extraction writes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ess_core.settings import Settings
from ingest.adding import add_documents
from ingest.extract.run import ingest
from ingest.extraction_cache import cache_folder, ingest_cached

REPO = Path(__file__).resolve().parents[2]
TEXTS = [
    Path(__file__).parent / "data" / "portrait-recyclerie-trois-moulins.txt",
    REPO / "bench" / "data" / "portrait-atelier-des-possibles.txt",
]


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings over a copy of data/ whose registry holds no document; the two invented
    portraits (with their sidecars) in a texts folder."""
    shutil.copytree(REPO / "data", tmp_path / "data", ignore=shutil.ignore_patterns("extracted"))
    (tmp_path / "data" / "extracted").mkdir()
    (tmp_path / "data" / "documents.yaml").write_text("documents: []\n", "utf-8")
    texts = tmp_path / "texts"
    texts.mkdir()
    for text in TEXTS:
        for path in (text, text.with_suffix(".yaml")):
            shutil.copy(path, texts / path.name)
    return Settings(  # type: ignore[call-arg]
        _env_file=None,
        data_dir=tmp_path / "data",
        documents_dir=texts,
        store_path=tmp_path / "var" / "store",
    )


def _records(settings: Settings) -> dict[str, str]:
    folder = settings.data_dir / "extracted"
    return {p.name: p.read_text("utf-8") for p in sorted(folder.glob("*.jsonl"))}


def test_add_extracts_only_the_new_text(settings: Settings) -> None:
    first, second = (settings.documents_dir / t.name for t in TEXTS)
    add_documents(settings, [first])
    assert len(list(cache_folder(settings).glob("*.pickle"))) == 1
    add_documents(settings, [second])
    assert len(list(cache_folder(settings).glob("*.pickle"))) == 2
    _written, extracted = ingest_cached(settings)
    assert extracted == []  # both current: nothing extracted
    cached = _records(settings)
    ingest(settings)  # the whole extraction, no cache
    assert _records(settings) == cached and len(cached) == 2


def test_changed_data_extracts_everything_again(settings: Settings) -> None:
    first, second = (settings.documents_dir / t.name for t in TEXTS)
    add_documents(settings, [first, second])
    lexicon = settings.data_dir / "curation" / "entities.yaml"
    lexicon.write_text(lexicon.read_text("utf-8") + "\n# changed\n", "utf-8")
    _written, extracted = ingest_cached(settings)
    assert len(extracted) == 2
    (cache_folder(settings) / f"{extracted[0]}.pickle").write_bytes(b"not a pickle")
    assert ingest_cached(settings)[1] == [extracted[0]]  # unreadable: extracted again
