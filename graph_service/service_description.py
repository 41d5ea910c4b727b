"""RDF descriptions of the service and its data: SPARQL Service Description, VoID, DCAT.

The three share one dataset IRI, ``<public_url>dataset``, and one service IRI, the endpoint
``<public_url>sparql`` (a ``sd:Service`` and a ``dcat:DataService``). Figures come from
:class:`~graph_service.backends.stats.DatasetStats`.
"""

from __future__ import annotations

from pyoxigraph import BlankNode, Literal, NamedNode, Triple

from ess_core.settings import Settings
from graph_service.backends.stats import DatasetStats

SD = "http://www.w3.org/ns/sparql-service-description#"
VOID = "http://rdfs.org/ns/void#"
DCAT = "http://www.w3.org/ns/dcat#"
DCT = "http://purl.org/dc/terms/"
FORMATS = "http://www.w3.org/ns/formats/"
RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
IANA = "http://www.iana.org/assignments/media-types/"
LICENCE = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"
"""Etalab Licence Ouverte 2.0 (compatible with CC BY 4.0), the licence of the source data."""
TITLE = "Graphe de l'économie sociale et solidaire en Hauts-de-France"
DESCRIPTION = (
    "Organisations, acteurs, territoires, plans et partenariats de l'ESS en "
    "Hauts-de-France, extraits de documents publics, avec la provenance de chaque fait."
)
PREFIXES = {
    "sd": SD,
    "void": VOID,
    "dcat": DCAT,
    "dcterms": DCT,
    "formats": FORMATS,
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
RESULT_FORMATS = (
    "SPARQL_Results_JSON",
    "SPARQL_Results_XML",
    "SPARQL_Results_CSV",
    "SPARQL_Results_TSV",
    "Turtle",
    "N-Triples",
    "RDF_XML",
    "JSON-LD",
)
MERGED_DEFAULT = (
    "The merge of all named graphs: each distinct triple once, whichever graphs "
    "state it (GRAPH ?g tells which)."
)
UNION_DEFAULT = "The union of all named graphs: one copy of a triple per graph stating it."
DUMPS = (("all.nq.gz", "application/n-quads"), ("all.trig.gz", "application/trig"))

Node = NamedNode | BlankNode


class _Graph:
    """A list of triples with terse adders."""

    def __init__(self) -> None:
        self.triples: list[Triple] = []

    def add(self, s: Node, p: str, o: NamedNode | BlankNode | Literal | str | int) -> None:
        if isinstance(o, str):
            o = NamedNode(o)
        elif isinstance(o, int):
            o = Literal(str(o), datatype=NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
        self.triples.append(Triple(s, NamedNode(p), o))

    def typed(self, s: Node, *classes: str) -> Node:
        for cls in classes:
            self.triples.append(Triple(s, RDF_TYPE, NamedNode(cls)))
        return s


def endpoint(settings: Settings) -> NamedNode:
    return NamedNode(settings.public_url + "sparql")


def dataset(settings: Settings) -> NamedNode:
    return NamedNode(settings.public_url + "dataset")


def graph_dump_name(settings: Settings, graph: str) -> str | None:
    """``document/apes-2024`` for ``<base>graph/document/apes-2024``; None for other graphs."""
    prefix = settings.base_iri + "graph/"
    return graph[len(prefix) :] if graph.startswith(prefix) else None


def service_description(settings: Settings, stats: DatasetStats) -> list[Triple]:
    """SPARQL 1.1 Service Description of the endpoint."""
    g = _Graph()
    service = g.typed(endpoint(settings), SD + "Service")
    g.add(service, SD + "endpoint", endpoint(settings))
    g.add(service, SD + "supportedLanguage", SD + "SPARQL11Query")
    if settings.write_tokens_file is not None:  # updates with a write token
        g.add(service, SD + "supportedLanguage", SD + "SPARQL11Update")
    for fmt in RESULT_FORMATS:
        g.add(service, SD + "resultFormat", FORMATS + fmt)
    if settings.union_default_graph:
        g.add(service, SD + "feature", SD + "UnionDefaultGraph")
    if settings.service_allowlist:
        g.add(service, SD + "feature", SD + "BasicFederatedQuery")
    g.add(service, SD + "defaultEntailmentRegime", "http://www.w3.org/ns/entailment/Simple")
    data = g.typed(dataset(settings), SD + "Dataset", VOID + "Dataset")
    g.add(service, SD + "defaultDataset", data)
    default = g.typed(BlankNode(), SD + "Graph")
    g.add(data, SD + "defaultGraph", default)
    g.add(default, VOID + "triples", stats.default_triples)
    g.add(
        default,
        DCT + "description",
        Literal(UNION_DEFAULT if settings.union_default_graph else MERGED_DEFAULT, language="en"),
    )
    for iri, count in stats.graphs.items():
        named = g.typed(BlankNode(), SD + "NamedGraph")
        g.add(data, SD + "namedGraph", named)
        g.add(named, SD + "name", iri)
        inner = g.typed(BlankNode(), SD + "Graph")
        g.add(named, SD + "graph", inner)
        g.add(inner, VOID + "triples", count)
    return g.triples


def _common(g: _Graph, settings: Settings, data: Node) -> None:
    g.add(data, DCT + "title", Literal(TITLE, language="fr"))
    g.add(data, DCT + "description", Literal(DESCRIPTION, language="fr"))
    g.add(data, DCT + "license", LICENCE)
    g.add(data, VOID + "sparqlEndpoint", endpoint(settings))
    g.add(data, DCT + "spatial", settings.base_iri + "id/region/32")


def void_description(settings: Settings, stats: DatasetStats) -> list[Triple]:
    """VoID: size, class and property partitions, per-graph subsets, linksets, dumps."""
    g = _Graph()
    data = g.typed(dataset(settings), VOID + "Dataset")
    _common(g, settings, data)
    g.add(data, VOID + "uriSpace", Literal(settings.base_iri + "id/"))
    for name, _ in DUMPS:
        g.add(data, VOID + "dataDump", settings.public_url + "dumps/" + name)
    g.add(data, VOID + "triples", stats.default_triples)
    g.add(data, VOID + "entities", stats.entities)
    g.add(data, VOID + "classes", len(stats.classes))
    g.add(data, VOID + "properties", len(stats.properties))
    for cls, count in stats.classes.items():
        part = BlankNode()
        g.add(data, VOID + "classPartition", part)
        g.add(part, VOID + "class", cls)
        g.add(part, VOID + "entities", count)
    for prop, count in stats.properties.items():
        part = BlankNode()
        g.add(data, VOID + "propertyPartition", part)
        g.add(part, VOID + "property", prop)
        g.add(part, VOID + "triples", count)
    for iri, count in stats.graphs.items():
        subset = g.typed(BlankNode(), VOID + "Dataset")
        g.add(data, VOID + "subset", subset)
        g.add(subset, SD + "name", iri)
        g.add(subset, VOID + "triples", count)
        stem = graph_dump_name(settings, iri)
        if stem is not None:
            g.add(subset, VOID + "dataDump", f"{settings.public_url}dumps/graph/{stem}.nq.gz")
    for predicate, space, count in stats.links:
        links = g.typed(BlankNode(), VOID + "Linkset")
        target = g.typed(BlankNode(), VOID + "Dataset")
        g.add(target, VOID + "uriSpace", Literal(space))
        g.add(data, VOID + "subset", links)
        g.add(links, VOID + "subjectsTarget", data)
        g.add(links, VOID + "objectsTarget", target)
        g.add(links, VOID + "linkPredicate", predicate)
        g.add(links, VOID + "triples", count)
    return g.triples


def dcat_description(settings: Settings, stats: DatasetStats) -> list[Triple]:
    """DCAT: the dataset, its gzipped dumps and its SPARQL data service."""
    g = _Graph()
    data = g.typed(dataset(settings), DCAT + "Dataset", VOID + "Dataset")
    _common(g, settings, data)
    g.add(data, DCAT + "landingPage", settings.public_url)
    for keyword in ("économie sociale et solidaire", "ESS", "Hauts-de-France"):
        g.add(data, DCAT + "keyword", Literal(keyword, language="fr"))
    g.add(data, VOID + "triples", stats.default_triples)
    for name, media in DUMPS:
        dist = g.typed(BlankNode(), DCAT + "Distribution")
        g.add(data, DCAT + "distribution", dist)
        g.add(dist, DCAT + "downloadURL", settings.public_url + "dumps/" + name)
        g.add(dist, DCAT + "mediaType", IANA + media)
        g.add(dist, DCAT + "compressFormat", IANA + "application/gzip")
        g.add(dist, DCT + "license", LICENCE)
    service = g.typed(endpoint(settings), DCAT + "DataService")
    g.add(service, DCAT + "endpointURL", endpoint(settings))
    g.add(service, DCAT + "endpointDescription", endpoint(settings))
    g.add(service, DCT + "conformsTo", "https://www.w3.org/TR/sparql11-protocol/")
    g.add(service, DCAT + "servesDataset", data)
    access = g.typed(BlankNode(), DCAT + "Distribution")
    g.add(data, DCAT + "distribution", access)
    g.add(access, DCAT + "accessURL", endpoint(settings))
    g.add(access, DCAT + "accessService", service)
    g.add(access, DCT + "license", LICENCE)
    return g.triples
