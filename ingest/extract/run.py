"""``ess-graph ingest``: read documents, extract, resolve across them, write the records."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ess_core.iris import slugify
from ess_core.settings import Settings
from ingest.curation import Curation, load_curation
from ingest.extract.emit import (
    Record,
    document_records,
    merge_records,
    structure_records,
    write_records,
)
from ingest.extract.layouts.structure import context
from ingest.extract.mentions.gazetteers import load_gazetteers
from ingest.extract.mentions.nlp import load_model
from ingest.extract.mentions.places import territory_names
from ingest.extract.pipeline import Extraction, extract
from ingest.extract.resolve.entities import Entity, resolve
from ingest.extract.resolve.place_context import Named, PlaceResolution
from ingest.extract.resolve.review import REVIEW_FILE, review_candidates, write_review
from ingest.extract.resolve.territories import TerritoryResolver
from ingest.reference.reader import ReferenceError
from ingest.registry import load_registry


class IngestError(ValueError):
    """A document cannot be read; the message names the file."""


@dataclass(frozen=True)
class Source:
    """A document to ingest: its registry id (or a slug of its file name) and its text."""

    id: str
    path: Path
    text: str


def registered_sources(settings: Settings, paths: Sequence[Path] = ()) -> list[Source]:
    """The registry's documents, or the given files (named by registry id when registered)."""
    registry = load_registry(settings)
    if not paths:
        return [Source(d.id, d.path(settings), d.read_text(settings)) for d in registry]
    by_file = {d.file: d.id for d in registry}
    sources = []
    for path in paths:
        try:
            text = path.read_text("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise IngestError(f"{path}: cannot read ({exc})") from None
        sources.append(Source(by_file.get(path.name) or slugify(path.stem), path, text))
    return sources


def extract_all(
    settings: Settings,
    sources: Sequence[Source],
    curation: Curation,
    step: Callable[[str], None] = lambda _: None,
) -> list[Extraction]:
    """Extract every source with one model and one gazetteer."""
    nlp = load_model()
    gazetteer = curation.names()
    places = territory_names(settings)
    gazetteers = load_gazetteers(settings.data_dir)
    out = []
    for source in sources:
        out.append(
            extract(source.id, source.text, nlp, gazetteer, places, gazetteers)  # type: ignore[arg-type]
        )
        step(source.id)
    return out


@dataclass(frozen=True)
class DocumentMeta:
    """What the extraction may know of a document besides its text."""

    year: int | None = None
    territory: str | None = None


def registry_meta(settings: Settings) -> dict[str, DocumentMeta]:
    """Year and first territory of every registered document."""
    return {
        d.id: DocumentMeta(int(d.date[:4]), d.territory.split(",")[0].strip())
        for d in load_registry(settings)
    }


def resolve_all(
    settings: Settings,
    extractions: Sequence[Extraction],
    curation: Curation,
    meta: Mapping[str, DocumentMeta] | None = None,
) -> tuple[list[Entity], dict[str, list[Record]]]:
    """Resolve across documents and build each document's records (``meta``: the
    registry's year and territory of each document unless given)."""
    entities = resolve(
        (o for e in extractions for o in e.occurrences),
        (a for e in extractions for a in e.acronyms),
        curation,
    )
    places = place_resolution(settings)
    known = registry_meta(settings) if meta is None else meta
    records = {}
    for e in extractions:
        about = known.get(e.document, DocumentMeta())
        named = [Named(o.start, o.end, o.surface) for o in e.occurrences if o.kind == "territory"]
        ctx = places.context(e.text.original, named, about.territory) if places else None
        # the layout parsers (plans, figures) read only communes of the départements and
        # régions the document names
        place, local = (
            (places.resolver_for(ctx), places.resolver_for(ctx, anywhere=False))
            if places is not None and ctx is not None
            else (_unresolved, _unresolved)
        )
        recs = document_records(e, entities, curation.corrections, place)
        territory = place(about.territory) if about.territory else None
        structure = context(e.document, e.text.original, about.year, entities, local)
        records[e.document] = merge_records(
            recs, structure_records(structure, territory), structure.extra
        )
    return entities, records


def _unresolved(_: str) -> str | None:
    return None


def place_resolution(settings: Settings) -> PlaceResolution | None:
    """Names -> official territories in the context of a document (any commune of France;
    between homonyms, the one whose département or région the document names, else the
    most populous); None without the reference data."""
    try:
        return PlaceResolution(TerritoryResolver.from_settings(settings))
    except (ReferenceError, OSError, ValueError):
        return None


def ingest(
    settings: Settings, paths: Sequence[Path] = (), step: Callable[[str], None] = lambda _: None
) -> list[Path]:
    """Ingest documents and write ``data/extracted/<doc>.jsonl`` and the review list of
    uncertain merges (``data/review.yaml``); returns the record files written."""
    curation = load_curation(settings)
    sources = registered_sources(settings, paths)
    extractions = extract_all(settings, sources, curation, step)
    entities, records = resolve_all(settings, extractions, curation)
    write_review(settings.data_dir / REVIEW_FILE, review_candidates(entities))
    written = []
    for doc, recs in sorted(records.items()):
        path = settings.data_dir / "extracted" / f"{doc}.jsonl"
        write_records(path, recs)
        written.append(path)
    return written
