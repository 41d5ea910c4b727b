"""Curation decisions -> RDF, in ``<base>graph/curation``: the canonical name and the
aliases of each curated person, organisation or project, its identifiers (SIREN, RNA) and
its ``owl:sameAs`` links. Only about nodes the extraction produced: curation links and names,
it never adds a node of its own.
"""

from __future__ import annotations

from collections.abc import Iterator

from pyoxigraph import Literal, NamedNode, Quad

from ess_core.iris import Iris, slugify
from ess_core.namespaces import (
    ADMS,
    FOAF,
    ORG,
    OWL,
    RDF,
    RDFS,
    ROV,
    SKOS,
    WIKIDATA,
    Triple,
    ess_namespace,
)
from ess_core.settings import Settings
from ingest.curation import load_curation
from ingest.extract.emit import read_records
from ingest.rdf.records import extracted_files
from ingest.rdf.sources import SourceGraph

_IRI_KIND = {"person": "person", "organisation": "organisation", "programme": "project"}


REGISTERS = {
    "siren": ("SIREN", "INSEE (répertoire SIRENE)"),
    "rna": ("RNA", "Ministère de l'Intérieur (RNA)"),
}
WIKIDATA_AGENCY = "Wikidata"


def identifier_triples(iris: Iris, node: NamedNode, scheme: str, value: str) -> list[Triple]:
    """ADMS identifier node of ``value`` (``<base>id/identifier/<scheme>-<value>``) and its
    links: ``rov:registration`` for a register, ``owl:sameAs`` the item for Wikidata."""
    ident = NamedNode(f"{iris.base}id/identifier/{scheme}-{value}")
    label, agency = REGISTERS.get(scheme, ("Wikidata", WIKIDATA_AGENCY))
    triples: list[Triple] = [
        (node, ADMS("identifier"), ident),
        (ident, RDF("type"), ADMS("Identifier")),
        (ident, SKOS("notation"), Literal(value)),
        (ident, ADMS("schemaAgency"), Literal(agency)),
        (ident, RDFS("label"), Literal(f"{label} {value}")),
    ]
    if scheme in REGISTERS:
        triples.append((node, ROV("registration"), ident))
    else:
        triples.append((node, OWL("sameAs"), WIKIDATA(value)))
    return triples


def curation_quads(settings: Settings) -> Iterator[Quad]:
    """Quads of the curation graph, for the curated entities that some record mentions."""
    iris = Iris(settings.base_iri)
    ess = ess_namespace(iris)
    graph = NamedNode(iris.graph("curation"))
    extracted = {
        (r["kind"], r["key"])
        for path in extracted_files(settings)
        for r in read_records(path)
        if r["type"] == "entity"
    }
    seen: set[tuple[NamedNode, NamedNode, NamedNode | Literal]] = set()
    for entity in load_curation(settings).entities:
        key = slugify(entity.canonical)
        if (entity.kind, key) not in extracted:
            continue
        node = NamedNode(iris.resource(_IRI_KIND[entity.kind], key))
        triples: list[tuple[NamedNode, NamedNode, NamedNode | Literal]] = [
            (node, SKOS("altLabel"), Literal(alias, language="fr")) for alias in entity.aliases
        ]
        if entity.kind == "organisation":
            triples += [
                (node, RDF("type"), ORG("Organization")),
                (node, SKOS("prefLabel"), Literal(entity.canonical, language="fr")),
            ]
        elif entity.kind == "person":
            triples += [
                (node, RDF("type"), FOAF("Person")),
                (node, FOAF("name"), Literal(entity.canonical)),
            ]
        for scheme, value in entity.identifiers:
            triples.append((node, ess(scheme), Literal(value)))
            triples += identifier_triples(iris, node, scheme, value)
            if scheme in REGISTERS:
                triples.append((node, RDF("type"), ROV("RegisteredOrganization")))
        triples += [
            (node, OWL("sameAs"), NamedNode(iri.replace("https://w3id.org/ess-hdf/", iris.base, 1)))
            for iri in entity.same_as
        ]
        for triple in triples:
            if triple not in seen:
                seen.add(triple)
                yield Quad(*triple, graph)


def source_graphs(settings: Settings) -> list[SourceGraph]:
    """The curation graph (empty when nothing is curated)."""
    from ingest.curation import curation_files

    inputs = tuple(curation_files(settings)) + tuple(extracted_files(settings))
    return [
        SourceGraph(
            Iris(settings.base_iri).graph("curation"),
            "curation",
            inputs,
            lambda: curation_quads(settings),
        )
    ]
