"""Imported datasets (``data/datasets/<name>/``) -> RDF, each in ``<base>graph/dataset/<name>``.

The rows of a dataset go through the CSVW mapping of its kind (``ingest/datasets/mappings``);
the dataset itself is described from its ``metadata.json`` (title, import time, source files
and their sha256). The build loads every dataset folder: a rebuild never drops an import.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from functools import partial

from pyoxigraph import Literal, NamedNode, Quad

from ess_core.iris import Iris
from ess_core.namespaces import DCAT, DCTERMS, QB, RDF, SKOS, XSD
from ess_core.settings import Settings
from ingest.datasets.csvw import Processor
from ingest.datasets.files import Dataset, mapping_of, mapping_path, read_datasets
from ingest.rdf.sources import SourceGraph

TITLES = {
    "sirene": "Établissements ESS du répertoire SIRENE",
    "rna": "Associations du RNA",
    "figures": "Chiffres d'observatoire",
}
SCHEMES = {
    "sirene": ("naf", "nomenclature d'activités française (NAF rév. 2)"),
    "rna": ("rna-object", "objets sociaux des associations (nomenclature RNA)"),
}


def _description(dataset: Dataset, iris: Iris, graph: NamedNode) -> Iterator[Quad]:
    node = NamedNode(iris.resource("dataset", dataset.name))
    meta = dataset.metadata
    files = ", ".join(f"{s['file']} (sha256 {s['sha256']})" for s in meta.get("sources", []))
    counts = ", ".join(f"{k}: {v}" for k, v in meta.get("counts", {}).items())
    yield Quad(node, RDF("type"), DCAT("Dataset"), graph)
    if dataset.kind == "figures":
        yield Quad(node, RDF("type"), QB("DataSet"), graph)
    yield Quad(
        node,
        DCTERMS("title"),
        Literal(f"{TITLES[dataset.kind]} ({dataset.name})", language="fr"),
        graph,
    )
    yield Quad(node, DCTERMS("created"), Literal(meta["imported"], datatype=XSD("dateTime")), graph)
    yield Quad(
        node,
        DCTERMS("description"),
        Literal(f"Imported by ess-graph import {dataset.kind} from {files}; {counts}."),
        graph,
    )
    if dataset.kind in SCHEMES:
        key, label = SCHEMES[dataset.kind]
        scheme = NamedNode(f"{iris.base}id/concept/{key}")
        yield Quad(scheme, RDF("type"), SKOS("ConceptScheme"), graph)
        yield Quad(scheme, SKOS("prefLabel"), Literal(label, language="fr"), graph)


def dataset_quads(dataset: Dataset, settings: Settings) -> Iterator[Quad]:
    """The quads of one dataset: its description, then its mapped rows."""
    iris = Iris(settings.base_iri)
    graph = NamedNode(iris.graph("dataset", dataset.name))
    yield from _description(dataset, iris, graph)
    processor = Processor(mapping_of(dataset.kind), iris)
    with dataset.rows.open(encoding="utf-8", newline="") as handle:
        for s, p, o in processor.all_triples(csv.DictReader(handle)):
            yield Quad(s, p, o, graph)


def source_graphs(settings: Settings) -> list[SourceGraph]:
    """One graph per dataset folder of ``data/datasets``, except those a submission through
    the service superseded (:mod:`ingest.rdf.submissions` loads its newest version)."""
    from ingest.rdf.submissions import submitted_graphs

    iris = Iris(settings.base_iri)
    superseded = submitted_graphs(settings)
    return [
        SourceGraph(
            iris.graph("dataset", d.name),
            "dataset",
            (d.rows, d.folder / "metadata.json", mapping_path(d.kind)),
            partial(dataset_quads, d, settings),
        )
        for d in read_datasets(settings)
        if iris.graph("dataset", d.name) not in superseded
    ]
