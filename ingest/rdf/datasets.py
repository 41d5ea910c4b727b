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


PRIORITY = {"sirene": 0, "rna": 1, "figures": 2}
"""Which import names a unit found in several registers: SIRENE (the legal unit's name) first."""
SINGLE = ("http://www.w3.org/2004/02/skos/core#prefLabel", "http://www.w3.org/ns/regorg#legalName")
"""Properties an organisation has once (``sh:uniqueLang``, ``sh:maxCount 1``)."""


def named_elsewhere(datasets: list[Dataset], base_iri: str) -> dict[str, set[str]]:
    """Dataset name -> the organisations (IRIs) that a dataset of higher priority names too.

    A unit in both the SIRENE and the RNA imports is one organisation (both key it by its
    SIREN, ``siren-<SIREN>``); its name and legal name come from the first import, the other
    import's become alternative labels (:func:`dataset_quads`)."""
    owner: dict[str, str] = {}
    demoted: dict[str, set[str]] = {d.name: set() for d in datasets}
    for dataset in sorted(datasets, key=lambda d: (PRIORITY.get(d.kind, 9), d.name)):
        if dataset.kind == "figures":
            continue
        with dataset.rows.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                if not row.get("pref_label") and not row.get("legal_name"):
                    continue
                iri = f"{base_iri}id/organisation/{row['org']}"
                first = owner.setdefault(iri, dataset.name)
                if first != dataset.name:
                    demoted[dataset.name].add(iri)
    return demoted


def dataset_quads(
    dataset: Dataset, settings: Settings, demoted: frozenset[str] = frozenset()
) -> Iterator[Quad]:
    """The quads of one dataset: its description, then its mapped rows. The names and legal
    names of the organisations in ``demoted`` become ``skos:altLabel``."""
    iris = Iris(settings.base_iri)
    graph = NamedNode(iris.graph("dataset", dataset.name))
    yield from _description(dataset, iris, graph)
    processor = Processor(mapping_of(dataset.kind), iris)
    alt = SKOS("altLabel")
    with dataset.rows.open(encoding="utf-8", newline="") as handle:
        for s, p, o in processor.all_triples(csv.DictReader(handle)):
            if demoted and p.value in SINGLE and s.value in demoted:
                p = alt
            yield Quad(s, p, o, graph)


def source_graphs(settings: Settings) -> list[SourceGraph]:
    """One graph per dataset folder of ``data/datasets``, except those a submission through
    the service superseded (:mod:`ingest.rdf.submissions` loads its newest version)."""
    from ingest.rdf.submissions import submitted_graphs

    iris = Iris(settings.base_iri)
    superseded = submitted_graphs(settings)
    datasets = read_datasets(settings)
    demoted = named_elsewhere(datasets, settings.base_iri)
    return [
        SourceGraph(
            iris.graph("dataset", d.name),
            "dataset",
            (d.rows, d.folder / "metadata.json", mapping_path(d.kind)),
            partial(dataset_quads, d, settings, frozenset(demoted[d.name])),
        )
        for d in datasets
        if iris.graph("dataset", d.name) not in superseded
    ]
