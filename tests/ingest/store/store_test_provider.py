"""Providers for the build tests: organisations from ``<data_dir>/test-records.jsonl``
(origin extraction) and ``<data_dir>/test-reference.jsonl`` (origin reference).

Each line is ``{"id": "<slug>", "label": "<name>"}``; a record without ``label`` gives an
``org:Organization`` without ``skos:prefLabel``, which the shapes reject.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from pyoxigraph import Literal, NamedNode, Quad

from ess_core.iris import Iris
from ess_core.namespaces import ORG, RDF, SKOS
from ess_core.settings import Settings
from ingest.rdf.sources import OriginKind, SourceGraph

PROVIDERS = (
    "ingest.rdf.ontology:source_graphs",
    "ingest.rdf.documents:source_graphs",
    "store_test_provider:source_graphs",
)
WITH_REFERENCE = (*PROVIDERS, "store_test_provider:reference_graphs")
RECORDS = [{"id": "apes", "label": "Apes"}, {"id": "garage-solidaire", "label": "Garage solidaire"}]


def write_records(
    settings: Settings, records: list[dict[str, str]], file: str = "test-records.jsonl"
) -> Path:
    """Write ``records`` as a test JSONL file of ``settings``."""
    path = settings.data_dir / file
    path.write_text("".join(json.dumps(r) + "\n" for r in records), "utf-8")
    return path


def _graph(settings: Settings, file: str, graph: str, origin: OriginKind) -> SourceGraph:
    iris = Iris(settings.base_iri)
    path = settings.data_dir / file

    def quads() -> Iterator[Quad]:
        for line in path.read_text("utf-8").splitlines():
            record = json.loads(line)
            node = NamedNode(iris.resource("organisation", record["id"]))
            yield Quad(node, RDF("type"), ORG("Organization"), NamedNode(graph))
            if "label" in record:
                label = Literal(record["label"], language="fr")
                yield Quad(node, SKOS("prefLabel"), label, NamedNode(graph))

    return SourceGraph(graph, origin, (path,), quads)


def source_graphs(settings: Settings) -> list[SourceGraph]:
    graph = Iris(settings.base_iri).graph("document", "test-records")
    return [_graph(settings, "test-records.jsonl", graph, "extraction")]


def reference_graphs(settings: Settings) -> list[SourceGraph]:
    graph = Iris(settings.base_iri).graph("reference", "test")
    return [_graph(settings, "test-reference.jsonl", graph, "reference")]
