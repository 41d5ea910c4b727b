"""What the build loads: every input of the store is a :class:`SourceGraph`.

Each module that turns committed data into RDF (registry, reference geography, extracted
records, curation) exposes a function ``source_graphs(settings) -> list[SourceGraph]``; the
build (``ingest.store.build``) collects them from :data:`PROVIDERS`, bulk-loads their quads,
validates, and reports counts per ``origin_kind``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pyoxigraph import Quad

from ess_core.settings import Settings

OriginKind = Literal[
    "ontology", "registry", "reference", "extraction", "curation", "dataset", "build"
]


@dataclass(frozen=True)
class SourceGraph:
    """One named graph of the store and where its quads come from.

    ``inputs`` are the committed files the quads derive from: the build uses them to decide
    whether the store is stale and to name the file when validation fails. ``quads`` is called
    once per build and may stream.
    """

    graph: str
    origin_kind: OriginKind
    inputs: tuple[Path, ...]
    quads: Callable[[], Iterable[Quad]]
    warnings: list[str] = field(default_factory=list, compare=False)
    """Input problems found while reading (``file:line: …``), listed by the build report."""


Provider = Callable[[Settings], list[SourceGraph]]

# Filled by the modules that provide graphs: "module.path:function" entries, imported lazily
# so that a provider's heavy dependencies load only when the build runs.
PROVIDERS: tuple[str, ...] = (
    "ingest.rdf.ontology:source_graphs",
    "ingest.rdf.documents:source_graphs",
    "ingest.rdf.geography:source_graphs",
    "ingest.rdf.positions:source_graphs",
    "ingest.rdf.records:source_graphs",
    "ingest.rdf.curation:source_graphs",
    "ingest.rdf.datasets:source_graphs",
    "ingest.rdf.submissions:source_graphs",
)
