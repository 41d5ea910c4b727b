"""``ess-graph ingest``: read documents, extract, resolve across them, write the records."""

from __future__ import annotations

from collections.abc import Callable, Sequence
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
from ingest.extract.evaluate import Evaluation, evaluate, held_out_curation, load_gold
from ingest.extract.nlp import load_model
from ingest.extract.pipeline import Extraction, extract
from ingest.extract.places import territory_names
from ingest.extract.structure import context
from ingest.reference.reader import ReferenceError
from ingest.registry import load_registry
from ingest.resolve.entities import Entity, resolve
from ingest.resolve.territories import TerritoryResolver


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
    out = []
    for source in sources:
        out.append(extract(source.id, source.text, nlp, gazetteer, places))  # type: ignore[arg-type]
        step(source.id)
    return out


def resolve_all(
    settings: Settings, extractions: Sequence[Extraction], curation: Curation
) -> tuple[list[Entity], dict[str, list[Record]]]:
    """Resolve across documents and build each document's records."""
    entities = resolve(
        (o for e in extractions for o in e.occurrences),
        (a for e in extractions for a in e.acronyms),
        curation,
    )
    place = place_resolver(settings)
    records = {
        e.document: document_records(e, entities, curation.corrections, place) for e in extractions
    }
    registry = {d.id: d for d in load_registry(settings)}
    for e in extractions:
        meta = registry.get(e.document)
        year = int(meta.date[:4]) if meta else None
        territory = place(meta.territory.split(",")[0].strip()) if meta else None
        ctx = context(e.document, e.text.original, year, entities, place)
        records[e.document] = merge_records(
            records[e.document], structure_records(ctx, territory), ctx.extra
        )
    return entities, records


def place_resolver(settings: Settings) -> Callable[[str], str | None]:
    """Name -> IRI of the official territory (communes of the Nord and Pas-de-Calais first);
    None when the name is not resolved with confidence."""
    try:
        resolver = TerritoryResolver.from_settings(settings)
    except (ReferenceError, OSError, ValueError):
        return lambda _: None

    def resolve_place(name: str) -> str | None:
        for match in resolver.resolve(name):
            local = match.kind != "commune" or match.code[:2] in ("59", "62")
            if match.score >= 0.9 and local:
                return match.iri
        return None

    return resolve_place


def ingest(
    settings: Settings, paths: Sequence[Path] = (), step: Callable[[str], None] = lambda _: None
) -> list[Path]:
    """Ingest documents and write ``data/extracted/<doc>.jsonl``; returns the files written."""
    curation = load_curation(settings)
    sources = registered_sources(settings, paths)
    extractions = extract_all(settings, sources, curation, step)
    _, records = resolve_all(settings, extractions, curation)
    written = []
    for doc, recs in sorted(records.items()):
        path = settings.data_dir / "extracted" / f"{doc}.jsonl"
        write_records(path, recs)
        written.append(path)
    return written


def evaluation(
    settings: Settings,
    gold_dir: Path,
    leave_one_out: bool = False,
    step: Callable[[str], None] = lambda _: None,
) -> tuple[Evaluation, Evaluation | None]:
    """Score a fresh extraction of the registered documents against ``gold_dir``; with
    ``leave_one_out``, also score each document extracted with the curation held out."""
    gold = load_gold(gold_dir)
    curation = load_curation(settings)
    sources = registered_sources(settings)
    _, records = resolve_all(settings, extract_all(settings, sources, curation, step), curation)
    full = evaluate(records, gold)
    if not leave_one_out:
        return full, None
    held = Evaluation()
    for source in sources:
        if source.id not in gold:
            continue
        others = [s.text for s in sources if s.id != source.id]
        fold = held_out_curation(curation, source.id, others)
        _, fold_records = resolve_all(settings, extract_all(settings, sources, fold), fold)
        scored = evaluate({source.id: fold_records[source.id]}, {source.id: gold[source.id]})
        for kind, score in scored.scores.items():
            held.scores[kind].add(score)
        held.duplicates += scored.duplicates
        held.wrong_evidence += scored.wrong_evidence
        step(f"held out {source.id}")
    return full, held
