"""The PROV record of a version as RDF, in ``<base>graph/changes`` (a graph no token writes).

The writer (:mod:`ingest.writes.job`) adds it to the new store; the build
(:mod:`ingest.rdf.submissions`) makes the same quads from the kept records, so a rebuilt
store still says who wrote what.
"""

from __future__ import annotations

from collections.abc import Iterator

from pyoxigraph import Literal, NamedNode, Quad

from ess_core.dataset_versions import Version
from ess_core.iris import slugify
from ess_core.namespaces import DCTERMS, PROV, RDF, RDFS, XSD


def changes_graph(base_iri: str) -> str:
    """The graph of the write records."""
    return f"{base_iri}graph/changes"


def prov_quads(version: Version, key: str, base_iri: str) -> Iterator[Quad]:
    """The activity that made ``version`` of the graph kept under ``key``."""
    graph = NamedNode(changes_graph(base_iri))
    activity = NamedNode(f"{base_iri}id/change/{slugify(key)}-v{version.version}")
    agent = NamedNode(f"{base_iri}id/agent/token-{slugify(version.token)}")
    yield Quad(activity, RDF("type"), PROV("Activity"), graph)
    yield Quad(
        activity, PROV("startedAtTime"), Literal(version.time, datatype=XSD("dateTime")), graph
    )
    yield Quad(activity, PROV("wasAssociatedWith"), agent, graph)
    if version.graph != "DEFAULT":  # the default graph of a test instance has no IRI
        yield Quad(activity, PROV("generated"), NamedNode(version.graph), graph)
    yield Quad(activity, DCTERMS("source"), Literal(version.input), graph)
    yield Quad(
        activity,
        RDFS("comment"),
        Literal(
            f"{version.operation} by token {version.token}: version {version.version}, "
            f"{version.added} triple(s) added, {version.removed} removed, {version.triples} in all"
        ),
        graph,
    )
    yield Quad(agent, RDF("type"), PROV("SoftwareAgent"), graph)
    yield Quad(agent, RDFS("label"), Literal(f"write token {version.token}"), graph)
