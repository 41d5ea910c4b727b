"""``ess-graph import``: a register file → a dataset folder of ``data/datasets`` (build input).

Everything is read and checked first (columns, rows, the mapping run over every row); only then
is the dataset folder swapped in and the review list extended. A bad file raises
:class:`~ingest.datasets.tables.DatasetError` naming ``file:line`` and the column, and nothing
is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ess_core.iris import Iris
from ess_core.settings import Settings
from ingest.datasets.csvw import Processor
from ingest.datasets.files import KINDS, append_review, mapping_of, write_dataset
from ingest.datasets.registers import Prepared, figure_rows, measures, rna_rows, sirene_rows
from ingest.datasets.tables import DatasetError

HAUTS_DE_FRANCE = "32"
MAPPING_CHECK_ROWS = 1000


@dataclass(frozen=True)
class ImportResult:
    """What an import wrote."""

    folder: Path
    counts: dict[str, int]
    triples: int  # of the first MAPPING_CHECK_ROWS rows
    review: Path | None


def prepare(
    settings: Settings,
    kind: str,
    path: Path,
    *,
    units: Path | None = None,
    region: str = HAUTS_DE_FRANCE,
    name: str,
) -> Prepared:
    """The checked rows of an import, nothing written."""
    if kind == "sirene":
        return sirene_rows(settings, path, units, region, name)
    if kind == "rna":
        return rna_rows(settings, path, region, name)
    if kind == "figures":
        return figure_rows(settings, path, measures(settings), name)
    raise DatasetError(f"unknown import kind {kind!r}: one of {', '.join(KINDS)}")


def import_file(
    settings: Settings,
    kind: str,
    path: Path,
    *,
    units: Path | None = None,
    region: str = HAUTS_DE_FRANCE,
    name: str | None = None,
) -> ImportResult:
    """Import ``path`` as the dataset ``name`` (default: the kind)."""
    name = name or kind
    prepared = prepare(settings, kind, path, units=units, region=region, name=name)
    processor = Processor(mapping_of(kind), Iris(settings.base_iri))
    try:  # the cells are checked by their columns' patterns: the mapping is tried on a sample
        triples = sum(1 for _ in processor.all_triples(prepared.rows[:MAPPING_CHECK_ROWS]))
    except ValueError as exc:  # a term pyoxigraph refuses (bad IRI) is the file's fault
        raise DatasetError(f"{path}: {exc}") from None
    folder = write_dataset(
        settings, kind, name, prepared, {"region": region} if kind != "figures" else {}
    )
    review = append_review(settings, prepared.review) if prepared.review else None
    return ImportResult(folder, prepared.counts, triples, review)
