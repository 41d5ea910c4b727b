"""Namespaces of the vocabularies the graph reuses, as pyoxigraph term factories.

``ORG("Membership")`` is ``NamedNode("http://www.w3.org/ns/org#Membership")``. The ``ess:``
namespace depends on the base IRI setting: use :func:`ess_namespace`.
"""

from __future__ import annotations

from dataclasses import dataclass

from pyoxigraph import Literal, NamedNode

from ess_core.iris import Iris


@dataclass(frozen=True)
class Namespace:
    """An IRI prefix; calling it with a local name gives the term."""

    iri: str

    def __call__(self, local_name: str) -> NamedNode:
        return NamedNode(self.iri + local_name)


RDF = Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
RDFS = Namespace("http://www.w3.org/2000/01/rdf-schema#")
OWL = Namespace("http://www.w3.org/2002/07/owl#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
DCAT = Namespace("http://www.w3.org/ns/dcat#")
VOID = Namespace("http://rdfs.org/ns/void#")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
ORG = Namespace("http://www.w3.org/ns/org#")
ROV = Namespace("http://www.w3.org/ns/regorg#")
PROV = Namespace("http://www.w3.org/ns/prov#")
TIME = Namespace("http://www.w3.org/2006/time#")
QB = Namespace("http://purl.org/linked-data/cube#")
SDMX_DIMENSION = Namespace("http://purl.org/linked-data/sdmx/2009/dimension#")
SDMX_ATTRIBUTE = Namespace("http://purl.org/linked-data/sdmx/2009/attribute#")
SDMX_MEASURE = Namespace("http://purl.org/linked-data/sdmx/2009/measure#")
OA = Namespace("http://www.w3.org/ns/oa#")
IGEO = Namespace("http://rdf.insee.fr/def/geo#")
SCHEMA = Namespace("https://schema.org/")
ESSGLOBAL = Namespace("http://purl.org/essglobal/vocab/")
SH = Namespace("http://www.w3.org/ns/shacl#")
SPDX = Namespace("http://spdx.org/rdf/terms#")
ADMS = Namespace("http://www.w3.org/ns/adms#")
GEO = Namespace("http://www.opengis.net/ont/geosparql#")
WIKIDATA = Namespace("http://www.wikidata.org/entity/")
# Used by the REST API's JSON-LD context only (no triple of the graph uses it).
HYDRA = Namespace("http://www.w3.org/ns/hydra/core#")

PREFIXES: dict[str, str] = {
    "rdf": RDF.iri,
    "rdfs": RDFS.iri,
    "owl": OWL.iri,
    "xsd": XSD.iri,
    "skos": SKOS.iri,
    "dcterms": DCTERMS.iri,
    "dcat": DCAT.iri,
    "void": VOID.iri,
    "foaf": FOAF.iri,
    "org": ORG.iri,
    "rov": ROV.iri,
    "prov": PROV.iri,
    "time": TIME.iri,
    "qb": QB.iri,
    "sdmx-dimension": SDMX_DIMENSION.iri,
    "sdmx-attribute": SDMX_ATTRIBUTE.iri,
    "sdmx-measure": SDMX_MEASURE.iri,
    "oa": OA.iri,
    "igeo": IGEO.iri,
    "schema": SCHEMA.iri,
    "essglobal": ESSGLOBAL.iri,
    "spdx": SPDX.iri,
    "adms": ADMS.iri,
    "geo": GEO.iri,
}


def ess_namespace(iris: Iris) -> Namespace:
    """The ``ess:`` ontology namespace for this base IRI."""
    return Namespace(iris.ontology)


def prefixes(iris: Iris) -> dict[str, str]:
    """All prefixes, ``ess:`` included, for queries and serialisations."""
    return {**PREFIXES, "ess": iris.ontology}


# A triple as the record mappers build it (subject, predicate, object; no blank nodes).
Triple = tuple[NamedNode, NamedNode, NamedNode | Literal]
