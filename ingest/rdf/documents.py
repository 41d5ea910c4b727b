"""The registry graph: one ``ess:SourceDocument`` per entry of ``data/documents.yaml``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePath

from pyoxigraph import Literal, NamedNode, Quad

from ess_core.iris import Iris
from ess_core.namespaces import DCTERMS, FOAF, ORG, PROV, RDF, SKOS, SPDX, XSD, ess_namespace
from ess_core.settings import Settings
from ingest.curation import curation_files
from ingest.rdf.publisher import PublisherIndex
from ingest.rdf.records import extracted_files
from ingest.rdf.sources import SourceGraph
from ingest.registry import Document, load_registry, registry_path


def document_iri(iris: Iris, document: Document) -> NamedNode:
    """``<base>id/document/<id>``."""
    return NamedNode(iris.resource("document", document.id))


def _issued(document: Document) -> Literal:
    datatype = XSD("gYear" if document.is_year else "gYearMonth" if document.is_month else "date")
    return Literal(document.date, datatype=datatype)


def document_quads(
    iris: Iris, document: Document, graph: NamedNode, publishers: PublisherIndex | None = None
) -> Iterator[Quad]:
    """The quads describing one registered document; its publisher is the organisation of
    ``publishers`` it names, when there is one."""
    ess = ess_namespace(iris)
    doc = document_iri(iris, document)
    found = (publishers or PublisherIndex()).resolve(document.publisher)
    publisher = NamedNode(iris.resource("organisation", found.key))
    checksum = NamedNode(doc.value + "#checksum")
    triples: list[tuple[NamedNode, NamedNode, NamedNode | Literal]] = [
        (doc, RDF("type"), ess("SourceDocument")),
        (doc, RDF("type"), PROV("Entity")),
        (doc, RDF("type"), FOAF("Document")),
        (doc, DCTERMS("identifier"), Literal(document.id)),
        (doc, DCTERMS("title"), Literal(document.title, language=document.language)),
        (doc, DCTERMS("publisher"), publisher),
        (doc, DCTERMS("issued"), _issued(document)),
        (doc, DCTERMS("language"), Literal(document.language, datatype=XSD("language"))),
        (doc, ess("genre"), NamedNode(iris.resource("concept/genre", document.genre))),
        (doc, ess("territoryLabel"), Literal(document.territory, language=document.language)),
        # the file's name only: an absolute path of the machine that added it is no data
        (doc, DCTERMS("source"), Literal(PurePath(document.file).name)),
        (doc, SPDX("checksum"), checksum),
        (checksum, RDF("type"), SPDX("Checksum")),
        (checksum, SPDX("algorithm"), SPDX("checksumAlgorithm_sha256")),
        (checksum, SPDX("checksumValue"), Literal(document.sha256, datatype=XSD("hexBinary"))),
        (publisher, RDF("type"), ORG("Organization")),
        (publisher, SKOS("prefLabel"), Literal(found.label, language=document.language)),
    ]
    if document.territory_ref is not None:
        kind, key = document.territory_ref.split("/", 1)
        triples.append((doc, DCTERMS("spatial"), NamedNode(iris.resource(kind, key))))
    if document.date_precision != "day":
        triples.append((doc, ess("datePrecision"), Literal(document.date_precision)))
    if document.date_note is not None:
        triples.append((doc, ess("dateNote"), Literal(document.date_note, language="en")))
    for subject, predicate, obj in triples:
        yield Quad(subject, predicate, obj, graph)


def source_graphs(settings: Settings) -> list[SourceGraph]:
    """The registry graph ``<base>graph/registry`` built from ``data/documents.yaml``."""
    iris = Iris(settings.base_iri)
    graph = iris.graph("registry")

    def quads() -> Iterator[Quad]:
        node = NamedNode(graph)
        publishers = PublisherIndex.from_settings(settings)
        for document in load_registry(settings):
            yield from document_quads(iris, document, node, publishers)

    # the publishers resolve against the curation and the records: they are inputs too
    inputs = (registry_path(settings), *curation_files(settings), *extracted_files(settings))
    return [SourceGraph(graph, "registry", inputs, quads)]
