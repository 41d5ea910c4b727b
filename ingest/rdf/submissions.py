"""Graphs written through the service (``ESS_SUBMISSIONS_DIR``) -> the store, at every build.

The newest version of each kept graph is loaded into its graph (a submission to a dataset
graph supersedes an import of the same name, :mod:`ingest.rdf.datasets`), and every version's
PROV record into ``<base>graph/changes``. So ``ess-graph build`` never drops a submission.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from pathlib import Path

from pyoxigraph import NamedNode, Quad, RdfFormat, parse

from ess_core import dataset_versions
from ess_core.settings import Settings
from ingest.rdf.changes import changes_graph, prov_quads
from ingest.rdf.sources import SourceGraph


def submitted_graphs(settings: Settings) -> set[str]:
    """The graphs that have a kept version."""
    root = settings.submissions_dir
    return {dataset_versions.versions(f)[-1].graph for f in dataset_versions.folders(root)}


def _content(path: Path, graph: str) -> Iterator[Quad]:
    name = NamedNode(graph)
    with path.open("rb") as handle:
        for quad in parse(handle, RdfFormat.N_TRIPLES):
            yield Quad(quad.subject, quad.predicate, quad.object, name)


def _records(folders: list[Path], base_iri: str) -> Iterator[Quad]:
    for folder in folders:
        for version in dataset_versions.versions(folder):
            yield from prov_quads(version, folder.name, base_iri)


def source_graphs(settings: Settings) -> list[SourceGraph]:
    """One graph per kept graph (its newest version), and the graph of the write records."""
    folders = [  # a test instance's default graph is not a graph the build loads
        f for f in dataset_versions.folders(settings.submissions_dir) if f.name != "g-default"
    ]
    sources = []
    for folder in folders:
        newest = dataset_versions.versions(folder)[-1]
        path = dataset_versions.content_file(folder, newest.version)
        sources.append(
            SourceGraph(
                newest.graph,
                "dataset",
                (path, path.with_suffix(".json")),
                partial(_content, path, newest.graph),
            )
        )
    if folders:
        records = [p for f in folders for p in sorted(f.glob("v*.json"))]
        sources.append(
            SourceGraph(
                changes_graph(settings.base_iri),
                "dataset",
                tuple(records),
                lambda: _records(folders, settings.base_iri),
            )
        )
    return sources
