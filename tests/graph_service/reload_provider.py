"""A build provider for the reload tests: organisations read from ``<data_dir>/reload.json``.

The file is ``{"labels": {"<slug>": "<name>", ...}, "padding": N}``: each organisation gets a
type and a ``skos:prefLabel``, and ``N`` filler triples (``rdfs:comment``) make answers big
enough to stream over many chunks. Labels ``null`` make the build fail (a bad input).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from pathlib import Path

from pyoxigraph import Literal, NamedNode, Quad

from ess_core.iris import Iris
from ess_core.namespaces import ORG, RDF, RDFS, SKOS
from ess_core.settings import Settings
from ingest.rdf.sources import SourceGraph

PROVIDERS = ("reload_provider:source_graphs",)


def write_data(data_dir: Path, labels: Mapping[str, str | None], padding: int = 0) -> None:
    """Write the input of the next build."""
    data_dir.mkdir(parents=True, exist_ok=True)
    text = json.dumps({"labels": labels, "padding": padding})
    (data_dir / "reload.json").write_text(text, "utf-8")


def source_graphs(settings: Settings) -> list[SourceGraph]:
    iris = Iris(settings.base_iri)
    graph = iris.graph("document", "reload-test")
    path = settings.data_dir / "reload.json"

    def quads() -> Iterator[Quad]:
        data = json.loads(path.read_text("utf-8"))
        for slug, label in data["labels"].items():
            node = NamedNode(iris.resource("organisation", slug))
            yield Quad(node, RDF("type"), ORG("Organization"), NamedNode(graph))
            if label is None:
                raise ValueError(f"organisation {slug} has no label")
            yield Quad(node, SKOS("prefLabel"), Literal(label, language="fr"), NamedNode(graph))
        filler = NamedNode(iris.resource("organisation", "filler"))
        for n in range(data["padding"]):
            text = Literal(f"filler comment number {n:08d} " + "x" * 60)
            yield Quad(filler, RDFS("comment"), text, NamedNode(graph))

    return [SourceGraph(graph, "extraction", (path,), quads)]
