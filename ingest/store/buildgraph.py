"""The ``<base>graph/build`` graph: the build as an ``ess:Build`` (a ``prov:Activity``).

It tells when the store was built, from which input files, and how many quads each graph and
each origin kind (extraction, curation, reference...) holds, with VoID counts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from pathlib import Path

from pyoxigraph import Literal, NamedNode, Quad

from ess_core.iris import Iris, slugify
from ess_core.namespaces import DCTERMS, PROV, RDF, RDFS, VOID, XSD, ess_namespace
from ingest.rdf.sources import SourceGraph


def _time(moment: dt.datetime) -> Literal:
    return Literal(moment.isoformat(timespec="seconds"), datatype=XSD("dateTime"))


def _relative(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def build_quads(
    iris: Iris,
    sources: list[SourceGraph],
    graph_counts: Mapping[str, int],
    started: dt.datetime,
    ended: dt.datetime,
) -> Iterator[Quad]:
    """Quads of the build graph for a build of ``sources`` with these per-graph counts."""
    ess = ess_namespace(iris)
    graph = NamedNode(iris.graph("build"))
    activity = NamedNode(iris.resource("build", started.strftime("%Y%m%dT%H%M%SZ")))
    stated: list[tuple[NamedNode, NamedNode, NamedNode | Literal]] = [
        (activity, RDF("type"), ess("Build")),
        (activity, RDF("type"), PROV("Activity")),
        (activity, RDFS("label"), Literal(f"build of {started.isoformat(timespec='seconds')}")),
        (activity, PROV("startedAtTime"), _time(started)),
        (activity, PROV("endedAtTime"), _time(ended)),
    ]
    origins: dict[str, int] = {}
    graph_origin: dict[str, str] = {source.graph: source.origin_kind for source in sources}
    for source in sources:
        for path in source.inputs:
            entity = NamedNode(f"{activity.value}#input-{slugify(_relative(path))}")
            stated += [
                (activity, PROV("used"), entity),
                (entity, RDF("type"), PROV("Entity")),
                (entity, RDFS("label"), Literal(_relative(path))),
                (NamedNode(source.graph), PROV("wasDerivedFrom"), entity),
            ]
    for name, count in graph_counts.items():
        origin = graph_origin.get(name, "build")
        origins[origin] = origins.get(origin, 0) + count
        node = NamedNode(name)
        stated += [
            (activity, PROV("generated"), node),
            (node, RDF("type"), VOID("Dataset")),
            (node, ess("originKind"), Literal(origin)),
            (node, VOID("triples"), Literal(str(count), datatype=XSD("integer"))),
        ]
    for origin, count in sorted(origins.items()):
        node = NamedNode(f"{activity.value}#origin-{origin}")
        stated += [
            (activity, PROV("generated"), node),
            (node, RDF("type"), VOID("Dataset")),
            (node, ess("originKind"), Literal(origin)),
            (node, DCTERMS("description"), Literal(f"all graphs of origin {origin}")),
            (node, VOID("triples"), Literal(str(count), datatype=XSD("integer"))),
        ]
    for subject, predicate, obj in dict.fromkeys(stated):
        yield Quad(subject, predicate, obj, graph)
